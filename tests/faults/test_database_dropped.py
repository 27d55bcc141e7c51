"""The worker's database connections terminated (``pg_terminate_backend``) during a burst of 10 submissions:
every application gets one receipt and one e-mail, and no orphan PDF is left on disk."""

import threading
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connections
from django.utils import timezone

from contributi.models import Candidatura
from costellazioni.models import OperazioneInCoda
from costellazioni.services.outbox import operazioni_sweep
from tests.contributi.factories import open_bando
from tests.faults.conftest import DEADLINE, mails_to, outbox_done, terminate_worker_backends, worker_backends
from tests.faults.helpers import receipt_files, submit_application
from tests.support import wait_until

pytestmark = pytest.mark.celery_worker

BURST = 10
ROUNDS = 12  # terminations, each once the worker has connected again


def test_connections_terminated_during_a_burst_of_submissions(worker_factory, mail_dir):
    bando = open_bando()
    worker = worker_factory()
    stop = threading.Event()
    terminated = []

    def terminate():
        try:
            while not stop.is_set() and len(terminated) < ROUNDS:
                if worker_backends() and terminate_worker_backends():
                    terminated.append(timezone.now())
                stop.wait(0.05)
        finally:
            connections.close_all()

    killer = threading.Thread(target=terminate)
    killer.start()
    try:
        submitted = [submit_application(bando) for _ in range(BURST)]
        wait_until(
            lambda: len(terminated) >= ROUNDS or outbox_done(BURST),
            what="the terminations",
            worker=worker,
            timeout=DEADLINE,
        )
    finally:
        stop.set()
        killer.join(timeout=30)
    assert terminated, "no worker connection was ever terminated"

    def all_sent():
        # As beat would: rows whose delivery failed past the task's own retries are queued again.
        operazioni_sweep(now=timezone.now() + timedelta(minutes=10))
        return outbox_done(BURST)

    wait_until(all_sent, what="every receipt", worker=worker, timeout=DEADLINE)

    assert Candidatura.objects.filter(stato=Candidatura.Stato.PRESENTATA).count() == BURST
    for candidatura in submitted:
        candidatura.refresh_from_db()
        assert candidatura.ricevuta
        (receipt,) = mails_to(mail_dir, candidatura.presentata_da.email)
        assert candidatura.numero_protocollo in receipt["Subject"]
    assert len(receipt_files(settings.MEDIA_ROOT)) == BURST  # no orphan: a retried render replaced its file
    assert not OperazioneInCoda.objects.exclude(stato=OperazioneInCoda.Stato.ESEGUITA).exists()
