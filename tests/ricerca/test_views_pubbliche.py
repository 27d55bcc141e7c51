import csv
import io

import pytest
from django.urls import reverse

from costellazioni.models import Quartiere
from ricerca import services
from ricerca.models import TeoriaCambiamento
from tests.costellazioni.factories import StaffFactory, UserFactory
from tests.ricerca.factories import BisognoFactory, ElementoFactory, QuestionarioFactory, TeoriaFactory

pytestmark = pytest.mark.django_db
INDEX = "/ricerca-azione/"


def quartieri(n):
    return list(Quartiere.objects.order_by("pk")[:n])


def test_the_macro_action_page_presents_the_seed_document(client):
    response = client.get(INDEX)
    assert response.status_code == 200
    testo = response.content.decode()
    assert "Stakeholder engagement e teoria del cambiamento" in testo
    assert "Verifica dello stato di maturità dell'ecosistema del welfare generativo" in testo


def test_menu_and_home_card_lead_to_the_page(client):
    home = client.get("/").content.decode()
    assert f'href="{INDEX}"' in home


@pytest.mark.parametrize("righe", [1, 30])
def test_index_runs_a_fixed_number_of_queries(client, django_assert_num_queries, righe):
    grande, piccolo = quartieri(2)
    BisognoFactory.create_batch(righe, quartiere=grande)
    BisognoFactory(quartiere=piccolo)
    QuestionarioFactory.create_batch(min(righe, 3))
    with django_assert_num_queries(8):
        assert client.get(INDEX).status_code == 200


def test_quartieri_below_five_are_never_shown(client):
    grande, piccolo, minimo = quartieri(3)
    BisognoFactory.create_batch(5, quartiere=grande)
    BisognoFactory.create_batch(4, quartiere=piccolo)
    BisognoFactory.create_batch(1, quartiere=minimo)
    testo = client.get(INDEX).content.decode()
    assert grande.nome in testo
    assert piccolo.nome not in testo and minimo.nome not in testo
    assert "con meno di 5 segnalazioni" in testo


def test_open_surveys_are_listed(client):
    aperto = QuestionarioFactory(titolo="Come si vive a Marghera")
    QuestionarioFactory(titolo="Bozza interna", pubblicato=False)
    testo = client.get(INDEX).content.decode()
    assert aperto.titolo in testo and "Bozza interna" not in testo


def test_needs_csv_and_json_hold_only_counts_at_or_above_the_threshold(client):
    grande, piccolo, minimo = quartieri(3)
    BisognoFactory.create_batch(6, quartiere=grande, categoria="casa")
    BisognoFactory.create_batch(2, quartiere=piccolo, categoria="casa")
    BisognoFactory.create_batch(1, quartiere=minimo, categoria="casa")
    response = client.get(reverse("ricerca_azione:bisogni_csv"))
    assert response["Content-Disposition"] == 'attachment; filename="bisogni.csv"'
    righe = list(csv.DictReader(io.StringIO(response.content.decode())))
    citta = [r for r in righe if r["ambito"] == "citta"]
    assert sum(int(r["numero"]) for r in citta) == 9
    assert [(r["quartiere"], r["numero"]) for r in righe if r["ambito"] == "quartiere"] == [(grande.nome, "6")]
    dati = client.get(reverse("ricerca_azione:bisogni_json")).json()
    assert [c["campo"] for c in dati["dizionario"]] == list(righe[0])
    assert piccolo.nome not in str(dati) and minimo.nome not in str(dati)


def test_data_dictionary_page(client):
    testo = client.get(reverse("ricerca_azione:dati")).content.decode()
    assert "categoria_codice" in testo and "Unità" in testo


def test_maturity_page_with_no_round_yet(client):
    assert "non è ancora stata svolta" in client.get(reverse("ricerca_azione:maturita")).content.decode()


@pytest.fixture
def teoria_approvata():
    staff, comitato = StaffFactory(), UserFactory(is_superuser=True, is_staff=True)
    teoria = TeoriaFactory(titolo="Dalla solitudine alla comunità")
    problema = ElementoFactory(teoria=teoria, tipo="problema", titolo="Isolamento degli anziani")
    impatto = ElementoFactory(teoria=teoria, tipo="impatto", titolo="Una città sicura di sé")
    services.teoria_collegamento_add(da=problema, a=impatto, actor=staff)
    teoria = services.teoria_transition(teoria=teoria, to=TeoriaCambiamento.Stato.IN_CONSULTAZIONE, actor=staff)
    return services.teoria_transition(teoria=teoria, to=TeoriaCambiamento.Stato.APPROVATA, actor=comitato)


def test_theory_of_change_page_shows_the_diagram_and_its_text(client, teoria_approvata):
    testo = client.get(reverse("ricerca_azione:teoria")).content.decode()
    assert "<svg" in testo and "Isolamento degli anziani" in testo
    assert "«Isolamento degli anziani» porta a «Una città sicura di sé»" in testo


def test_theory_of_change_pdf(client, teoria_approvata):
    response = client.get(reverse("ricerca_azione:teoria_pdf", args=[teoria_approvata.versione]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert response["Content-Disposition"].startswith("attachment;")
    from pypdf import PdfReader

    testo = " ".join(pagina.extract_text() for pagina in PdfReader(io.BytesIO(response.content)).pages)
    assert "Isolamento degli anziani" in testo and "Una città sicura di sé" in testo


def test_a_draft_version_is_not_public(client):
    bozza = TeoriaFactory()
    assert client.get(reverse("ricerca_azione:teoria_versione", args=[bozza.versione])).status_code == 404
    assert client.get(reverse("ricerca_azione:teoria")).status_code == 404


def test_signed_in_people_comment_a_version_in_consultation(client):
    teoria = services.teoria_transition(
        teoria=TeoriaFactory(), to=TeoriaCambiamento.Stato.IN_CONSULTAZIONE, actor=StaffFactory()
    )
    url = reverse("ricerca_azione:teoria_commenta", args=[teoria.versione])
    assert client.post(url, {"testo": "Anonimo"}).status_code == 403
    client.force_login(UserFactory())
    assert client.post(url, {"testo": ""}).status_code == 400
    assert client.post(url, {"testo": "Mancano le scuole"}).status_code == 302
    assert teoria.commenti.get().testo == "Mancano le scuole"
