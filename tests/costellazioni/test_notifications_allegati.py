"""Attachments of notifications: stored with the message, attached to the immediate e-mail, named in the digest,
downloadable only by the recipient."""

import pytest
from django.core import mail
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from costellazioni.models import Messaggio, User
from costellazioni.models.notifiche import ALLEGATO_MAX_BYTES, AllegatoMessaggio
from costellazioni.services.email import messaggi_digest_send
from costellazioni.services.notifications import notify
from tests.costellazioni.factories import MessaggioFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

ICS = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"


def _notify(destinatari, allegati=(("prenotazione.ics", ICS, "text/calendar"),), **overrides):
    fields = {
        "tipo": "prenotazione",
        "oggetto": "Prenotazione confermata",
        "testo": "La sala è tua.",
        "link": "/area-personale/prenotazioni/",
    }
    return notify(destinatari=destinatari, allegati=allegati, **(fields | overrides))


def allegato_url(allegato):
    return reverse("area_personale_messaggio_allegato", args=[allegato.messaggio_id, allegato.pk])


class TestNotifyWithAttachments:
    def test_each_recipient_gets_their_own_copy(self):
        people = UserFactory.create_batch(2)
        messaggi = _notify(
            people, allegati=[("prenotazione.ics", ICS, "text/calendar"), ("ricevuta.pdf", PDF, "application/pdf")]
        )
        for messaggio in messaggi:
            assert [(a.nome_file, bytes(a.contenuto), a.tipo_mime) for a in messaggio.allegati.all()] == [
                ("prenotazione.ics", ICS, "text/calendar"),
                ("ricevuta.pdf", PDF, "application/pdf"),
            ]
        assert AllegatoMessaggio.objects.count() == 4

    def test_one_immediate_email_carries_the_attachments(self, django_capture_on_commit_callbacks):
        person = UserFactory(email_digest=User.Digest.IMMEDIATE)
        with django_capture_on_commit_callbacks(execute=True):
            _notify([person])
        assert len(mail.outbox) == 1
        email = mail.outbox[0]
        assert email.attachments == [("prenotazione.ics", ICS.decode(), "text/calendar")]
        assert "In allegato: prenotazione.ics" in email.body
        assert "In allegato: prenotazione.ics" in email.alternatives[0][0]

    def test_without_attachments_nothing_changes(self, django_capture_on_commit_callbacks):
        person = UserFactory()
        with django_capture_on_commit_callbacks(execute=True):
            _notify([person], allegati=())
        assert mail.outbox[0].attachments == [] and "In allegato" not in mail.outbox[0].body
        assert not AllegatoMessaggio.objects.exists()

    def test_rolled_back_with_the_message(self, django_capture_on_commit_callbacks):
        class Boom(Exception):
            pass

        with (
            django_capture_on_commit_callbacks(execute=True),
            pytest.raises(Boom, match="rolled back"),
            transaction.atomic(),
        ):
            _notify([UserFactory()])
            raise Boom("rolled back")
        assert not AllegatoMessaggio.objects.exists() and mail.outbox == []

    def test_too_big_is_refused(self):
        with pytest.raises(ValueError, match="takes files up to"):
            _notify(
                [UserFactory()], allegati=[("grande.bin", b"x" * (ALLEGATO_MAX_BYTES + 1), "application/octet-stream")]
            )
        assert not Messaggio.objects.exists()

    def test_the_file_name_cannot_carry_a_path(self):
        [messaggio] = _notify([UserFactory()], allegati=[("../../etc/passwd ics", ICS, "text/calendar")])
        assert "/" not in messaggio.allegati.get().nome_file

    def test_the_digest_names_them_with_a_download_link(self):
        person = UserFactory(email_digest=User.Digest.DAILY)
        [messaggio] = _notify([person])
        assert mail.outbox == []
        assert messaggi_digest_send(user=person) == 1
        email = mail.outbox[0]
        assert email.attachments == []
        url = allegato_url(messaggio.allegati.get())
        assert "prenotazione.ics" in email.body and url in email.body
        assert url in email.alternatives[0][0]


class TestMessagePage:
    def test_lists_the_attachments_and_the_recipient_downloads_them(self, client):
        person = UserFactory()
        [messaggio] = _notify([person])
        allegato = messaggio.allegati.get()
        client.force_login(person)
        html = client.get(reverse("area_personale_messaggi")).content.decode()
        assert f'href="{allegato_url(allegato)}"' in html and "prenotazione.ics" in html
        response = client.get(allegato_url(allegato))
        assert response.status_code == 200
        assert response["Content-Type"] == "text/calendar"
        assert response["Content-Disposition"] == 'attachment; filename="prenotazione.ics"'
        assert response.content == ICS

    def test_nobody_else_downloads_them(self, client):
        [messaggio] = _notify([UserFactory()])
        url = allegato_url(messaggio.allegati.get())
        assert client.get(url).status_code == 302  # to the login
        client.force_login(UserFactory())
        assert client.get(url).status_code == 404
        client.force_login(StaffFactory())
        assert client.get(url).status_code == 404
        other = MessaggioFactory(destinatario=messaggio.destinatario)
        client.force_login(messaggio.destinatario)
        wrong_message = reverse("area_personale_messaggio_allegato", args=[other.pk, messaggio.allegati.get().pk])
        assert client.get(wrong_message).status_code == 404

    def test_query_count_does_not_grow_with_attachments(self, client, django_assert_num_queries):
        person = UserFactory()
        _notify([person])
        client.force_login(person)
        with CaptureQueriesContext(connection) as one:
            client.get(reverse("area_personale_messaggi"))
        for _ in range(15):
            _notify([person], allegati=[("a.ics", ICS, "text/calendar"), ("b.pdf", PDF, "application/pdf")])
        with django_assert_num_queries(len(one.captured_queries)):
            response = client.get(reverse("area_personale_messaggi"))
        assert response.content.decode().count("b.pdf") == 15

    def test_staff_see_the_names_in_the_admin(self, client):
        [messaggio] = _notify([UserFactory()])
        admin = StaffFactory(is_superuser=True)
        client.force_login(admin)
        html = client.get(reverse("admin:costellazioni_messaggio_change", args=[messaggio.pk])).content.decode()
        assert "prenotazione.ics" in html
