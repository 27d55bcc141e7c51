"""Reminders: 60, 30 and 7 days before expiry, commitments due or overdue; never twice; a real worker."""

import datetime

import pytest
from django.utils import timezone

from coprogrammazione import services
from coprogrammazione.models import Impegno, Promemoria, ProtocolloIntesa
from coprogrammazione.permissions import staff_recipients
from coprogrammazione.tasks import send_protocollo_reminders
from costellazioni.models import Messaggio
from costellazioni.tasks import send_message_email
from tests.coprogrammazione.factories import ImpegnoFactory, protocollo_with_parties, referente_of
from tests.costellazioni.factories import StaffFactory
from tests.costellazioni.test_celery_worker import sent_messages, wait_until

P = ProtocolloIntesa.Stato
T = Promemoria.Tipo


def signed_mou(*, days_left: int, impegno_in: int | None = None):
    """A signed, active MOU ending in ``days_left`` days, set up without rendering a PDF."""
    today = timezone.localdate()
    protocollo, parti = protocollo_with_parties(
        data_inizio=today - datetime.timedelta(days=300), data_fine=today + datetime.timedelta(days=days_left)
    )
    if impegno_in is not None:
        ImpegnoFactory(parte=parti[0], scadenza=today + datetime.timedelta(days=impegno_in))
    protocollo.parti.update(firmato_il=today, firma_sha256="a" * 64, firma_versione=1)
    ProtocolloIntesa.objects.filter(pk=protocollo.pk).update(stato=P.ATTIVO, versione=1, impronta="b" * 64)
    protocollo.refresh_from_db()
    return protocollo, referente_of(parti[0].ente)


@pytest.mark.django_db
class TestReminders:
    @pytest.mark.parametrize(("days", "tipo"), [(60, T.SCADENZA_60), (30, T.SCADENZA_30), (7, T.SCADENZA_7)])
    def test_expiry_thresholds(self, days, tipo):
        staff = StaffFactory()
        protocollo, referente = signed_mou(days_left=days)
        assert services.promemoria_send() == 1
        assert list(Promemoria.objects.values_list("protocollo", "tipo")) == [(protocollo.pk, tipo)]
        for person in (staff, referente):
            messaggio = Messaggio.objects.get(destinatario=person)
            assert f"scade tra {days} giorni" in messaggio.oggetto

    def test_nothing_before_sixty_days(self):
        signed_mou(days_left=61)
        assert services.promemoria_send() == 0
        assert not Messaggio.objects.exists()

    def test_running_twice_the_same_day_sends_nothing_twice(self):
        StaffFactory()
        signed_mou(days_left=30, impegno_in=3)
        signed_mou(days_left=200, impegno_in=-2)
        assert services.promemoria_send() == 3
        messages = Messaggio.objects.count()
        assert services.promemoria_send() == 0
        assert Messaggio.objects.count() == messages
        assert sorted(Promemoria.objects.values_list("tipo", flat=True)) == sorted(
            [T.SCADENZA_30, T.IMPEGNO_IN_SCADENZA, T.IMPEGNO_SCADUTO]
        )

    def test_the_next_threshold_is_sent_on_its_day(self):
        protocollo, _referente = signed_mou(days_left=60)
        assert services.promemoria_send() == 1
        assert services.promemoria_send(today=timezone.localdate() + datetime.timedelta(days=1)) == 0
        assert services.promemoria_send(today=protocollo.data_fine - datetime.timedelta(days=30)) == 1
        assert services.promemoria_send(today=protocollo.data_fine - datetime.timedelta(days=7)) == 1
        assert Promemoria.objects.count() == 3

    def test_commitments_done_or_of_unsigned_mous_are_left_alone(self):
        protocollo, _referente = signed_mou(days_left=200, impegno_in=2)
        protocollo.impegni.update(stato=Impegno.Stato.ADEMPIUTO)
        draft, parti = protocollo_with_parties()
        ImpegnoFactory(parte=parti[0], scadenza=timezone.localdate())
        assert services.promemoria_send() == 0

    def test_the_unique_row_holds_in_the_database(self):
        from django.db import IntegrityError, transaction

        protocollo, _referente = signed_mou(days_left=30)
        Promemoria.objects.create(protocollo=protocollo, tipo=T.SCADENZA_30, data=timezone.localdate())
        with pytest.raises(IntegrityError, match="coprog_promemoria_protocollo_unico"), transaction.atomic():
            Promemoria.objects.create(protocollo=protocollo, tipo=T.SCADENZA_30, data=timezone.localdate())

    def test_the_task_follows_dates_then_reminds(self):
        protocollo, _referente = signed_mou(days_left=45)
        assert send_protocollo_reminders.delay().get() == 1
        protocollo.refresh_from_db()
        assert protocollo.stato == P.IN_SCADENZA

    def test_the_schedule_is_in_the_database(self):
        from django_celery_beat.models import PeriodicTask

        task = PeriodicTask.objects.get(task="coprogrammazione.tasks.send_protocollo_reminders")
        assert task.enabled and task.crontab.hour == "8"


@pytest.mark.celery_worker
def test_a_real_worker_runs_the_reminders_once(celery_worker, mail_dir):
    """Tasks store no result, so the test watches their effects. The worker is one process taking the tasks of a
    queue in order: once a third run has reminded a later MOU, the second run has finished."""
    staff = StaffFactory(email="ufficio@comune.venezia.example")
    protocollo, referente = signed_mou(days_left=7)
    expected = {person.email for person in staff_recipients()} | {referente.email}
    assert staff.email in expected

    send_protocollo_reminders.delay()
    wait_until(lambda: Messaggio.objects.count() == len(expected), celery_worker, what="first run's reminders")
    send_protocollo_reminders.delay()
    successivo, _referente = signed_mou(days_left=7)
    send_protocollo_reminders.delay()
    wait_until(lambda: Promemoria.objects.filter(protocollo=successivo).exists(), celery_worker, what="third run")

    assert Promemoria.objects.filter(protocollo=protocollo).count() == 1
    assert Promemoria.objects.get(protocollo=protocollo).tipo == T.SCADENZA_7
    primo = Messaggio.objects.filter(oggetto__contains=f"«{protocollo.oggetto}»").select_related("destinatario")
    assert sorted(m.destinatario.email for m in primo) == sorted(expected)
    # Each message leaves as one e-mail, however many times it is asked for.
    totale = Messaggio.objects.count()
    for messaggio in Messaggio.objects.all():
        send_message_email.delay(messaggio.pk)
    wait_until(lambda: len(sent_messages(mail_dir)) == totale, celery_worker, what="reminder e-mails")
    recipients = sorted(message["To"] for message in sent_messages(mail_dir))
    assert recipients == sorted(Messaggio.objects.values_list("destinatario__email", flat=True))
    assert expected | {_referente.email} <= set(recipients)
