"""Tests that need data other database connections can see: a real Celery worker, concurrent digest runs.

The worker test starts ``celery worker`` as a subprocess on Redis (``REDIS_URL``, default
``redis://127.0.0.1:6379/2``) against the pytest test database. Outside CI it is skipped when Redis is
down; under ``CI=true`` an unreachable Redis fails it.
"""

import email
import email.policy
import os
import subprocess
import sys
import threading
import uuid
from pathlib import Path
from urllib.parse import quote

import kombu.pools
import pytest
from django.conf import settings
from django.core import mail
from django.db import connection, connections, transaction

from costellazioni.celery import QUEUES
from costellazioni.celery import app as celery_app
from costellazioni.models import Messaggio, User
from costellazioni.services import email as email_service
from costellazioni.services.email import messaggi_digest_send
from costellazioni.tasks import send_message_email
from tests.costellazioni.factories import MessaggioFactory, UserFactory
from tests.support import wait_until

BASE_DIR = Path(settings.BASE_DIR)
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/2"


# --- a real worker --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def redis_url():
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        message = f"Redis at {REDIS_URL} is unreachable: {error}"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return REDIS_URL


def worker_database_url() -> str:
    """A DATABASE_URL for the test database this process uses (``test_…``), for the worker."""
    db = connection.settings_dict
    user = quote(db["USER"] or "", safe="")
    password = quote(db["PASSWORD"] or "", safe="")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = db["HOST"] or ""
    name = quote(db["NAME"], safe="")
    if host.startswith("/"):  # a Unix socket directory: django-environ reads it from the path
        return f"postgres://{credentials}/{host}/{name}"
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{credentials}{host}{port}/{name}"


def _reset_celery_connections():
    """Forget pooled broker connections and the cached result backend, so changed URLs take effect."""
    kombu.pools.reset()  # closes and forgets the process-wide connection and producer pools
    celery_app._pool = None
    if "amqp" in celery_app.__dict__:
        celery_app.amqp._producer_pool = None
    celery_app._backend_cache = None
    celery_app._local.__dict__.pop("backend", None)


@pytest.fixture
def celery_on_redis(redis_url):
    """This process sends tasks to Redis instead of running them inline; restored afterwards."""
    conf = celery_app.conf
    saved = {key: conf[key] for key in ("task_always_eager", "broker_url")}
    conf.update(task_always_eager=False, broker_url=redis_url)
    _reset_celery_connections()
    with celery_app.connection_for_write() as broker:
        channel = broker.default_channel
        for queue in QUEUES:
            channel.queue_purge(queue)  # leftovers of an interrupted run
    try:
        yield redis_url
    finally:
        conf.update(saved)
        _reset_celery_connections()


@pytest.fixture
def mail_dir(tmp_path):
    directory = tmp_path / "mail"
    directory.mkdir()
    return directory


@pytest.fixture
def celery_worker(committed_db, celery_on_redis, mail_dir, tmp_path):
    """A real ``celery worker`` subprocess on every queue, the receipts' included; always stopped."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "costellazioni.settings",
        "REDIS_URL": celery_on_redis,
        "DATABASE_URL": worker_database_url(),
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
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
        "solo",
        "--concurrency",
        "1",
        "--without-heartbeat",
        "--without-mingle",
        "--without-gossip",
        "--loglevel",
        "INFO",
        "--hostname",
        f"pytest-{uuid.uuid4().hex[:8]}@%h",
    ]
    log_path = tmp_path / "worker.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT)
    process.log_path = log_path
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


def sent_messages(directory: Path) -> list[email.message.EmailMessage]:
    separator = b"\n" + b"-" * 79 + b"\n"
    messages = []
    for path in sorted(directory.iterdir()):
        for chunk in path.read_bytes().split(separator):
            if chunk.strip():
                messages.append(email.message_from_bytes(chunk.strip(), policy=email.policy.default))
    return messages


@pytest.mark.celery_worker
def test_a_real_worker_sends_the_message_email(celery_worker, mail_dir):
    messaggio = MessaggioFactory(
        destinatario=UserFactory(email="elena@example.it"),
        oggetto="La tua prenotazione è confermata",
        testo="Ti aspettiamo all'HUB di Marghera.",
    )
    assert not celery_app.conf.task_always_eager

    send_message_email.delay(messaggio.pk)

    wait_until(
        lambda: Messaggio.objects.filter(pk=messaggio.pk, email_inviata_il__isnull=False).exists(),
        celery_worker,
        what="e-mail",
    )
    (sent,) = sent_messages(mail_dir)
    assert sent["To"] == "elena@example.it"
    assert sent["Subject"].strip() == "[Costellazioni civiche] La tua prenotazione è confermata"
    assert "Ti aspettiamo all'HUB di Marghera." in sent.get_body(("plain",)).get_content()

    # A redelivered task (acks_late) does not send twice: a later message, on the same single-process worker,
    # tells when the redelivery has been handled.
    send_message_email.delay(messaggio.pk)
    later = MessaggioFactory(destinatario=UserFactory(email="piero@example.it"))
    send_message_email.delay(later.pk)
    wait_until(lambda: len(sent_messages(mail_dir)) == 2, celery_worker, what="second e-mail")
    assert sorted(m["To"] for m in sent_messages(mail_dir)) == ["elena@example.it", "piero@example.it"]


# --- concurrent digests ---------------------------------------------------------------------------


def test_concurrent_digest_runs_never_list_a_message_twice(committed_db, monkeypatch):
    """Run A is inside its e-mail send, rows locked, when run B starts: B skips them and sends nothing."""
    person = UserFactory(email_digest=User.Digest.DAILY)
    MessaggioFactory.create_batch(3, destinatario=person)
    sending, release = threading.Event(), threading.Event()
    real_send = email_service.email_send
    outcome = {}

    def slow_send(**kwargs):
        if threading.current_thread().name == "run-a":
            sending.set()
            assert release.wait(timeout=20)
        return real_send(**kwargs)

    monkeypatch.setattr(email_service, "email_send", slow_send)

    def run_a():
        try:
            outcome["a"] = messaggi_digest_send(user=person)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run_a, name="run-a")
    thread.start()
    try:
        assert sending.wait(timeout=20)
        with transaction.atomic():
            outcome["b"] = messaggi_digest_send(user=person)
    finally:
        release.set()
        thread.join(timeout=20)

    assert outcome == {"a": 3, "b": 0}
    assert len(mail.outbox) == 1
    assert not Messaggio.objects.for_user(person).filter(email_inviata_il__isnull=True).exists()
    assert messaggi_digest_send(user=person) == 0
