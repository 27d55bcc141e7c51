"""Staff record who answered a need from the need's own page, through ``bisogno_link_risposta``."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from costellazioni import roles
from ricerca.models import RispostaBisogno
from tests.costellazioni.factories import EnteFactory, StaffFactory, UserFactory
from tests.ricerca.factories import BisognoFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(StaffFactory())
    return client


def url(bisogno):
    return reverse("ricerca:bisogno_risposta", args=[bisogno.pk])


def test_staff_link_an_answer_to_an_organisation_from_the_need_page(staff_client):
    bisogno, ente = BisognoFactory(), EnteFactory(denominazione="Auser Lido")
    chiave = f"{ContentType.objects.get_for_model(ente).pk}:{ente.pk}"
    assert "Auser Lido" in staff_client.get(reverse("ricerca:bisogno", args=[bisogno.pk])).content.decode()
    response = staff_client.post(
        url(bisogno), {"descrizione": "Le volontarie passano due volte a settimana", "oggetto": chiave}
    )
    assert response.status_code == 302 and response["Location"].endswith("#risposte")
    risposta = RispostaBisogno.objects.get()
    assert (risposta.bisogno, risposta.oggetto, risposta.creata_da.is_staff) == (bisogno, ente, True)
    pagina = staff_client.get(reverse("ricerca:bisogno", args=[bisogno.pk])).content.decode()
    assert "Le volontarie passano due volte a settimana" in pagina


def test_an_answer_without_a_link_is_a_sentence_only(staff_client):
    bisogno = BisognoFactory()
    assert (
        staff_client.post(url(bisogno), {"descrizione": "Indirizzata allo sportello", "oggetto": ""}).status_code == 302
    )
    assert RispostaBisogno.objects.get().content_type is None


def test_a_missing_sentence_is_shown_next_to_the_field_and_the_choice_is_kept(staff_client):
    bisogno, ente = BisognoFactory(), EnteFactory()
    chiave = f"{ContentType.objects.get_for_model(ente).pk}:{ente.pk}"
    response = staff_client.post(url(bisogno), {"descrizione": "  ", "oggetto": chiave})
    assert response.status_code == 400
    testo = response.content.decode()
    assert "Questo campo è obbligatorio." in testo and f'value="{chiave}" selected' in testo
    assert not RispostaBisogno.objects.exists()


def test_an_unknown_link_is_refused(staff_client):
    bisogno = BisognoFactory()
    response = staff_client.post(url(bisogno), {"descrizione": "Seguita", "oggetto": "9999:1"})
    assert response.status_code == 400 and "Scegli un&#x27;opzione valida" in response.content.decode()
    assert not RispostaBisogno.objects.exists()


def test_citizens_cannot_add_answers_and_the_page_takes_only_posts(client):
    bisogno = BisognoFactory()
    client.force_login(UserFactory())
    assert client.post(url(bisogno), {"descrizione": "Fatto"}).status_code == 403
    client.force_login(UserFactory(groups=[roles.OPERATORE]))
    assert client.get(url(bisogno)).status_code == 405
    assert client.post(url(bisogno), {"descrizione": "Passato io a trovarla"}).status_code == 302
    assert RispostaBisogno.objects.get().descrizione == "Passato io a trovarla"


@pytest.mark.parametrize("righe", [1, 20])
def test_the_need_page_runs_a_fixed_number_of_queries(staff_client, django_assert_num_queries, righe):
    bisogno = BisognoFactory()
    enti = EnteFactory.create_batch(righe)
    for ente in enti:
        RispostaBisogno.objects.create(
            bisogno=bisogno,
            descrizione=f"Seguita da {ente}",
            content_type=ContentType.objects.get_for_model(ente),
            object_id=str(ente.pk),
        )
    with django_assert_num_queries(QUERIES_BISOGNO):
        assert staff_client.get(reverse("ricerca:bisogno", args=[bisogno.pk])).status_code == 200


QUERIES_BISOGNO = (
    12  # the session from the cache; the page, its answers and history, and one list per kind of answer to link (4)
)
