import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from costellazioni.models import Messaggio
from tests.costellazioni.factories import MessaggioFactory, UserFactory

pytestmark = pytest.mark.django_db

LISTA = reverse("area_personale_messaggi")
TUTTI_LETTI = reverse("area_personale_messaggi_letti")


def letto_url(messaggio):
    return reverse("area_personale_messaggio_letto", args=[messaggio.pk])


@pytest.fixture
def person(client):
    user = UserFactory()
    client.force_login(user)
    return user


class TestLista:
    def test_login_required(self, client):
        response = client.get(LISTA)
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]

    def test_shows_my_messages_only(self, client, person):
        MessaggioFactory(destinatario=person, oggetto="Esito della verifica", testo="L'ente è verificato.")
        MessaggioFactory(oggetto="Messaggio di un'altra persona")
        response = client.get(LISTA)
        assert response.status_code == 200
        content = response.content.decode()
        assert "Esito della verifica" in content
        assert "Messaggio di un&#x27;altra persona" not in content
        assert "Messaggio di un'altra persona" not in content

    def test_unread_are_highlighted_and_dates_italian(self, client, person):
        when = timezone.make_aware(timezone.datetime(2026, 3, 5, 9, 15))
        unread = MessaggioFactory(destinatario=person, oggetto="Nuovo")
        read = MessaggioFactory(destinatario=person, oggetto="Vecchio", letto_il=timezone.now())
        Messaggio.objects.filter(pk=unread.pk).update(creato_il=when)
        content = client.get(LISTA).content.decode()
        assert "5 marzo 2026, 09:15" in content.lower()
        assert content.count("Da leggere") == 1
        assert letto_url(unread) in content
        assert letto_url(read) not in content
        assert TUTTI_LETTI in content

    def test_link_is_shown(self, client, person):
        MessaggioFactory(destinatario=person, link="/bandi/")
        assert 'href="/bandi/"' in client.get(LISTA).content.decode()

    def test_empty(self, client, person):
        response = client.get(LISTA)
        assert "Nessun messaggio" in response.content.decode()
        assert TUTTI_LETTI not in response.content.decode()

    def test_paginated_by_twenty(self, client, person):
        MessaggioFactory.create_batch(45, destinatario=person)
        response = client.get(LISTA)
        assert len(response.context["messaggi"]) == 20
        assert response.context["page_obj"].paginator.num_pages == 3
        assert len(client.get(LISTA, {"page": 3}).context["messaggi"]) == 5
        assert len(client.get(LISTA, {"page": "nonsense"}).context["messaggi"]) == 20

    def test_query_count_is_the_same_for_1_and_50_messages(self, client, person, django_assert_num_queries):
        MessaggioFactory(destinatario=person)
        with CaptureQueriesContext(connection) as one:
            client.get(LISTA)
        MessaggioFactory.create_batch(25, destinatario=person)
        MessaggioFactory.create_batch(24, destinatario=person, letto_il=timezone.now(), link="/bandi/")
        with django_assert_num_queries(len(one.captured_queries)):
            response = client.get(LISTA, {"page": 2})
        assert len(response.context["messaggi"]) == 20


class TestSegnaLetto:
    def test_marks_mine_and_returns_to_the_same_page(self, client, person):
        messaggio = MessaggioFactory(destinatario=person)
        response = client.post(letto_url(messaggio), {"page": "2"})
        assert response.status_code == 302
        assert response["Location"] == LISTA + "?page=2"
        messaggio.refresh_from_db()
        assert messaggio.letto_il is not None

    def test_another_persons_message_is_404(self, client, person):
        messaggio = MessaggioFactory()
        response = client.post(letto_url(messaggio))
        assert response.status_code == 404
        messaggio.refresh_from_db()
        assert messaggio.letto_il is None

    def test_get_is_not_allowed(self, client, person):
        messaggio = MessaggioFactory(destinatario=person)
        assert client.get(letto_url(messaggio)).status_code == 405
        messaggio.refresh_from_db()
        assert messaggio.letto_il is None

    def test_login_required(self, client):
        messaggio = MessaggioFactory()
        assert client.post(letto_url(messaggio)).status_code == 302
        messaggio.refresh_from_db()
        assert messaggio.letto_il is None

    def test_csrf_required(self, person):
        from django.test import Client

        strict = Client(enforce_csrf_checks=True)
        strict.force_login(person)
        messaggio = MessaggioFactory(destinatario=person)
        assert strict.post(letto_url(messaggio)).status_code == 403


class TestSegnaTuttiLetti:
    def test_marks_all_mine_only(self, client, person):
        MessaggioFactory.create_batch(3, destinatario=person)
        other = MessaggioFactory()
        response = client.post(TUTTI_LETTI)
        assert response.status_code == 302
        assert response["Location"] == LISTA
        assert not Messaggio.objects.for_user(person).unread().exists()
        other.refresh_from_db()
        assert other.letto_il is None

    def test_unread_count_drops_to_zero(self, client, person):
        MessaggioFactory.create_batch(2, destinatario=person)
        assert client.get(LISTA).context["unread_messages"] == 2
        client.post(TUTTI_LETTI)
        assert client.get(LISTA).context["unread_messages"] == 0


class TestMessaggioAdmin:
    @pytest.fixture
    def admin_client(self, client):
        from costellazioni.models import User

        client.force_login(User.objects.create_superuser("admin@comune.venezia.it", "Laguna-Admin-2026"))
        return client

    def test_read_only_list_with_filters_and_search(self, admin_client):
        MessaggioFactory(oggetto="Esito della candidatura", destinatario__email="chiara@example.it")
        MessaggioFactory(oggetto="Promemoria", letto_il=timezone.now(), tipo="ente")
        url = reverse("admin:costellazioni_messaggio_changelist")
        assert admin_client.get(url).context["cl"].result_count == 2
        assert admin_client.get(url, {"letto": "no"}).context["cl"].result_count == 1
        assert admin_client.get(url, {"letto": "si"}).context["cl"].result_count == 1
        assert admin_client.get(url, {"tipo__exact": "ente"}).context["cl"].result_count == 1
        assert admin_client.get(url, {"q": "chiara@example.it"}).context["cl"].result_count == 1

    def test_no_add_change_or_delete(self, admin_client):
        messaggio = MessaggioFactory()
        change_url = reverse("admin:costellazioni_messaggio_change", args=[messaggio.pk])
        assert admin_client.get(change_url).status_code == 200
        assert admin_client.post(change_url, {"oggetto": "cambiato"}).status_code == 403
        assert admin_client.get(reverse("admin:costellazioni_messaggio_add")).status_code == 403
        delete_url = reverse("admin:costellazioni_messaggio_delete", args=[messaggio.pk])
        assert admin_client.post(delete_url, {"post": "yes"}).status_code == 403
        assert Messaggio.objects.filter(pk=messaggio.pk, oggetto=messaggio.oggetto).exists()
