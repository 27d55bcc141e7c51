"""A worker's pool process killed (SIGKILL, as the out-of-memory killer does) in the middle of a receipt: the
task goes back to the queue (``acks_late`` + ``reject_on_worker_lost``) and the receipt is sent once."""

import os
import signal

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from contributi.models import Candidatura
from costellazioni.models import OperazioneInCoda
from tests.faults.conftest import DEADLINE, WORKER_APPLICATION_NAME, mails_to
from tests.faults.helpers import receipt_files, submit_application, worker_children
from tests.support import wait_until

pytestmark = pytest.mark.celery_worker


def _blocked_worker_backend() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND application_name = %s AND wait_event_type = 'Lock'",
            [WORKER_APPLICATION_NAME],
        )
        return cursor.fetchone()[0] > 0


def _conninfo() -> str:
    db = connection.settings_dict
    parts = {"dbname": db["NAME"], "user": db["USER"], "password": db["PASSWORD"], "host": db["HOST"]}
    parts["port"] = db["PORT"]
    return " ".join(f"{key}={value}" for key, value in parts.items() if value)


def test_a_child_killed_during_the_receipt_is_redelivered_and_sends_once(worker_factory, mail_dir):
    candidatura = submit_application()  # its receipt is queued on Redis after the commit; no worker runs yet
    (operazione,) = OperazioneInCoda.objects.all()

    # Another session holds the application's row: the receipt task stops inside its rendering step.
    with psycopg.connect(_conninfo()) as holder:
        holder.execute("SELECT id FROM contributi_candidatura WHERE id = %s FOR UPDATE", [candidatura.pk])
        worker = worker_factory(pool="prefork")
        wait_until(_blocked_worker_backend, what="the receipt task to start", worker=worker, timeout=DEADLINE)
        (child,) = worker_children(worker.pid)
        os.kill(child, signal.SIGKILL)
        wait_until(
            lambda: child not in worker_children(worker.pid), what="the child to die", worker=worker, timeout=DEADLINE
        )
        operazione.refresh_from_db()
        assert operazione.stato == OperazioneInCoda.Stato.IN_ATTESA
        holder.rollback()

    wait_until(
        lambda: OperazioneInCoda.objects.filter(pk=operazione.pk, stato=OperazioneInCoda.Stato.ESEGUITA).exists(),
        what="the redelivered receipt",
        worker=worker,
        timeout=DEADLINE,
    )
    assert "WorkerLostError" in worker.log_path.read_text()
    (receipt,) = mails_to(mail_dir, candidatura.presentata_da.email)
    assert candidatura.numero_protocollo in receipt["Subject"]
    assert Candidatura.objects.get(pk=candidatura.pk).ricevuta
    assert len(receipt_files(settings.MEDIA_ROOT)) == 1
