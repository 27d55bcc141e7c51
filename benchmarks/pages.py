"""Page speed: every public page and the main logged-in pages against a bare view behind the same middleware.

Production settings (``DEBUG=0``, static files collected and served by whitenoise from the manifest), gunicorn
started with the Procfile's ``web`` command (sync workers), a Redis cache shared by the workers. For each page:
the median over ``--runs`` requests (at least 50; pages are requested round-robin, in a new shuffled order each
round, so that a load spike touches all of them alike), its ratio to the floor, and its SQL query count
measured in-process through the whole middleware stack (cold: the cache emptied; warm: the second request).

The floor is a view that answers ``ok`` behind the same middleware: anonymous pages are compared with it
requested anonymously, logged-in pages with it requested with the same person's session cookie (session and
user loaded, as on every logged-in page).

    DATABASE_URL=postgres://root@127.0.0.1:5432/costellazioni_pages REDIS_URL=redis://127.0.0.1:6379/6 \\
      .venv/bin/python benchmarks/pages.py --runs 60

It runs ``seed_demo`` (idempotent) on the database it is given and empties that Redis database: use a
development database, never production.
"""

import argparse
import http.client
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-" + "x" * 60),
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    # Plain HTTP on localhost: the proxy in front would terminate TLS in production.
    "SECURE_SSL_REDIRECT": "0",
    "SESSION_COOKIE_SECURE": "0",
    "CSRF_COOKIE_SECURE": "0",
    "SECURE_HSTS_SECONDS": "0",
    "DJANGO_SETTINGS_MODULE": "benchmarks.bench_settings",
    "LOG_LEVEL": "WARNING",
}

FLOOR = "/bench/floor/"
# (label, path or a pattern to find in the page given as "from", who)
PUBLIC = [
    "/",
    "/il-progetto/",
    "/privacy/",
    "/accessibilita/",
    "/note-legali/",
    "/hub/",
    ("/hub/", r'href="(/hub/[a-z0-9-]+/)"'),
    ("/hub/", r'href="(/hub/[a-z0-9-]+/servizi/[a-z0-9-]+/)"', "hub detail"),
    "/antenne/",
    ("/antenne/", r'href="(/antenne/\d+/)"'),
    "/bandi/",
    ("/bandi/", r'href="(/bandi/[a-z0-9-]+/)"'),
    "/trasparenza/contributi/",
    ("/trasparenza/contributi/", r'href="(/trasparenza/contributi/\d+/)"'),
    "/coprogrammazione/",
    ("/coprogrammazione/", r'href="(/coprogrammazione/(?!protocolli|risorse)[a-z0-9-]+/)"'),
    "/coprogrammazione/protocolli/",
    "/governance/",
    ("/governance/", r'href="(/governance/riunioni/\d+/)"'),
    ("/governance/", r'href="(/governance/organi/[a-z0-9-]+/)"'),
    "/ricerca-azione/",
    "/dati-aperti/",
    "/monitoraggio/",
    "/monitoraggio/report/",
]
LOGGED_IN = [
    ("referente@costellazioni.example", "/area-personale/"),
    ("referente@costellazioni.example", "/area-personale/candidature/"),
    ("referente@costellazioni.example", "wizard"),
    ("operatrice@costellazioni.example", "/operatori/attivita/"),
    ("staff@costellazioni.example", "/admin/contributi/candidatura/"),
]


def setup_django(static_root: str):
    os.environ.update(PRODUCTION_ENV)
    os.environ["STATIC_ROOT"] = static_root
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        sys.exit("The database has unapplied migrations: run `manage.py migrate` first.")
    call_command("collectstatic", "--noinput", verbosity=0)
    call_command("seed_demo", verbosity=0)


def session_for(email: str) -> str:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.cached_db import SessionStore

    from costellazioni.models import User

    user = User.objects.get(email=email)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def wizard_step(email: str) -> str:
    from contributi.models import Candidatura

    draft = (
        Candidatura.objects.filter(stato=Candidatura.Stato.BOZZA, creata_da__email=email)
        .select_related("bando")
        .order_by("pk")
        .first()
    )
    if draft is None:
        sys.exit(f"No draft application of {email} in the demo data.")
    return f"/bandi/{draft.bando.slug}/candidatura/{draft.pk}/progetto/"


def resolve_public(client) -> list[str]:
    paths = []
    for entry in PUBLIC:
        if isinstance(entry, str):
            paths.append(entry)
            continue
        page, pattern = entry[0], entry[1]
        source = paths[-1] if len(entry) > 2 else page
        html = client.get(source).content.decode()
        found = re.search(pattern, html)
        if found:
            paths.append(found.group(1))
        else:
            print(f"  (no link matching {pattern} on {source}: skipped)")
    return paths


def query_counts(client, path: str, session_key: str = "") -> tuple[int, int]:
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.cookies.clear()
    if session_key:
        client.cookies["sessionid"] = session_key
    counts = []
    for cold in (True, False):
        if cold:
            cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        counts.append(len(queries))
    return counts[0], counts[1]


def fetch(port: int, path: str, cookie: str) -> float:
    headers = {"Host": "127.0.0.1", "Cookie": cookie} if cookie else {"Host": "127.0.0.1"}
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    response.read()
    elapsed = (time.perf_counter() - started) * 1000
    connection.close()
    if response.status != 200:
        raise RuntimeError(f"{path}: HTTP {response.status}")
    return elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=60, help="requests per page (at least 50)")
    parser.add_argument("--port", type=int, default=8104)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers (WEB_CONCURRENCY)")
    args = parser.parse_args()
    if args.runs < 50:
        sys.exit("--runs must be at least 50.")
    if not os.environ.get("REDIS_URL") or not os.environ.get("DATABASE_URL"):
        sys.exit("Set DATABASE_URL and REDIS_URL (the page cache is shared by the gunicorn workers through Redis).")

    static_root = tempfile.mkdtemp(prefix="bench-static-")
    setup_django(static_root)
    from django.core.cache import cache
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    public = resolve_public(client)
    sessions = {email: session_for(email) for email, _path in LOGGED_IN}
    logged_in = [
        (email, wizard_step(email) if path == "wizard" else path, sessions[email]) for email, path in LOGGED_IN
    ]

    print("query counts (in-process, cold / warm) ...")
    counts = {("", path): query_counts(client, path) for path in [FLOOR, *public]}
    for email, path, key in logged_in:
        counts[(email, path)] = query_counts(client, path, key)
    for email in sessions:
        counts[(email, FLOOR)] = query_counts(client, FLOOR, sessions[email])
    cache.clear()

    # The Procfile's web command, with the bench settings (the bare view added to the portal's URLs).
    command = [
        str(ROOT / ".venv/bin/gunicorn"),
        "costellazioni.wsgi",
        "--bind",
        f"127.0.0.1:{args.port}",
        "--workers",
        str(args.workers),
        "--pythonpath",
        str(ROOT),
        "--log-level",
        "warning",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env={**os.environ})
    try:
        for _attempt in range(150):
            try:
                fetch(args.port, "/healthz", "")
                break
            except (OSError, RuntimeError):
                time.sleep(0.2)
        targets = [("", path, "") for path in [FLOOR, *public]]
        targets += [(email, FLOOR, f"sessionid={sessions[email]}") for email in sessions]
        targets += [(email, path, f"sessionid={key}") for email, path, key in logged_in]
        for _who, path, cookie in targets:  # warm-up: imports, templates, connections, the page cache
            for _ in range(3):
                fetch(args.port, path, cookie)
        load_before = os.getloadavg()
        timings = {(who, path): [] for who, path, _cookie in targets}
        for run in range(args.runs):
            # A new order each round: no page always follows the same one (the session floor that came right
            # after the public pages measured 2.2 ms instead of 1.6 in a fixed order).
            for who, path, cookie in random.Random(run).sample(targets, len(targets)):
                timings[(who, path)].append(fetch(args.port, path, cookie))
        load_after = os.getloadavg()
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:  # a loaded machine: the timings are taken, do not lose them
            server.kill()
            server.wait()

    medians = {key: statistics.median(values) for key, values in timings.items()}
    print()
    print(f"load average before: {load_before[0]:.2f} / {load_before[1]:.2f} / {load_before[2]:.2f}; ", end="")
    print(f"after: {load_after[0]:.2f} / {load_after[1]:.2f} / {load_after[2]:.2f}; runs per page: {args.runs}")
    print()
    print("| page | who | median ms | × floor | queries cold / warm |")
    print("|---|---|---|---|---|")
    worst = {"anonymous": 0.0, "logged-in": 0.0}
    for who, path, _cookie in targets:
        floor = medians[(who, FLOOR)]
        ratio = medians[(who, path)] / floor
        cold, warm = counts[(who, path)]
        label = who.split("@")[0] if who else "anonymous"
        print(f"| `{path}` | {label} | {medians[(who, path)]:.1f} | {ratio:.2f} | {cold} / {warm} |")
        if path != FLOOR:
            kind = "logged-in" if who else "anonymous"
            worst[kind] = max(worst[kind], ratio)
    print()
    print(f"worst ratio: anonymous {worst['anonymous']:.2f}× (target ≤ 3), logged-in {worst['logged-in']:.2f}× (≤ 6)")


if __name__ == "__main__":
    main()
