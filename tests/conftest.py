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
