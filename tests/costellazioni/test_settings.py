import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


TEST_ONLY_VARIABLES = {"SECURE_SSL_REDIRECT", "DJANGO_ALLOW_ASYNC_UNSAFE", "DEBUG", "SECRET_KEY"}


def test_production_settings_pass_check_deploy():
    env = {
        **{k: v for k, v in os.environ.items() if k not in TEST_ONLY_VARIABLES},
        "DEBUG": "0",
        "SECRET_KEY": "Zq8#vR2$mW5^tY7&uI9*oP1(aS3)dF4_gH6+jK0-lL2=xC5!bN7@",
        "ALLOWED_HOSTS": "costellazioni.comune.venezia.it",
        "DATABASE_URL": "postgres://nobody@127.0.0.1:9/none",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    # As gunicorn and Celery start: settings imported directly, DEBUG unset.
    env = {k: v for k, v in os.environ.items() if k not in TEST_ONLY_VARIABLES}
    env.update(DJANGO_SETTINGS_MODULE="costellazioni.settings", DATABASE_URL="postgres://nobody@127.0.0.1:9/none")
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_manage_py_defaults_to_development_mode():
    env = {k: v for k, v in os.environ.items() if k not in TEST_ONLY_VARIABLES}
    env["DATABASE_URL"] = "postgres://nobody@127.0.0.1:9/none"
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr


def test_locale_and_time():
    assert settings.LANGUAGE_CODE == "it"
    assert [code for code, _name in settings.LANGUAGES] == ["it", "en"]
    assert settings.TIME_ZONE == "Europe/Rome"
    assert settings.USE_TZ


def test_the_database_is_postgresql():
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


def test_dates_are_written_the_italian_way():
    import datetime

    from django.utils import formats, translation

    with translation.override("it"):
        assert formats.date_format(datetime.date(2026, 11, 25), "l j F Y") == "mercoledì 25 novembre 2026"
        assert formats.date_format(datetime.date(2026, 3, 2), "SHORT_DATE_FORMAT") == "02/03/2026"
