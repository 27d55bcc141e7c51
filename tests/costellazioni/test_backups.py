"""Backups restore: a dump and the media archive, loaded into a fresh database, serve every receipt."""

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse

from contributi import services as contributi_services
from contributi.models import Candidatura
from costellazioni.backups import DUMP, MANIFEST, MEDIA, backup_create, backup_restore, backup_verify
from tests.contributi.factories import complete_draft, open_bando, referente

ROOT = Path(settings.BASE_DIR)

DOWNLOAD_IN_SUBPROCESS = """
import django, json, sys
django.setup()
from django.test import Client
from costellazioni.models import User
client = Client()
client.force_login(User.objects.get(email=sys.argv[1]))
response = client.get(sys.argv[2], secure=True)
body = b"".join(response.streaming_content) if response.streaming else response.content
print(json.dumps({"status": response.status_code, "type": response["Content-Type"], "pdf": body[:5].decode()}))
"""


def _submitted_with_receipt():
    user, ente = referente()
    draft = complete_draft(bando=open_bando(), user=user, ente=ente)
    candidatura = contributi_services.candidatura_submit(candidatura=draft, actor=user, veridicita=True, privacy=True)
    return contributi_services.ricevuta_generate(candidatura_id=candidatura.pk)


def _download(database: dict, media_root: Path, email: str, url: str) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "costellazioni.settings",
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}",
        "MEDIA_ROOT": str(media_root),
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "testserver",
        "REDIS_URL": "",
    }
    env.pop("DEBUG", None)
    result = subprocess.run(
        [sys.executable, "-c", DOWNLOAD_IN_SUBPROCESS, email, url],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture
def throwaway_database(committed_db):
    """A fresh, empty database with a unique name, dropped afterwards."""
    name = f"restore_{uuid.uuid4().hex[:12]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        yield {**connection.settings_dict, "NAME": name}
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_backup_restored_into_a_fresh_database_serves_the_receipts(throwaway_database, tmp_path):
    candidatura = _submitted_with_receipt()
    original = candidatura.ricevuta.read()
    backup = backup_create(directory=tmp_path / "backups")
    assert sorted(p.name for p in backup.iterdir()) == sorted([DUMP, MEDIA, MANIFEST])
    assert backup_verify(backup)["database"] == connection.settings_dict["NAME"]

    restored_media = tmp_path / "restored-media"
    backup_restore(source=backup, database=throwaway_database, media_root=restored_media)

    restored_file = restored_media / "privato" / candidatura.ricevuta.name
    assert restored_file.read_bytes() == original
    url = reverse("area_personale_candidatura_ricevuta", kwargs={"pk": candidatura.pk})
    email = candidatura.presentata_da.email
    assert _download(throwaway_database, restored_media, email, url) == {
        "status": 200,
        "type": "application/pdf",
        "pdf": "%PDF-",
    }

    # The same database restored without its media: the receipt is rendered again from its snapshot.
    restored_file.unlink()
    assert _download(throwaway_database, tmp_path / "empty-media", email, url)["status"] == 200


def test_an_altered_backup_is_refused(tmp_path, committed_db):
    backup = backup_create(directory=tmp_path / "backups")
    (backup / MEDIA).write_bytes(b"not the archive")
    with pytest.raises(ValueError, match="does not match manifest.json"):
        backup_verify(backup)


@pytest.mark.django_db
def test_a_receipt_whose_file_is_missing_is_rendered_again_on_download(client):
    candidatura = _submitted_with_receipt()
    candidatura.ricevuta.storage.delete(candidatura.ricevuta.name)
    client.force_login(candidatura.presentata_da)

    response = client.get(reverse("area_personale_candidatura_ricevuta", kwargs={"pk": candidatura.pk}))

    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert Candidatura.objects.get(pk=candidatura.pk).ricevuta.storage.exists(candidatura.ricevuta.name)
