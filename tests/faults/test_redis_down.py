"""Redis unreachable: log-in, booking and submission still answer (no 5xx, within seconds), and what they
recorded in the outbox is sent, once, when Redis returns."""

import time
from datetime import timedelta

import pytest
from django.core.cache import caches
from django.utils import timezone

from antenne.models import Attivita
from contributi.models import Candidatura
from costellazioni.celery import app as celery_app
from costellazioni.models import OperazioneInCoda
from costellazioni.services.outbox import operazioni_sweep
from hubs.models import Prenotazione
from tests.antenne.factories import OperatoreFactory, attivita_post
from tests.contributi.factories import complete_draft, open_bando, referente
from tests.costellazioni.factories import DEFAULT_PASSWORD, UserFactory
from tests.costellazioni.test_celery_worker import _reset_celery_connections
from tests.faults.conftest import CLOSED_PORT, DEADLINE, mails_to, outbox_done
from tests.faults.helpers import receipt_files, submission_step
from tests.hubs.factories import SpazioFactory, next_weekday
from tests.support import wait_until

pytestmark = pytest.mark.celery_worker

# A committed write must answer fast even with the broker gone: publish retries are bounded.
MAX_SECONDS = 10


@pytest.fixture
def redis_down(settings, celery_on_redis):
    """The cache and the broker point at a closed port; given back (to the real Redis) by ``redis_up()``."""
    settings.CACHES = {"default": {"BACKEND": "costellazioni.cache.FallbackRedisCache", "LOCATION": CLOSED_PORT}}
    conf = celery_app.conf
    saved = {key: conf[key] for key in ("task_always_eager", "broker_url")}
    conf.update(task_always_eager=False, broker_url=CLOSED_PORT)
    _reset_celery_connections()

    def redis_up():
        conf.update(saved)
        _reset_celery_connections()

    try:
        yield redis_up
    finally:
        conf.update(saved)
        _reset_celery_connections()
        caches["default"].clear()


@pytest.mark.django_db
def test_login_and_its_limit_work_with_redis_down(client, redis_down):
    person = UserFactory(email="lucia@example.it")
    started = time.monotonic()
    response = client.post("/accounts/login/", {"login": person.email, "password": DEFAULT_PASSWORD})
    assert response.status_code == 302
    assert time.monotonic() - started < MAX_SECONDS
    client.logout()

    # Failed log-ins are still counted, in this process's memory.
    for _ in range(5):
        assert client.post("/accounts/login/", {"login": person.email, "password": "no"}).status_code == 200
    assert client.post("/accounts/login/", {"login": person.email, "password": DEFAULT_PASSWORD}).status_code == 429


def test_booking_and_submission_with_redis_down_are_sent_once_when_redis_returns(
    redis_down, worker_factory, committing_client, mail_dir, settings
):
    spazio = SpazioFactory()
    booker = UserFactory(email="booker@example.it")
    applicant, ente = referente()
    draft = complete_draft(bando=open_bando(), user=applicant, ente=ente)
    inizio = next_weekday(2, hour=10)
    booking = {
        "data": inizio.date().isoformat(),
        "ora_inizio": "10:00",
        "ora_fine": "12:00",
        "scopo": "Assemblea dei soci",
        "partecipanti": 15,
    }

    committing_client.force_login(booker)
    started = time.monotonic()
    response = committing_client.post(spazio.get_absolute_url(), booking)
    assert response.status_code == 302
    assert time.monotonic() - started < MAX_SECONDS
    # The person, seeing no confirmation yet, tries again: still one booking.
    assert committing_client.post(spazio.get_absolute_url(), booking).status_code == 302
    assert Prenotazione.objects.filter(richiedente=booker).count() == 1

    committing_client.force_login(applicant)
    started = time.monotonic()
    response = committing_client.post(submission_step(draft), {"veridicita": "on", "privacy": "on"})
    assert response.status_code == 302
    assert time.monotonic() - started < MAX_SECONDS
    draft.refresh_from_db()
    assert draft.stato == Candidatura.Stato.PRESENTATA

    waiting = OperazioneInCoda.objects.filter(stato=OperazioneInCoda.Stato.IN_ATTESA)
    assert waiting.count() == OperazioneInCoda.objects.count() >= 2  # nothing lost, nothing sent yet
    assert list(mail_dir.iterdir()) == []

    # Redis returns; beat's sweeper (run here as beat would, once the rows' time has come) queues them.
    redis_down()
    worker = worker_factory()
    total = OperazioneInCoda.objects.count()
    assert operazioni_sweep(now=timezone.now() + timedelta(minutes=10)) == total
    wait_until(lambda: outbox_done(total), what="the outbox to be sent", worker=worker, timeout=DEADLINE)

    assert len(mails_to(mail_dir, "booker@example.it")) == 1
    (receipt,) = mails_to(mail_dir, applicant.email)
    assert draft.numero_protocollo in receipt["Subject"]
    assert len(receipt_files(settings.MEDIA_ROOT)) == 1


@pytest.mark.django_db
def test_the_field_log_works_with_redis_down(client, redis_down):
    client.force_login(OperatoreFactory().user)
    data = attivita_post()
    started = time.monotonic()
    first = client.post("/operatori/attivita/nuova/", data, headers={"accept": "application/json"})
    again = client.post("/operatori/attivita/nuova/", data, headers={"accept": "application/json"})  # offline replay
    assert (first.status_code, again.status_code) == (201, 200)
    assert time.monotonic() - started < MAX_SECONDS
    assert Attivita.objects.count() == 1
