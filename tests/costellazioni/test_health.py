import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

HEALTHZ_IN_SUBPROCESS = """
import django, json
django.setup()
from django.test import Client
response = Client().get("/healthz")
print(json.dumps({"status": response.status_code, "body": response.json()}))
"""


def _healthz_with(env_overrides):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "costellazioni.settings",
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "testserver",
        **env_overrides,
    }
    env.pop("DEBUG", None)
    result = subprocess.run(
        [sys.executable, "-c", HEALTHZ_IN_SUBPROCESS], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.django_db
def test_healthz_reports_the_database(client, settings):
    settings.REDIS_URL = ""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "redis": "not configured"}


@pytest.mark.django_db
def test_healthz_reports_redis_when_configured(client, settings):
    settings.REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    assert client.get("/healthz").json()["redis"] == "ok"


def test_healthz_is_503_when_the_database_does_not_answer():
    # Nothing listens on port 9: the database is down for this process.
    outcome = _healthz_with({"DATABASE_URL": "postgres://nobody@127.0.0.1:9/none", "REDIS_URL": ""})
    assert outcome["status"] == 503
    assert outcome["body"]["database"].startswith("error")
    assert outcome["body"]["failing"] == ["database"]


@pytest.mark.django_db  # the subprocess reads the test database, which must exist by then
def test_healthz_is_503_naming_redis_when_redis_is_unreachable():
    from tests.costellazioni.test_celery_worker import worker_database_url

    outcome = _healthz_with({"DATABASE_URL": worker_database_url(), "REDIS_URL": "redis://127.0.0.1:9/0"})
    assert outcome["status"] == 503
    assert outcome["body"]["database"] == "ok"
    assert outcome["body"]["redis"].startswith("error")
    assert outcome["body"]["failing"] == ["redis"]
