"""A task delivered twice (a redelivery after a visibility timeout, a sweeper re-queueing, the old task name):
one receipt, one e-mail."""

import pytest
from django.conf import settings

from contributi.tasks import send_receipt
from costellazioni.celery import RICEVUTE_QUEUE
from costellazioni.models import OperazioneInCoda
from costellazioni.services.notifications import EMAIL
from costellazioni.tasks import run_operazione
from tests.faults.conftest import DEADLINE, mails_to
from tests.faults.helpers import receipt_files, submit_application
from tests.support import wait_until

pytestmark = pytest.mark.celery_worker


def test_a_receipt_delivered_three_times_is_sent_once(worker_factory, mail_dir):
    candidatura = submit_application()  # queued once by the commit
    operazione = OperazioneInCoda.objects.get()
    run_operazione.apply_async(args=[operazione.pk], queue=RICEVUTE_QUEUE)  # ... and twice more
    run_operazione.apply_async(args=[operazione.pk], queue=RICEVUTE_QUEUE)
    send_receipt.delay(candidatura.pk)  # the task name used before the outbox
    # Last in the same queue: once it has run, every delivery before it has run too (one process, FIFO).
    marker = OperazioneInCoda.objects.create(
        tipo=EMAIL, dati={"subject": "Fine", "body": "fine", "to": ["fine@example.it"]}
    )
    run_operazione.apply_async(args=[marker.pk], queue=RICEVUTE_QUEUE)

    worker = worker_factory()
    wait_until(lambda: mails_to(mail_dir, "fine@example.it"), what="the marker e-mail", worker=worker, timeout=DEADLINE)

    (receipt,) = mails_to(mail_dir, candidatura.presentata_da.email)
    assert candidatura.numero_protocollo in receipt["Subject"]
    assert OperazioneInCoda.objects.filter(tipo="contributi.ricevuta").count() == 1
    assert len(receipt_files(settings.MEDIA_ROOT)) == 1
