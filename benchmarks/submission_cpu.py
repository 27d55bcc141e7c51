"""In-process CPU of one application's submission: the POST of the "Riepilogo e invio" step.

Seeds an open call and N complete drafts through the services (``deadline_rush.seed``), then, for each, opens
the step's page (not measured) and POSTs the submission with its CSRF token, as a browser does, with Django's
test ``Client`` (CSRF checks on) through the whole middleware stack under the production settings (``DEBUG=0``),
one after the other in this process, and prints the process CPU time (``time.process_time``) per
submission (median and mean, after a few warm-up submissions that are not counted) and the SQL statements each
one runs. With ``--profile FILE`` the measured submissions also run under cProfile (slower; for the call graph
only, not for the figures).

    DATABASE_URL=postgres://root@127.0.0.1:5432/costellazioni_subm REDIS_URL=redis://127.0.0.1:6379/10 \\
      .venv/bin/python benchmarks/submission_cpu.py -n 60

With REDIS_URL each receipt is handed to that Redis database's queue after the commit, as in production (no
worker runs here: the script empties that queue at the end); without it Celery is eager and each submission
renders its PDF/A receipt in the request. It writes a new call and N enti into the database it is given: use a
development database, never production.
"""

import argparse
import os
import re
import statistics
import sys
import time
from http.cookies import SimpleCookie
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "costellazioni.settings")
os.environ["DEBUG"] = "0"
os.environ.setdefault("SECRET_KEY", "submission-cpu-benchmark-not-a-secret-0123456789abcdef")
os.environ.setdefault("STATIC_ROOT", str(ROOT / "var" / "bench-static"))
os.environ["ALLOWED_HOSTS"] = "testserver,127.0.0.1,localhost"
os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"


def database_backend():
    """This process's PostgreSQL backend (the server runs on this machine), or None if it cannot be read."""
    import psutil
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        process = psutil.Process(pid)
        process.cpu_times()
    except (psutil.Error, OSError):
        return None
    return process


def cpu_seconds(process) -> float:
    if process is None:
        return 0.0
    times = process.cpu_times()
    return times.user + times.system


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=60, help="measured submissions (default 60)")
    parser.add_argument("--warmup", type=int, default=5, help="submissions not counted (default 5)")
    parser.add_argument("--sql", action="store_true", help="print the statements of the last submission")
    parser.add_argument("--profile", metavar="FILE", help="write a cProfile of the measured submissions")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from benchmarks.deadline_rush import collect_static, seed
    from contributi.models import Candidatura

    collect_static(dict(os.environ))
    setup_test_environment()  # the test Client's locmem outbox; DEBUG stays 0
    total = args.warmup + args.n
    bando, drafts = seed(total)
    connection.close()

    profiler = None
    if args.profile:
        import cProfile

        profiler = cProfile.Profile()
    # One client, hence one handler: the middleware is loaded once, as in a gunicorn worker.
    client = Client(enforce_csrf_checks=True, HTTP_X_FORWARDED_PROTO="https")
    cpu, db_cpu, queries, statuses, warmup = [], [], [], [], []
    backend = database_backend()
    for i, (candidatura, session_key) in enumerate(drafts):
        client.cookies = SimpleCookie({settings.SESSION_COOKIE_NAME: session_key})
        path = f"/bandi/{bando.slug}/candidatura/{candidatura.pk}/invio/"
        page = client.get(path, secure=True).content.decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        data = {"csrfmiddlewaretoken": token, "veridicita": "on", "privacy": "on"}
        measured = i >= args.warmup
        with CaptureQueriesContext(connection) as captured:
            if measured and profiler:
                profiler.enable()
            start, db_start = time.process_time(), cpu_seconds(backend)
            response = client.post(path, data, secure=True, HTTP_REFERER=f"https://testserver{path}")
            elapsed, db_elapsed = time.process_time() - start, cpu_seconds(backend) - db_start
            if measured and profiler:
                profiler.disable()
        statuses.append(response.status_code)
        if not measured:
            warmup.append(elapsed * 1000)
        if measured:
            cpu.append(elapsed * 1000)
            db_cpu.append(db_elapsed * 1000)
            queries.append(len(captured))

    if args.sql:
        for query in captured.captured_queries:
            print(query["sql"][:300])
    stored = Candidatura.objects.filter(bando=bando, stato=Candidatura.Stato.PRESENTATA).count()
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"load average after: {load}")
    print(
        f"{args.n} submissions (after {args.warmup} warm-up): CPU per submission median {statistics.median(cpu):.1f} "
        f"ms, mean {statistics.mean(cpu):.1f} ms, min {min(cpu):.1f} ms"
    )
    print(
        f"warm-up submissions (the first one sets up what a worker keeps): {', '.join(f'{x:.0f}' for x in warmup)} ms"
    )
    if backend is not None and backend.pid == database_backend().pid:
        # /proc counts in clock ticks (10 ms): only the mean over many submissions means something.
        print(f"PostgreSQL backend CPU per submission: mean {statistics.mean(db_cpu):.1f} ms")
    print(f"SQL statements per submission: {sorted(set(queries))}")
    print(f"responses: {sorted(set(statuses))}; applications stored: {stored} of {total}")
    if profiler:
        profiler.dump_stats(args.profile)
        print(f"profile written to {args.profile}")
    if os.environ.get("REDIS_URL"):
        from costellazioni.celery import app

        app.control.purge()
    sys.exit(0 if stored == total and set(statuses) == {302} else 1)


if __name__ == "__main__":
    main()
