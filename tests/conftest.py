import os
import shutil

import pytest

from costellazioni.celery import app as celery_app

pytest_plugins = ["tests.browser_fixtures"]

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def pytest_configure(config):
    # The suite runs tasks inline; the Celery integration test turns this off against a real worker.
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    _separate_redis_per_worker()


def _separate_redis_per_worker():
    """Under pytest-xdist each worker gets its own Redis database, for the cache and for Celery.

    Every test empties the cache, and the worker tests purge the queues: two workers sharing a database
    would wipe each other's rate-limit counters and take each other's tasks.
    """
    from django.conf import settings

    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if not worker.startswith("gw"):
        return
    base = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/2"
    prefix, _, database = base.rpartition("/")
    own = f"{prefix}/{(int(database or 0) + int(worker[2:])) % 16}"
    os.environ["REDIS_URL"] = own
    cache = settings.CACHES["default"]
    if "Redis" in cache["BACKEND"]:
        cache["LOCATION"] = own
    settings.REDIS_URL = settings.CELERY_BROKER_URL = own
    celery_app.conf.broker_url = own


def pytest_collection_modifyitems(config, items):
    if IN_CI:
        return
    if not shutil.which("chromium") and not os.path.exists("/usr/bin/chromium"):
        skip = pytest.mark.skip(reason="Chromium is not installed (apt-get install chromium)")
        for item in items:
            if "browser" in item.keywords:
                item.add_marker(skip)


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    # A fast hasher: factories create hundreds of accounts; production keeps PBKDF2.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def staff_user(db):
    from tests.costellazioni.factories import StaffFactory

    return StaffFactory()


def reload_migration_rows():
    """Put back the rows the migrations wrote (roles, quartieri, the site, schedules).

    A test whose transactions commit (a live server, a Celery worker) ends with every table emptied;
    without this the next tests, and the next runs with ``--reuse-db``, would find none of them.
    """
    from django.db import connections

    for connection in connections.all():
        contents = getattr(connection, "_test_serialized_contents", None)
        if contents:
            connection.creation.deserialize_db_from_string(contents)


def _commits(request) -> bool:
    marker = request.node.get_closest_marker("django_db")
    transactional = marker is not None and (marker.kwargs.get("transaction") or (marker.args and marker.args[0]))
    return bool(transactional) or bool({"transactional_db", "live_server", "committed_db"} & set(request.fixturenames))


@pytest.fixture(autouse=True)
def _restore_migration_rows(request):
    # Autouse fixtures are set up first and torn down last: this runs after ``transactional_db`` has flushed.
    yield
    if _commits(request):
        with request.getfixturevalue("django_db_blocker").unblock():
            reload_migration_rows()


@pytest.fixture(scope="session", autouse=True)
def _leave_migration_rows(django_db_setup, django_db_blocker):
    # The last committing test of a run ends with emptied tables; ``--reuse-db`` would start the next run
    # (and serialise its snapshot) from them, so put the rows back before the database is kept.
    yield
    from django.contrib.auth.models import Group

    with django_db_blocker.unblock():
        if not Group.objects.exists():
            reload_migration_rows()


@pytest.fixture
def committed_db(transactional_db, django_db_serialized_rollback):
    """Database access where every write commits, visible to other connections and processes."""


@pytest.fixture(autouse=True)
def _broker_presumed_up():
    # The outbox skips a broker that refused a task moments ago (per process); each test starts afresh.
    from costellazioni.services import outbox

    outbox._broker_down_until = 0.0


@pytest.fixture(autouse=True)
def _empty_cache():
    # Rate-limit counters (failed logins) live in the cache and would leak from one test to the next.
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _celery_join_flag():
    # Eager tasks run from several threads at once (the concurrency tests) race on Celery's process-wide
    # "a task is running" flag and can leave it set, which makes every later ``.get()`` refuse to block.
    yield
    from celery._state import _set_task_join_will_block

    _set_task_join_will_block(False)


class CommittingClient:
    """A test client whose every request ends as if its transaction committed: on-commit work (the outbox's
    e-mails) runs before the response comes back, as in production."""

    def __init__(self, client):
        self._client = client

    def __getattr__(self, name):
        attribute = getattr(self._client, name)
        if name in {"get", "post", "put", "patch", "delete"}:
            from django.test import TestCase

            def request(*args, **kwargs):
                with TestCase.captureOnCommitCallbacks(execute=True):
                    return attribute(*args, **kwargs)

            return request
        return attribute


@pytest.fixture
def committing_client(client):
    return CommittingClient(client)
