"""The hourly convocation task on a real Celery worker: it sends what is due, with the .ics, once."""

import datetime

import pytest
from django.utils import timezone

from governance.models import Riunione
from governance.tasks import convocazioni_send
from tests.costellazioni.factories import StaffFactory, UserFactory
from tests.costellazioni.test_celery_worker import (  # noqa: F401 - fixtures
    celery_on_redis,
    celery_worker,
    mail_dir,
    redis_url,
    sent_messages,
)
from tests.governance.factories import MembroOrganoFactory, OrganoFactory, PuntoFactory, RiunioneFactory
from tests.support import wait_until


@pytest.mark.celery_worker
def test_a_real_worker_sends_the_due_convocations_with_the_calendar_file(celery_worker, mail_dir):  # noqa: F811
    StaffFactory()
    organo = OrganoFactory(nome="Comitato di gestione", giorni_preavviso=7)
    for email in ["marta@example.it", "giorgio@example.it"]:
        MembroOrganoFactory(organo=organo, user=UserFactory(email=email))
    dovuta = RiunioneFactory(
        organo=organo, titolo="Verifica delle azioni", inizio=timezone.now() + datetime.timedelta(days=6)
    )
    PuntoFactory(riunione=dovuta, ordine=1, titolo="Azioni aperte")
    RiunioneFactory(organo=organo, titolo="Più avanti", inizio=timezone.now() + datetime.timedelta(days=20))

    convocazioni_send.delay()

    wait_until(lambda: len(sent_messages(mail_dir)) >= 2, celery_worker, what="two e-mails")
    sent = sent_messages(mail_dir)
    assert sorted(m["To"] for m in sent) == ["giorgio@example.it", "marta@example.it"]
    message = sent[0]
    assert "Convocazione: Verifica delle azioni" in message["Subject"]
    [allegato] = list(message.iter_attachments())
    assert allegato.get_filename() == "convocazione.ics"
    assert "SUMMARY:Comitato di gestione: Verifica delle azioni" in allegato.get_content()
    assert list(Riunione.objects.filter(convocazione_inviata_il__isnull=False)) == [dovuta]
    # The next hourly run finds nothing left to send (run here: tasks store no result to wait on).
    assert convocazioni_send.apply().get() == 0
