"""The outbox: recorded with the write, run once, retried with a growing pause, failed rows re-sent by staff."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from costellazioni.celery import app as celery_app
from costellazioni.models import EventoAudit, OperazioneInCoda
from costellazioni.services import outbox as outbox_service
from costellazioni.services.notifications import EMAIL, MESSAGGIO_EMAIL, notify
from costellazioni.services.outbox import (
    MAX_TENTATIVI,
    operazione_enqueue,
    operazione_resend,
    operazione_run,
    operazioni_sweep,
)
from tests.costellazioni.factories import StaffFactory, UserFactory
from tests.costellazioni.test_celery_worker import _reset_celery_connections

pytestmark = pytest.mark.django_db
Stato = OperazioneInCoda.Stato
SMTP_DOWN = "django.core.mail.backends.smtp.EmailBackend"  # with EMAIL_PORT 9: connection refused


@pytest.fixture
def smtp_down(settings):
    settings.EMAIL_BACKEND = SMTP_DOWN
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 9
    settings.EMAIL_TIMEOUT = 2


def _notify(person):
    (messaggio,) = notify(destinatari=[person], tipo="avviso", oggetto="Avviso", testo="Testo")
    return messaggio


def test_notify_records_the_email_in_the_same_transaction_and_sends_it_after_commit(
    django_capture_on_commit_callbacks,
):
    person = UserFactory(email="marta@example.it")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        messaggio = _notify(person)
    operazione = OperazioneInCoda.objects.for_object(messaggio).get()
    assert (operazione.tipo, operazione.stato) == (MESSAGGIO_EMAIL, Stato.IN_ATTESA)
    assert mail.outbox == []  # nothing leaves before the commit

    for callback in callbacks:
        callback()

    operazione.refresh_from_db()
    assert operazione.stato == Stato.ESEGUITA
    assert operazione.eseguita_il is not None
    assert [m.to for m in mail.outbox] == [["marta@example.it"]]


def test_a_row_run_twice_sends_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        messaggio = _notify(UserFactory())
    operazione = OperazioneInCoda.objects.for_object(messaggio).get()

    assert operazione_run(operazione_id=operazione.pk) is False
    assert len(mail.outbox) == 1


def test_enqueueing_twice_for_one_object_keeps_one_row():
    messaggio = _notify(UserFactory())
    again = operazione_enqueue(tipo=MESSAGGIO_EMAIL, oggetto=messaggio)
    assert OperazioneInCoda.objects.for_object(messaggio).get() == again


def test_an_unknown_kind_is_refused():
    with pytest.raises(LookupError, match="No outbox handler is registered for 'nessuno'"):
        operazione_enqueue(tipo="nessuno")


def test_a_failed_send_waits_longer_each_time_then_fails_for_staff_to_see(smtp_down):
    operazione = operazione_enqueue(tipo=EMAIL, dati={"subject": "Prova", "body": "Testo", "to": ["a@example.it"]})
    pauses = []
    for attempt in range(1, MAX_TENTATIVI + 1):
        before = timezone.now()
        assert operazione_run(operazione_id=operazione.pk) is False
        operazione.refresh_from_db()
        assert operazione.tentativi == attempt
        assert "ConnectionRefusedError" in operazione.ultimo_errore
        if attempt < MAX_TENTATIVI:
            assert operazione.stato == Stato.IN_ATTESA
            pauses.append(operazione.prossimo_tentativo - before)
    assert operazione.stato == Stato.FALLITA
    assert [round(p.total_seconds() / 60) for p in pauses] == [1, 2, 4, 8, 16]
    assert mail.outbox == []


def test_staff_send_a_failed_row_again_and_it_is_audited(settings, django_capture_on_commit_callbacks):
    operazione = OperazioneInCoda.objects.create(
        tipo=EMAIL,
        dati={"subject": "Prova", "body": "Testo", "to": ["a@example.it"]},
        stato=Stato.FALLITA,
        tentativi=MAX_TENTATIVI,
        ultimo_errore="ConnectionRefusedError",
    )
    staff = StaffFactory()
    with django_capture_on_commit_callbacks(execute=True):
        operazione_resend(operazione=operazione, actor=staff)
    operazione.refresh_from_db()
    assert operazione.stato == Stato.ESEGUITA
    assert len(mail.outbox) == 1
    assert EventoAudit.objects.for_object(operazione).filter(stato_da="fallita", stato_a="in_attesa").exists()


def test_a_citizen_cannot_send_a_row_again():
    operazione = OperazioneInCoda.objects.create(tipo=EMAIL, stato=Stato.FALLITA, tentativi=MAX_TENTATIVI)
    with pytest.raises(PermissionDenied, match="Non hai i permessi per questa operazione"):
        operazione_resend(operazione=operazione, actor=UserFactory())
    operazione.refresh_from_db()
    assert operazione.stato == Stato.FALLITA


def test_the_admin_lists_failed_rows_and_sends_them_again(client, django_capture_on_commit_callbacks):
    failed = OperazioneInCoda.objects.create(
        tipo=EMAIL,
        dati={"subject": "Prova", "body": "Testo", "to": ["a@example.it"]},
        stato=Stato.FALLITA,
        tentativi=MAX_TENTATIVI,
        ultimo_errore="SMTPServerDisconnected: Connection unexpectedly closed",
    )
    client.force_login(StaffFactory())
    changelist = reverse("admin:costellazioni_operazioneincoda_changelist")
    page = client.get(changelist, {"stato__exact": "fallita"})
    assert page.status_code == 200
    assert "Fallita" in page.content.decode()
    assert client.get(reverse("admin:costellazioni_operazioneincoda_change", args=[failed.pk])).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(changelist, {"action": "invia_di_nuovo", "_selected_action": [failed.pk]})
    assert response.status_code == 302
    failed.refresh_from_db()
    assert failed.stato == Stato.ESEGUITA
    assert len(mail.outbox) == 1


def test_the_sweeper_queues_rows_still_waiting_and_fails_interrupted_ones_for_staff():
    now = timezone.now()
    due = operazione_enqueue(tipo=EMAIL, dati={"subject": "A", "body": "a", "to": ["a@example.it"]})
    fresh = operazione_enqueue(tipo=EMAIL, dati={"subject": "B", "body": "b", "to": ["b@example.it"]})
    stuck = OperazioneInCoda.objects.create(
        tipo=EMAIL,
        dati={"subject": "C", "body": "c", "to": ["c@example.it"]},
        stato=Stato.IN_CORSO,
        iniziata_il=now - timedelta(minutes=20),
    )
    OperazioneInCoda.objects.filter(pk=due.pk).update(prossimo_tentativo=now - timedelta(seconds=1))
    OperazioneInCoda.objects.filter(pk=fresh.pk).update(prossimo_tentativo=now + timedelta(minutes=2))

    assert operazioni_sweep(now=now) == 1  # eager here: the due row runs at once

    due.refresh_from_db()
    fresh.refresh_from_db()
    stuck.refresh_from_db()
    assert due.stato == Stato.ESEGUITA
    assert fresh.stato == Stato.IN_ATTESA
    # Whether its e-mail left is unknown: never sent again on its own, shown to staff instead.
    assert stuck.stato == Stato.FALLITA
    assert "Interrotta durante l'esecuzione" in stuck.ultimo_errore
    assert [m.subject for m in mail.outbox] == ["A"]
    assert operazioni_sweep(now=now + timedelta(hours=2)) == 1  # the fresh row, once its time came
    assert sorted(m.subject for m in mail.outbox) == ["A", "B"]


def test_a_broker_that_refuses_the_task_does_not_reach_the_person(settings, django_capture_on_commit_callbacks):
    """Celery pointed at a closed port: the change commits, the row waits for the sweeper, nothing raises."""
    conf = celery_app.conf
    saved = {key: conf[key] for key in ("task_always_eager", "broker_url")}
    conf.update(task_always_eager=False, broker_url="redis://127.0.0.1:9/0")
    _reset_celery_connections()
    try:
        with django_capture_on_commit_callbacks(execute=True):
            messaggio = _notify(UserFactory())
    finally:
        conf.update(saved)
        _reset_celery_connections()
    operazione = OperazioneInCoda.objects.for_object(messaggio).get()
    assert operazione.stato == Stato.IN_ATTESA
    assert outbox_service._broker_down_until > 0  # the publish was really refused
    assert mail.outbox == []
    assert outbox_service.operazione_run(operazione_id=operazione.pk) is True
    assert len(mail.outbox) == 1


def test_the_sweeper_runs_every_minute_from_the_database_schedule():
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.get(task="costellazioni.tasks.sweep_outbox")
    assert task.enabled
    assert (task.interval.every, task.interval.period) == (1, "minutes")
    assert task.task in celery_app.tasks


def test_after_a_refusal_the_next_rows_do_not_wait_for_the_broker_again(django_capture_on_commit_callbacks):
    conf = celery_app.conf
    saved = {key: conf[key] for key in ("task_always_eager", "broker_url")}
    conf.update(task_always_eager=False, broker_url="redis://127.0.0.1:9/0")
    _reset_celery_connections()
    try:
        with django_capture_on_commit_callbacks(execute=True):
            notify(destinatari=UserFactory.create_batch(3), tipo="avviso", oggetto="Avviso", testo="Testo")
        assert outbox_service._broker_down_until > 0
    finally:
        conf.update(saved)
        _reset_celery_connections()
    assert OperazioneInCoda.objects.filter(stato=Stato.IN_ATTESA).count() == 3
    # Within the pause the dispatch does not even try; the sweeper always tries, and sends them all.
    assert outbox_service.operazione_dispatch(OperazioneInCoda.objects.first().pk, queue="mail") is False
    assert operazioni_sweep(now=timezone.now() + timedelta(minutes=5)) == 3
    assert len(mail.outbox) == 3
