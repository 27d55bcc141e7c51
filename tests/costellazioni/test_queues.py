"""Every Celery queue has a process that consumes it, in each deployment file; the receipts have their own."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from costellazioni import outbox
from costellazioni.celery import QUEUES, RICEVUTE_QUEUE

BASE_DIR = Path(settings.BASE_DIR)


def procfile(name: str) -> dict[str, str]:
    lines = (BASE_DIR / name).read_text(encoding="utf-8").splitlines()
    return dict(line.split(":", 1) for line in lines if line.strip() and not line.startswith("#"))


def consumed(command: str) -> set[str]:
    match = re.search(r"--queues[ =](\S+)", command)
    return set(match.group(1).split(",")) if match else set()


@pytest.mark.parametrize("name", ["Procfile", "Procfile.dev"])
def test_every_queue_is_consumed_and_receipts_by_their_own_niced_worker(name):
    processes = procfile(name)
    assert set().union(*(consumed(c) for c in processes.values())) == set(QUEUES)
    ricevute = processes["ricevute"].strip()
    assert consumed(ricevute) == {RICEVUTE_QUEUE}
    assert ricevute.startswith("nice -n ${RICEVUTE_NICE:-10} celery ")
    assert "--concurrency ${RICEVUTE_CONCURRENCY:-1}" in ricevute
    assert RICEVUTE_QUEUE not in consumed(processes["worker"])


def test_docker_compose_runs_the_receipts_worker_as_a_service_of_its_own():
    compose = (BASE_DIR / "docker-compose.yml").read_text(encoding="utf-8")
    service = compose.split("\n  ricevute:\n", 1)[1].split("\n\n", 1)[0]
    assert '"nice", "-n", "${RICEVUTE_NICE:-10}", "celery"' in service
    assert '"--queues", "ricevute"' in service
    assert '"--concurrency", "${RICEVUTE_CONCURRENCY:-1}"' in service
    worker = compose.split("\n  worker:\n", 1)[1].split("\n\n", 1)[0]
    assert '"--queues", "default,mail,pdf"' in worker


def test_receipts_are_dispatched_to_their_queue():
    assert outbox.compito("contributi.ricevuta").queue == RICEVUTE_QUEUE
