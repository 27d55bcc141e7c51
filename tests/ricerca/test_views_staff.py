import pytest
from django.urls import reverse

from costellazioni import roles
from costellazioni.models import Quartiere
from ricerca import services
from ricerca.models import Bisogno
from tests.costellazioni.factories import StaffFactory, UserFactory
from tests.ricerca.factories import BisognoFactory, StakeholderFactory, questionario_completo

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(StaffFactory())
    return client


@pytest.mark.parametrize("url", ["/ricerca/bisogni/", "/ricerca/stakeholder/"])
def test_visitors_log_in_and_citizens_are_refused(client, url):
    assert client.get(url).status_code == 302
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403


def test_operators_follow_needs_but_not_the_stakeholder_map(client):
    client.force_login(UserFactory(groups=[roles.OPERATORE]))
    assert client.get("/ricerca/bisogni/").status_code == 200
    assert client.get("/ricerca/stakeholder/").status_code == 403


@pytest.mark.parametrize("righe", [1, 50])
def test_needs_list_runs_a_fixed_number_of_queries(staff_client, django_assert_num_queries, righe):
    quartieri = list(Quartiere.objects.order_by("pk")[:3])
    for n in range(righe):
        BisognoFactory(quartiere=quartieri[n % 3])
    with django_assert_num_queries(13):
        response = staff_client.get("/ricerca/bisogni/")
    assert response.status_code == 200
    assert len(response.context["bisogni"]) == min(righe, 25)


def test_needs_list_filters_by_state(staff_client):
    BisognoFactory(descrizione="Ancora da vedere")
    preso = services.bisogno_transition(
        bisogno=BisognoFactory(descrizione="Già in mano"), to="preso_in_carico", actor=StaffFactory()
    )
    response = staff_client.get("/ricerca/bisogni/?stato=preso_in_carico")
    assert list(response.context["bisogni"]) == [preso]


def test_a_need_moves_from_its_page_and_a_missing_reason_is_shown(staff_client):
    bisogno = BisognoFactory()
    url = reverse("ricerca:bisogno", args=[bisogno.pk])
    assert staff_client.post(url, {"stato": "preso_in_carico"}).status_code == 302
    response = staff_client.post(url, {"stato": "indirizzato", "nota": ""})
    assert response.status_code == 400 and "Scrivi la motivazione" in response.content.decode()
    bisogno.refresh_from_db()
    assert bisogno.stato == Bisogno.Stato.PRESO_IN_CARICO
    assert "Bisogno preso in carico" in staff_client.get(url).content.decode()


@pytest.mark.parametrize("righe", [1, 20])
def test_stakeholder_map_runs_a_fixed_number_of_queries(staff_client, django_assert_num_queries, righe):
    import datetime

    for s in StakeholderFactory.create_batch(righe, interesse=4, influenza=5):
        services.stakeholder_livello_set(stakeholder=s, livello=2, data=datetime.date(2026, 3, 1))
        services.stakeholder_livello_set(stakeholder=s, livello=4, data=datetime.date(2026, 6, 1))
    with django_assert_num_queries(6):
        response = staff_client.get("/ricerca/stakeholder/")
    testo = response.content.decode()
    assert "<svg" in testo and "Collaborante" in testo and "01/03/2026: Consultato" in testo


def test_survey_results_and_exports(staff_client):
    q, d = questionario_completo()
    c = services.questionario_start(questionario=q)
    services.questionario_save(
        compilazione=c,
        valori={d["zona"].pk: "Lido", d["sola"].pk: "Mai", d["breve"].pk: "=1+1", d["bisogni"].pk: ["Casa", "Lavoro"]},
        invia=True,
    )
    testo = staff_client.get(reverse("ricerca:risultati", args=[q.slug])).content.decode()
    assert "1 risposta inviata" in testo
    csv_response = staff_client.get(reverse("ricerca:risultati_csv", args=[q.slug]))
    assert csv_response["X-Content-Type-Options"] == "nosniff"
    contenuto = csv_response.content.decode("utf-8-sig")
    assert "Lido" in contenuto and "Casa; Lavoro" in contenuto and "'=1+1" in contenuto
    xlsx = staff_client.get(reverse("ricerca:risultati_xlsx", args=[q.slug]))
    from io import BytesIO

    from openpyxl import load_workbook

    foglio = load_workbook(BytesIO(xlsx.content)).active
    valori = [cell.value for cell in foglio[2]]
    assert "Lido" in valori and "=1+1" in valori and "Casa; Lavoro" in valori
    [formula] = [cell for cell in foglio[2] if cell.value == "=1+1"]
    assert formula.data_type == "s" and formula.quotePrefix  # text as typed, never computed


def test_results_are_for_staff_only(client):
    q, _d = questionario_completo()
    client.force_login(UserFactory(groups=[roles.OPERATORE]))
    assert client.get(reverse("ricerca:risultati_csv", args=[q.slug])).status_code == 403


@pytest.mark.parametrize("righe", [1, 10])
def test_themes_are_counted_with_their_quotes(staff_client, django_assert_num_queries, righe):
    import datetime

    from ricerca.models import Citazione, Intervista, Tema

    solitudine = Tema.objects.create(nome="Solitudine")
    bisogno = BisognoFactory()
    for n in range(righe):
        intervista = Intervista.objects.create(
            titolo=f"Focus group {n}",
            data=datetime.date(2026, 4, 1),
            protocollo="Traccia",
            profilo_partecipanti="5 volontarie",
        )
        Citazione.objects.create(intervista=intervista, tema=solitudine, testo=f"Nessuno passa {n}").bisogni.add(
            bisogno
        )
    with django_assert_num_queries(8):
        response = staff_client.get(reverse("ricerca:temi"))
    testo = response.content.decode()
    assert f"{righe} citazion" in testo and "Nessuno passa 0" in testo and bisogno.categoria.nome in testo
