"""Helpers shared by tests of different apps."""

import time

import pytest


def wait_until(condition, worker=None, *, timeout: float = 60, what: str = "the condition", interval: float = 0.1):
    """Poll ``condition()`` until it returns something true, and return that; fail after ``timeout`` seconds.

    For effects of another process (a Celery worker, a second database session) that no event announces.
    With ``worker`` (a process with ``poll()`` and ``log_path``), fail at once if it exits, and show its log.
    """
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if worker is not None and worker.poll() is not None:
            pytest.fail(f"The worker exited with {worker.returncode} while waiting for {what}:\n{_log(worker)}")
        if time.monotonic() > deadline:
            pytest.fail(f"Still waiting for {what} after {timeout} s.\n{_log(worker)}")
        time.sleep(interval)


def _log(worker) -> str:
    return worker.log_path.read_text()[-6000:] if worker is not None else ""
