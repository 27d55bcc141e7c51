import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError

from costellazioni import roles
from costellazioni.models import Messaggio
from ricerca import charts, services
from ricerca.models import CollegamentoToc, ElementoToc, TeoriaCambiamento
from tests.admin_form import admin_form_data
from tests.costellazioni.factories import StaffFactory, UserFactory
from tests.ricerca.factories import ElementoFactory, TeoriaFactory

pytestmark = pytest.mark.django_db
T = TeoriaCambiamento.Stato


@pytest.fixture
def staff():
    return StaffFactory()


@pytest.fixture
def comitato():
    return UserFactory(groups=[roles.MEMBRO_ORGANO])


def catena(teoria, n=3):
    return [ElementoFactory(teoria=teoria) for _ in range(n)]


def test_links_that_would_close_a_cycle_are_refused(staff):
    teoria = TeoriaFactory()
    a, b, c = catena(teoria)
    services.teoria_collegamento_add(da=a, a=b, actor=staff)
    services.teoria_collegamento_add(da=b, a=c, actor=staff)
    with pytest.raises(ValidationError, match="creerebbe un ciclo") as error:
        services.teoria_collegamento_add(da=c, a=a, actor=staff)
    assert error.value.code == "ciclo"
    assert CollegamentoToc.objects.count() == 2


def test_a_self_link_is_refused_by_the_database():
    elemento = ElementoFactory()
    with pytest.raises(IntegrityError, match="collegamento_toc_non_su_se_stesso"):
        CollegamentoToc.objects.create(teoria=elemento.teoria, da=elemento, a=elemento)


def test_a_self_link_is_a_cycle_for_the_service(staff):
    elemento = ElementoFactory()
    with pytest.raises(ValidationError, match="creerebbe un ciclo"):
        services.teoria_collegamento_add(da=elemento, a=elemento, actor=staff)


def test_links_stay_within_one_version(staff):
    with pytest.raises(ValidationError, match="versioni diverse"):
        services.teoria_collegamento_add(da=ElementoFactory(), a=ElementoFactory(), actor=staff)


def test_an_approved_version_is_not_edited(staff, comitato):
    teoria = TeoriaFactory()
    a, b = catena(teoria, 2)
    teoria = services.teoria_transition(teoria=teoria, to=T.IN_CONSULTAZIONE, actor=staff)
    with pytest.raises(ValidationError, match="solo una versione in bozza"):
        services.teoria_collegamento_add(da=a, a=b, actor=staff)


def test_the_committee_approves_and_the_previous_version_is_superseded(staff, comitato):
    prima = TeoriaFactory(versione=1)
    services.teoria_transition(teoria=prima, to=T.IN_CONSULTAZIONE, actor=staff)
    services.teoria_transition(teoria=prima, to=T.APPROVATA, actor=comitato)
    seconda = services.teoria_nuova_versione(da=prima, actor=staff)
    seconda = services.teoria_transition(teoria=seconda, to=T.IN_CONSULTAZIONE, actor=staff)
    commentatore = UserFactory()
    services.teoria_commento_add(teoria=seconda, autore=commentatore, testo="Aggiungere le scuole")
    seconda = services.teoria_transition(teoria=seconda, to=T.APPROVATA, actor=comitato)
    prima.refresh_from_db()
    assert (prima.stato, seconda.stato) == (T.SUPERATA, T.APPROVATA)
    assert seconda.approvata_da == comitato
    assert TeoriaCambiamento.objects.corrente() == seconda
    assert Messaggio.objects.get(destinatario=commentatore).link == seconda.get_absolute_url()


def test_staff_cannot_approve_for_the_committee(staff):
    teoria = services.teoria_transition(teoria=TeoriaFactory(), to=T.IN_CONSULTAZIONE, actor=staff)
    with pytest.raises(PermissionDenied, match="Non hai i permessi"):
        services.teoria_transition(teoria=teoria, to=T.APPROVATA, actor=staff)


def test_only_one_approved_version_in_the_database():
    TeoriaFactory(stato=T.APPROVATA)
    with pytest.raises(IntegrityError, match="teoria_una_sola_approvata"):
        TeoriaFactory(stato=T.APPROVATA)


def test_comments_only_while_in_consultation(staff):
    teoria = TeoriaFactory()
    with pytest.raises(PermissionDenied, match="non è aperta ai commenti"):
        services.teoria_commento_add(teoria=teoria, autore=UserFactory(), testo="Presto")


def test_a_new_version_copies_elements_links_and_indicators(staff):
    teoria = TeoriaFactory()
    a, b = catena(teoria, 2)
    a.indicatori.create(nome="Persone agganciate")
    services.teoria_collegamento_add(da=a, a=b, actor=staff)
    nuova = services.teoria_nuova_versione(da=teoria, actor=staff)
    assert nuova.versione == teoria.versione + 1 and nuova.stato == T.BOZZA
    assert sorted(nuova.elementi.values_list("titolo", flat=True)) == sorted([a.titolo, b.titolo])
    collegamento = nuova.collegamenti.get()
    assert (collegamento.da.titolo, collegamento.a.titolo) == (a.titolo, b.titolo)
    assert collegamento.da.indicatori.get().nome == "Persone agganciate"


def test_the_diagram_names_every_element_in_escaped_svg(staff):
    teoria = TeoriaFactory()
    a = ElementoFactory(teoria=teoria, tipo=ElementoToc.Tipo.PROBLEMA, titolo="Case <umide> & fredde")
    b = ElementoFactory(teoria=teoria, tipo=ElementoToc.Tipo.IMPATTO, titolo="Città sicura")
    services.teoria_collegamento_add(da=a, a=b, actor=staff)
    svg = charts.teoria_svg(teoria, [a, b], list(teoria.collegamenti.all()))
    assert "Case &lt;umide&gt; &amp; fredde" in svg and "Città sicura" in svg
    assert svg.count("marker-end") == 1


def test_a_link_closing_a_cycle_in_the_admin_is_shown_next_to_the_form(client):
    from django.contrib.messages import get_messages

    staff = StaffFactory(is_superuser=True)
    teoria = TeoriaFactory()
    a, b, c = catena(teoria)
    services.teoria_collegamento_add(da=a, a=b, actor=staff)
    services.teoria_collegamento_add(da=b, a=c, actor=staff)
    client.force_login(staff)
    url = f"/admin/ricerca/teoriacambiamento/{teoria.pk}/change/"
    data = admin_form_data(client.get(url).content.decode())
    prefix = next(
        name[: -len("-TOTAL_FORMS")] for name in data if name.endswith("-TOTAL_FORMS") and "collegament" in name
    )
    extra = int(data[f"{prefix}-TOTAL_FORMS"]) - 1
    data.update({f"{prefix}-{extra}-da": c.pk, f"{prefix}-{extra}-a": a.pk, "titolo": "Teoria rivista"})
    response = client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "errornote" in html and "creerebbe un ciclo" in html
    assert not [m for m in get_messages(response.wsgi_request) if "successo" in str(m)]
    assert CollegamentoToc.objects.count() == 2
    teoria.refresh_from_db()
    assert teoria.titolo != "Teoria rivista"  # the whole save was rolled back


def test_a_link_of_a_draft_is_removed_but_not_one_of_an_approved_version(staff):
    teoria = TeoriaFactory()
    a, b = catena(teoria, 2)
    collegamento = services.teoria_collegamento_add(da=a, a=b, actor=staff)

    services.teoria_collegamento_delete(collegamento=collegamento, actor=staff)

    assert not CollegamentoToc.objects.exists()
    approvata = TeoriaFactory(stato=T.APPROVATA)
    c, d = catena(approvata, 2)
    fisso = CollegamentoToc.objects.create(teoria=approvata, da=c, a=d)
    with pytest.raises(ValidationError, match="solo una versione in bozza") as error:
        services.teoria_collegamento_delete(collegamento=fisso, actor=staff)
    assert error.value.code == "non_in_bozza"
    assert CollegamentoToc.objects.filter(pk=fisso.pk).exists()
