from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse
from django_celery_beat.models import PeriodicTask

from costellazioni.celery import app as celery_app
from costellazioni.models import OperazioneInCoda, User
from costellazioni.services.notifications import EMAIL
from costellazioni.tasks import send_digest, send_digests, send_email, send_message_email
from tests.costellazioni.factories import MessaggioFactory, UserFactory


@pytest.mark.parametrize(
    "task",
    [
        "costellazioni.tasks.send_email",
        "costellazioni.tasks.send_message_email",
        "costellazioni.tasks.send_digests",
        "costellazioni.tasks.send_digest",
    ],
)
def test_mail_tasks_go_to_the_mail_queue(task):
    assert task in celery_app.tasks
    assert celery_app.amqp.router.route({}, task)["queue"].name == "mail"


def test_other_tasks_go_to_the_default_queue():
    assert celery_app.amqp.router.route({}, "costellazioni.tasks.qualcosa")["queue"].name == "default"


def test_send_email_task():
    assert send_email.delay(subject="Oggetto", body="Testo", to=["a@example.it"], html="<p>Testo</p>").get() == 1
    assert mail.outbox[0].subject == "Oggetto"
    assert mail.outbox[0].alternatives[0] == ("<p>Testo</p>", "text/html")


@pytest.mark.django_db
class TestThinTasks:
    def test_send_message_email_marks_the_message(self):
        messaggio = MessaggioFactory()
        assert send_message_email.delay(messaggio.pk).get() is True
        messaggio.refresh_from_db()
        assert messaggio.email_inviata_il is not None
        assert len(mail.outbox) == 1

    def test_send_digest_for_a_deleted_person_does_nothing(self):
        assert send_digest.delay(987654).get() == 0

    def test_send_digests_fans_out(self):
        MessaggioFactory(destinatario=UserFactory(email_digest=User.Digest.DAILY))
        assert send_digests.delay().get() == 1
        assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_allauth_emails_go_through_the_outbox(client, django_capture_on_commit_callbacks):
    """The account adapter records allauth's e-mails (here: password reset) in the outbox, sent after commit."""
    person = UserFactory(email="giulia@example.it")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_reset_password"), {"email": person.email})
    assert response.status_code == 302
    (operazione,) = OperazioneInCoda.objects.filter(tipo=EMAIL)
    assert operazione.stato == OperazioneInCoda.Stato.ESEGUITA
    assert operazione.dati == {}  # the reset link is not kept once sent
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [person.email]
    assert mail.outbox[0].subject.startswith("[Costellazioni civiche] ")
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


@pytest.mark.django_db
def test_daily_digest_is_scheduled_at_half_past_seven_rome_time():
    task = PeriodicTask.objects.get(name="Riepilogo giornaliero dei messaggi")
    assert task.task == "costellazioni.tasks.send_digests"
    assert task.task in celery_app.tasks
    assert task.enabled
    crontab = task.crontab
    assert (crontab.minute, crontab.hour, crontab.day_of_week, crontab.day_of_month, crontab.month_of_year) == (
        "30",
        "7",
        "*",
        "*",
        "*",
    )
    assert ZoneInfo(str(crontab.timezone)) == ZoneInfo("Europe/Rome")
