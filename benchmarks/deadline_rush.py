"""Deadline rush: N referenti submit their applications to the same call at the same moment.

Seeds an open call and N verified enti, each with a verified referente and a complete draft (through the
services), starts gunicorn on localhost, opens each referente's "Riepilogo e invio" page, then fires the N
submissions concurrently and reports latency (p50/p95/max), errors, applications stored and whether the
protocol numbers of the year are unique and gapless.

    DATABASE_URL=postgres://root@127.0.0.1:5432/cc_bandi .venv/bin/python benchmarks/deadline_rush.py -n 200

Without REDIS_URL Celery runs eagerly, so each submission also renders its PDF/A receipt inside the request
(the worst case); with REDIS_URL and a worker the receipt leaves the request path.
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "costellazioni.settings")


def seed(n: int):
    """Return (bando, [(candidatura, session_key)]) for n fresh verified enti with complete drafts."""
    from datetime import timedelta
    from decimal import Decimal

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone
    from stdnum import luhn

    from contributi import services
    from contributi.models import AllegatoRichiesto, Bando, CriterioValutazione
    from contributi.services.erogazioni import PIANO_PREDEFINITO
    from costellazioni.models import Ente, Membership, User

    run = timezone.now().strftime("%Y%m%d%H%M%S")
    staff = User.objects.filter(is_superuser=True).first() or User.objects.create_superuser(
        email=f"bench-admin-{run}@example.it", password=None
    )
    bando = Bando.objects.create(
        titolo=f"Bando di prova del carico {run}",
        slug=f"rush-{run}",
        linea=Bando.Linea.A,
        sintesi="Prova di carico.",
        descrizione="Prova di carico.",
        budget_totale=Decimal("9000000"),
        contributo_minimo=Decimal("1000"),
        contributo_massimo=Decimal("50000"),
        apertura=timezone.now() - timedelta(days=1),
        chiusura=timezone.now() + timedelta(days=1),
        runts_obbligatorio=False,
    )
    CriterioValutazione.objects.create(bando=bando, codice="A.1", titolo="Qualità", punteggio_massimo=100)
    richiesto = AllegatoRichiesto.objects.create(bando=bando, nome="Statuto")
    services.tranche_plan_set(bando=bando, actor=staff, tranche=PIANO_PREDEFINITO)
    services.bando_publish(bando=bando, actor=staff)
    bando.refresh_from_db()
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    base = int(run[-8:]) * 1000
    out = []
    for i in range(n):
        body = f"{(base + i) % 10_000_000:07d}027"
        ente = Ente.objects.create(
            denominazione=f"APS Prova {run}-{i}",
            tipo=Ente.Tipo.APS,
            codice_fiscale=body + luhn.calc_check_digit(body),
            stato_verifica=Ente.StatoVerifica.VERIFICATO,
            verificato_da=staff,
            verificato_il=timezone.now(),
        )
        user = User.objects.create_user(email=f"rush-{run}-{i}@example.it", password=None)
        Membership.objects.create(
            user=user, ente=ente, stato=Membership.Stato.VERIFICATA, verificata_da=staff, verificata_il=timezone.now()
        )
        c = services.candidatura_start(bando=bando, ente=ente, actor=user)
        services.candidatura_save_ente(
            candidatura=c, actor=user, dati={"denominazione": ente.denominazione, "codice_fiscale": ente.codice_fiscale}
        )
        services.candidatura_save_progetto(
            candidatura=c, actor=user, titolo=f"Progetto {i}", progetto={"sintesi": "Prova"}, quartieri=[], partner=[]
        )
        services.candidatura_save_budget(
            candidatura=c,
            actor=user,
            cofinanziamento=Decimal("1000"),
            voci=[{"categoria": "personale", "descrizione": "Educatore", "importo": Decimal("10000")}],
        )
        services.candidatura_save_impatto(candidatura=c, actor=user, impatto={"impatto": "Prova"})
        services.allegato_upload(
            candidatura=c, actor=user, richiesto=richiesto, uploaded=SimpleUploadedFile("s.pdf", pdf)
        )
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        out.append((c, session.session_key))
    return bando, out


def open_page(base_url, path, session_key):
    request = urllib.request.Request(base_url + path, headers={"Cookie": f"sessionid={session_key}"})
    with urllib.request.urlopen(request, timeout=60) as response:
        html = response.read().decode()
        cookie = response.headers.get_all("Set-Cookie") or []
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    csrf_cookie = next(c.split(";")[0].split("=", 1)[1] for c in cookie if c.startswith("csrftoken="))
    return token, csrf_cookie


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def submit(base_url, path, session_key, token, csrf_cookie):
    data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "veridicita": "on", "privacy": "on"}).encode()
    request = urllib.request.Request(
        base_url + path,
        data=data,
        headers={"Cookie": f"sessionid={session_key}; csrftoken={csrf_cookie}", "Referer": base_url + path},
    )
    opener = urllib.request.build_opener(NoRedirect)
    start = time.perf_counter()
    try:
        with opener.open(request, timeout=120) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    except (TimeoutError, urllib.error.URLError) as error:
        # Counted as an error, not fatal: whether the application was stored is checked in the database.
        status = type(getattr(error, "reason", error)).__name__
    return time.perf_counter() - start, status


def main():
    import faulthandler

    faulthandler.dump_traceback_later(float(os.environ.get("RUSH_DUMP_AFTER", "0")) or 1e9, exit=True)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=200, help="concurrent submissions (default 200)")
    parser.add_argument("--port", type=int, default=8131)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=8, help="threads per gunicorn worker")
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor
    from django.utils import timezone

    from contributi.models import Candidatura
    from costellazioni.models import Protocollo

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        sys.exit("The database has unapplied migrations: run `manage.py migrate` first.")

    t0 = time.perf_counter()
    bando, drafts = seed(args.n)
    print(f"seeded {args.n} enti and drafts in {time.perf_counter() - t0:.1f} s")

    base_url = f"http://127.0.0.1:{args.port}"
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "costellazioni.wsgi",
            "-b",
            f"127.0.0.1:{args.port}",
            "-w",
            str(args.workers),
            "--threads",
            str(args.threads),
            "--worker-class",
            "gthread",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env={**os.environ, "DEBUG": "1"},
    )
    worker = None
    if os.environ.get("REDIS_URL"):
        worker = subprocess.Popen(
            [
                str(ROOT / ".venv/bin/celery"),
                "-A",
                "costellazioni",
                "worker",
                "-Q",
                "default,mail,pdf",
                "-c",
                "4",
                "--loglevel",
                "warning",
            ],
            cwd=ROOT,
            # The console backend would print 200 receipts, PDF and all, into this script's output.
            env={"EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend", **os.environ},
        )
    try:
        for _attempt in range(100):
            try:
                urllib.request.urlopen(base_url + "/healthz", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        paths = [f"/bandi/{bando.slug}/candidatura/{c.pk}/invio/" for c, _s in drafts]
        with ThreadPoolExecutor(max_workers=32) as pool:
            tokens = list(pool.map(lambda i: open_page(base_url, paths[i], drafts[i][1]), range(args.n)))
        t0 = time.perf_counter()
        with ThreadPoolExecutor(max_workers=args.n) as pool:
            results = list(pool.map(lambda i: submit(base_url, paths[i], drafts[i][1], *tokens[i]), range(args.n)))
        wall = time.perf_counter() - t0
        receipts = None
        if worker is not None:
            deadline = time.monotonic() + 600
            pending = Candidatura.objects.filter(bando=bando, ricevuta="")
            while pending.exists() and time.monotonic() < deadline:
                time.sleep(0.5)
            receipts = time.perf_counter() - t0
    finally:
        # Stop both even when one is slow to: an orphaned worker would keep taking this Redis database's tasks.
        processes = [p for p in (server, worker) if p is not None]
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()

    latencies = sorted(r[0] for r in results)
    errors = [status for _t, status in results if status != 302]
    stored = Candidatura.objects.filter(bando=bando, stato=Candidatura.Stato.PRESENTATA).count()
    year = timezone.localtime().year
    numbers = list(Protocollo.objects.filter(anno=year).order_by("numero").values_list("numero", flat=True))
    duplicates = len(numbers) - len(set(numbers))
    gaps = sorted(set(range(1, max(numbers, default=0) + 1)) - set(numbers))
    print(f"submissions: {args.n} concurrent, wall time {wall:.2f} s")
    print(
        f"latency p50 {statistics.median(latencies) * 1000:.0f} ms, "
        f"p95 {latencies[int(0.95 * (len(latencies) - 1))] * 1000:.0f} ms, max {latencies[-1] * 1000:.0f} ms"
    )
    if receipts is not None:
        print(f"all receipts rendered by the Celery worker {receipts:.1f} s after the rush started")
    print(f"errors: {len(errors)} {sorted(set(map(str, errors))) if errors else ''}")
    print(f"applications stored: {stored} of {args.n}")
    print(f"protocol numbers {year}: {len(numbers)}, duplicates {duplicates}, gaps {len(gaps)}")
    ok = not errors and stored == args.n and not duplicates and not gaps
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
