"""The demo data (``seed_demo``) seeded once per test module, inside a transaction rolled back at its end.

Import the fixtures into a test module (``from tests.demo_fixtures import demo, demo_media, seeded_demo``) and
ask for ``demo``. Files the seed writes (receipts, attachments) go to a media directory of the module's own, which
every test of the module then uses as ``MEDIA_ROOT``.
"""

from contextlib import nullcontext

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import TestCase, override_settings


@pytest.fixture(scope="module")
def demo_media(tmp_path_factory):
    return tmp_path_factory.mktemp("demo-media")


@pytest.fixture(scope="module")
def seeded_demo(request, django_db_setup, django_db_blocker, demo_media):
    """``run_on_commit = True`` in the module runs what the seed leaves for after the commit (the receipts' PDFs),
    as ``make run`` does; it takes longer."""
    run_on_commit = getattr(request.module, "run_on_commit", False)
    with override_settings(MEDIA_ROOT=str(demo_media)), django_db_blocker.unblock(), transaction.atomic():
        with TestCase.captureOnCommitCallbacks(execute=True) if run_on_commit else nullcontext():
            call_command("seed_demo", verbosity=0)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(seeded_demo, db, settings, demo_media):
    settings.MEDIA_ROOT = str(demo_media)
