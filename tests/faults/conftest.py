"""Fault injection: a real Celery worker on Redis, against the test database, while things break.

Faults are real: Redis "down" is a closed port (127.0.0.1:9); a worker child is killed with SIGKILL; the
worker's database connections are ended with ``pg_terminate_backend``. The machine's own Redis and PostgreSQL
are never stopped. Waits poll the database or the mail directory against a deadline, never a fixed sleep.
"""

import os
import signal
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from costellazioni.celery import QUEUES
from costellazioni.models import OperazioneInCoda
from tests.costellazioni.test_celery_worker import (  # noqa: F401 (fixtures)
    BASE_DIR,
    celery_on_redis,
    mail_dir,
    redis_url,
    sent_messages,
    worker_database_url,
)

CLOSED_PORT = "redis://127.0.0.1:9/0"
WORKER_APPLICATION_NAME = "faults-worker"
# The worker restarts, reconnects and redelivers here: slower than a plain task run.
DEADLINE = 90


def start_worker(*, redis, mail_directory: Path, log_path: Path, pool: str = "solo") -> subprocess.Popen:
    """``celery worker`` on every queue (``costellazioni.celery.QUEUES``); its database connections carry an
    application name we can find."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "costellazioni.settings",
        "REDIS_URL": redis,
        "DATABASE_URL": f"{worker_database_url()}?application_name={WORKER_APPLICATION_NAME}",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_directory),
        "MEDIA_ROOT": settings.MEDIA_ROOT,
        "SECRET_KEY": settings.SECRET_KEY,
        "DEBUG": "0",
        "LOG_LEVEL": "WARNING",
    }
    celery = Path(sys.executable).with_name("celery")
    command = [str(celery)] if celery.exists() else [sys.executable, "-m", "celery"]
    command += [
        "-A",
        "costellazioni",
        "worker",
        "--queues",
        ",".join(QUEUES),
        "--pool",
        pool,
        "--concurrency",
        "1",
        "--without-heartbeat",
        "--without-mingle",
        "--without-gossip",
        "--loglevel",
        "INFO",
        "--hostname",
        f"faults-{uuid.uuid4().hex[:8]}@%h",
    ]
    with log_path.open("ab") as log:
        process = subprocess.Popen(command, cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT)
    process.log_path = log_path
    return process


def stop_worker(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


@pytest.fixture
def worker_factory(committed_db, celery_on_redis, mail_dir, tmp_path):  # noqa: F811
    """Start workers on demand (``worker_factory(pool="prefork")``); every one is stopped at the end."""
    started = []

    def start(pool="solo"):
        process = start_worker(
            redis=celery_on_redis, mail_directory=mail_dir, log_path=tmp_path / f"worker-{len(started)}.log", pool=pool
        )
        started.append(process)
        return process

    try:
        yield start
    finally:
        for process in started:
            stop_worker(process)


def worker_backends() -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = %s",
            [WORKER_APPLICATION_NAME],
        )
        return [row[0] for row in cursor.fetchall()]


def terminate_worker_backends() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND application_name = %s",
            [WORKER_APPLICATION_NAME],
        )
        return cursor.fetchone()[0]


def outbox_done(count: int) -> bool:
    return OperazioneInCoda.objects.filter(stato=OperazioneInCoda.Stato.ESEGUITA).count() >= count


def mails_to(mail_directory: Path, address: str) -> list:
    return [m for m in sent_messages(mail_directory) if m["To"] == address]
