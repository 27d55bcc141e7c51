import functools

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from costellazioni.models import Messaggio, User
from costellazioni.services.email import digest_recipient_ids, messaggi_digest_send, messaggio_email_send
from costellazioni.services.notifications import messaggi_mark_all_read, messaggio_mark_read, notify
from costellazioni.services.outbox import operazione_dispatch
from costellazioni.tasks import send_digests
from tests.costellazioni.factories import MessaggioFactory, UserFactory

pytestmark = pytest.mark.django_db


def _notify(destinatari, **overrides):
    fields = {
        "tipo": "avviso",
        "oggetto": "Il bando è aperto",
        "testo": "Puoi presentare la candidatura fino al 30 giugno.",
        "link": "/bandi/",
    }
    return notify(destinatari=destinatari, **(fields | overrides))


class TestNotify:
    def test_writes_one_message_per_recipient(self, django_capture_on_commit_callbacks):
        people = UserFactory.create_batch(3)
        with django_capture_on_commit_callbacks(execute=True):
            messaggi = _notify([*people, people[0]])
        assert len(messaggi) == 3
        assert {m.destinatario_id for m in Messaggio.objects.all()} == {p.pk for p in people}
        assert all(m.letto_il is None for m in Messaggio.objects.all())

    def test_immediate_gets_one_email_after_commit(self, django_capture_on_commit_callbacks):
        person = UserFactory(email_digest=User.Digest.IMMEDIATE, first_name="Laura", last_name="Rossi")
        with django_capture_on_commit_callbacks() as callbacks:
            _notify([person])
            assert mail.outbox == []
        # the e-mail's dispatch, and the unread count forgotten again after the commit
        assert [c.func for c in callbacks if isinstance(c, functools.partial)] == [operazione_dispatch]
        for callback in callbacks:
            callback()
        assert len(mail.outbox) == 1
        email = mail.outbox[0]
        assert email.to == [person.email]
        assert email.subject == "[Costellazioni civiche] Il bando è aperto"
        assert "Gentile Laura Rossi," in email.body
        assert "Puoi presentare la candidatura fino al 30 giugno." in email.body
        assert "/bandi/" in email.body
        html, mimetype = email.alternatives[0]
        assert mimetype == "text/html"
        assert "Il bando è aperto" in html
        assert Messaggio.objects.get().email_inviata_il is not None

    @pytest.mark.parametrize("digest", [User.Digest.DAILY, User.Digest.NEVER])
    def test_daily_and_never_get_no_immediate_email(self, django_capture_on_commit_callbacks, digest):
        person = UserFactory(email_digest=digest)
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            _notify([person])
        assert not [c for c in callbacks if isinstance(c, functools.partial)]  # no e-mail dispatched
        assert mail.outbox == []
        assert Messaggio.objects.get().email_inviata_il is None

    def test_inactive_person_gets_no_email(self, django_capture_on_commit_callbacks):
        person = UserFactory(is_active=False)
        with django_capture_on_commit_callbacks(execute=True):
            _notify([person])
        assert mail.outbox == []

    def test_nothing_is_sent_when_the_transaction_rolls_back(self, django_capture_on_commit_callbacks):
        person = UserFactory()

        class Boom(Exception):
            pass

        with (
            django_capture_on_commit_callbacks(execute=True) as callbacks,
            pytest.raises(Boom, match="rolled back"),
            transaction.atomic(),
        ):
            _notify([person])
            raise Boom("rolled back")
        assert callbacks == []
        assert mail.outbox == []
        assert not Messaggio.objects.exists()

    def test_text_email_is_not_html_escaped(self, django_capture_on_commit_callbacks):
        person = UserFactory()
        with django_capture_on_commit_callbacks(execute=True):
            _notify([person], testo='L\'ente "Laguna" & soci')
        assert 'L\'ente "Laguna" & soci' in mail.outbox[0].body

    def test_link_must_be_a_path_on_the_portal(self):
        with pytest.raises(ValueError, match="takes a path on this portal"):
            _notify([UserFactory()], link="https://example.com/phishing")


class TestMessaggioEmailSend:
    def test_sends_once_even_when_retried(self):
        messaggio = MessaggioFactory()
        assert messaggio_email_send(messaggio_id=messaggio.pk) is True
        assert messaggio_email_send(messaggio_id=messaggio.pk) is False
        assert len(mail.outbox) == 1

    def test_leaves_the_message_to_the_digest_when_the_preference_changed(self):
        messaggio = MessaggioFactory(destinatario__email_digest=User.Digest.DAILY)
        assert messaggio_email_send(messaggio_id=messaggio.pk) is False
        assert mail.outbox == []
        assert digest_recipient_ids() == [messaggio.destinatario_id]

    def test_missing_message_is_ignored(self):
        assert messaggio_email_send(messaggio_id=987654) is False


class TestDigest:
    def test_one_email_listing_the_messages_not_yet_sent(self):
        person = UserFactory(email_digest=User.Digest.DAILY)
        old = MessaggioFactory(destinatario=person, oggetto="Già inviato", email_inviata_il=timezone.now())
        first = MessaggioFactory(destinatario=person, oggetto="Primo avviso", link="/bandi/")
        second = MessaggioFactory(destinatario=person, oggetto="Secondo avviso")
        MessaggioFactory(oggetto="Di un'altra persona")

        assert messaggi_digest_send(user=person) == 2

        assert len(mail.outbox) == 1
        email = mail.outbox[0]
        assert email.to == [person.email]
        assert "2 nuovi messaggi" in email.subject
        assert "Primo avviso" in email.body and "Secondo avviso" in email.body
        assert "Già inviato" not in email.body
        assert "Di un'altra persona" not in email.body
        assert email.body.index("Primo avviso") < email.body.index("Secondo avviso")
        first.refresh_from_db()
        second.refresh_from_db()
        old_sent = old.email_inviata_il
        old.refresh_from_db()
        assert first.email_inviata_il is not None and second.email_inviata_il is not None
        assert old.email_inviata_il == old_sent

    def test_is_idempotent(self):
        person = UserFactory(email_digest=User.Digest.DAILY)
        MessaggioFactory(destinatario=person)
        assert messaggi_digest_send(user=person) == 1
        assert messaggi_digest_send(user=person) == 0
        assert len(mail.outbox) == 1

    @pytest.mark.parametrize("digest", [User.Digest.IMMEDIATE, User.Digest.NEVER])
    def test_only_for_people_who_chose_it(self, digest):
        person = UserFactory(email_digest=digest)
        MessaggioFactory(destinatario=person)
        assert messaggi_digest_send(user=person) == 0
        assert mail.outbox == []

    def test_locks_rows_and_skips_locked_ones(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        person = UserFactory(email_digest=User.Digest.DAILY)
        MessaggioFactory(destinatario=person)
        with CaptureQueriesContext(connection) as queries:
            messaggi_digest_send(user=person)
        assert any("FOR UPDATE SKIP LOCKED" in q["sql"] for q in queries.captured_queries)

    def test_task_sends_one_email_per_person_who_chose_the_digest(self):
        anna = UserFactory(email_digest=User.Digest.DAILY)
        bruno = UserFactory(email_digest=User.Digest.DAILY)
        carla = UserFactory(email_digest=User.Digest.NEVER)
        dario = UserFactory(email_digest=User.Digest.IMMEDIATE, email="dario@example.it")
        MessaggioFactory.create_batch(3, destinatario=anna)
        MessaggioFactory(destinatario=bruno)
        MessaggioFactory(destinatario=carla)
        MessaggioFactory(destinatario=dario, email_inviata_il=timezone.now())
        UserFactory(email_digest=User.Digest.DAILY)  # nothing new: no e-mail

        assert send_digests.delay().get() == 2

        assert sorted(e.to[0] for e in mail.outbox) == sorted([anna.email, bruno.email])
        assert send_digests.delay().get() == 0
        assert len(mail.outbox) == 2


class TestMarkRead:
    def test_marks_one_of_mine(self):
        messaggio = MessaggioFactory()
        messaggio_mark_read(user=messaggio.destinatario, messaggio_id=messaggio.pk)
        messaggio.refresh_from_db()
        assert messaggio.letto_il is not None

    def test_keeps_the_first_reading_time(self):
        messaggio = MessaggioFactory(letto_il=timezone.now() - timezone.timedelta(days=2))
        first = messaggio.letto_il
        messaggio_mark_read(user=messaggio.destinatario, messaggio_id=messaggio.pk)
        messaggio.refresh_from_db()
        assert messaggio.letto_il == first

    def test_another_persons_message_does_not_exist(self):
        messaggio = MessaggioFactory()
        with pytest.raises(Messaggio.DoesNotExist, match="matching query does not exist"):
            messaggio_mark_read(user=UserFactory(), messaggio_id=messaggio.pk)
        messaggio.refresh_from_db()
        assert messaggio.letto_il is None

    def test_marks_all_of_mine_only(self):
        person = UserFactory()
        MessaggioFactory.create_batch(3, destinatario=person)
        other = MessaggioFactory()
        assert messaggi_mark_all_read(user=person) == 3
        assert not Messaggio.objects.for_user(person).unread().exists()
        other.refresh_from_db()
        assert other.letto_il is None
