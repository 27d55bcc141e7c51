"""The logged-in pages' CPU in this process: what a render costs, without the HTTP server and other processes.

Production settings (``DEBUG=0``, the manifest's static files), the Django test client logged in as the demo
people, each page requested ``--runs`` times after one warm-up; the table gives the median and the least process
CPU time (``time.process_time``, so other jobs on the machine count less than in wall time) and the page's SQL
queries; the floor is the bare view of ``bench_urls.py`` behind the same middleware. No HTTP server here: the
ratios to the floor are not those of ``pages.py``. Use a
development database with the demo data (``manage.py seed_demo``)::

    DATABASE_URL=postgres://... REDIS_URL=redis://... .venv/bin/python benchmarks/pages_cpu.py --runs 30
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.pages import FLOOR, PRODUCTION_ENV, wizard_step  # noqa: E402

PAGES = [
    ("referente@costellazioni.example", FLOOR),
    ("referente@costellazioni.example", "/area-personale/"),
    ("referente@costellazioni.example", "wizard"),
    ("operatrice@costellazioni.example", FLOOR),
    ("operatrice@costellazioni.example", "/operatori/attivita/"),
    ("staff@costellazioni.example", FLOOR),
    ("staff@costellazioni.example", "/admin/contributi/candidatura/"),
]


def setup_django(static_root: str):
    os.environ.update(PRODUCTION_ENV)
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["STATIC_ROOT"] = static_root
    import django

    django.setup()
    from django.core.management import call_command

    call_command("collectstatic", "--noinput", verbosity=0)


def measure(client, path: str, runs: int) -> tuple[list[float], int]:
    from django.db import connection

    assert client.get(path).status_code == 200, path
    queries = []
    with connection.execute_wrapper(lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)):
        client.get(path)
    times = []
    for _ in range(runs):
        start = time.process_time()
        client.get(path)
        times.append((time.process_time() - start) * 1000)
    return times, len(queries)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as static_root:
        setup_django(static_root)
        from django.test import Client

        from costellazioni.models import User

        print(f"Load average {os.getloadavg()[0]:.2f} / {os.getloadavg()[1]:.2f} / {os.getloadavg()[2]:.2f}")
        print("| page | who | median ms | least ms | queries |\n|---|---|---|---|---|")
        for email, page in PAGES:
            client = Client()
            client.force_login(User.objects.get(email=email))
            path = wizard_step(email) if page == "wizard" else page
            times, queries = measure(client, path, args.runs)
            who = email.split("@")[0]
            print(f"| `{path}` | {who} | {statistics.median(times):.1f} | {min(times):.1f} | {queries} |")


if __name__ == "__main__":
    main()
