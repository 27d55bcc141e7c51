"""Deadline rush: N referenti submit their applications to the same call at the same moment.

Seeds an open call and N verified enti, each with a verified referente and a complete draft (through the
services), then runs the portal as production does: static files collected, ``DEBUG=0``, gunicorn started with
the ``web`` command of the ``Procfile`` and the receipts' worker with its ``ricevute`` command, each a process
of its own. It opens each referente's "Riepilogo e invio" page, then either fires the N submissions at once
(default) or sends them at a steady rate (``--rate 20 --duration 30``), and prints:

- latency p50/p95/max (in steady mode measured from each request's scheduled time) and submissions per second;
- web CPU milliseconds per submission: the CPU time of the gunicorn processes during the submissions / N;
- the lock wait: how many database sessions waited on a lock, sampled every 10 ms from ``pg_stat_activity``
  (the protocol register's row is the only lock submissions share), as total and per-submission seconds;
- errors, applications stored, and whether the year's protocol numbers are unique and gapless;
- when every receipt was rendered, and the receipt worker's CPU per receipt.

    REDIS_URL=redis://127.0.0.1:6379/8 DATABASE_URL=postgres://root@127.0.0.1:5432/cc_bandi \
      .venv/bin/python benchmarks/deadline_rush.py -n 200
    ... benchmarks/deadline_rush.py --rate 20 --duration 30

Without REDIS_URL Celery runs eagerly, so each submission also renders its PDF/A receipt inside the request
(the worst case, and no receipt worker is started).
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "costellazioni.settings")
# The production settings, here and in the processes started below.
os.environ["DEBUG"] = "0"
os.environ.setdefault("SECRET_KEY", "deadline-rush-benchmark-not-a-secret-0123456789abcdef")
os.environ.setdefault("STATIC_ROOT", str(ROOT / "var" / "bench-static"))
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")


def blank_pdf() -> bytes:
    """A one-page PDF that the upload checks accept."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def seed(n: int):
    """Return (bando, [(candidatura, session_key)]) for n fresh verified enti with complete drafts."""
    from datetime import timedelta
    from decimal import Decimal
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone
    from stdnum import luhn

    from contributi import services
    from contributi.models import AllegatoRichiesto, Bando, CriterioValutazione
    from contributi.services.erogazioni import PIANO_PREDEFINITO
    from costellazioni.models import Ente, Membership, User

    SessionStore = import_module(settings.SESSION_ENGINE).SessionStore
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
    pdf = blank_pdf()
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


def request(base_url, path, session_key, *, data=None, csrf_cookie=None):
    """A request as the HTTPS proxy in front of gunicorn sends it."""
    cookies = f"sessionid={session_key}" + (f"; csrftoken={csrf_cookie}" if csrf_cookie else "")
    headers = {"Cookie": cookies, "X-Forwarded-Proto": "https", "Referer": "https://" + base_url[7:] + path}
    return urllib.request.Request(base_url + path, data=data, headers=headers)


def open_page(base_url, path, session_key):
    with urllib.request.urlopen(request(base_url, path, session_key), timeout=120) as response:
        html = response.read().decode()
        cookie = response.headers.get_all("Set-Cookie") or []
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    csrf_cookie = next(c.split(";")[0].split("=", 1)[1] for c in cookie if c.startswith("csrftoken="))
    return token, csrf_cookie


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def submit(base_url, path, session_key, token, csrf_cookie, scheduled=None):
    """POST the submission; the latency runs from ``scheduled`` (steady mode) or from the request's start."""
    data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "veridicita": "on", "privacy": "on"}).encode()
    opener = urllib.request.build_opener(NoRedirect)
    start = time.perf_counter()
    try:
        with opener.open(request(base_url, path, session_key, data=data, csrf_cookie=csrf_cookie), timeout=120) as r:
            status = r.status
    except urllib.error.HTTPError as error:
        status = error.code
    except (TimeoutError, urllib.error.URLError) as error:
        # Counted as an error, not fatal: whether the application was stored is checked in the database.
        status = type(getattr(error, "reason", error)).__name__
    return time.perf_counter() - (scheduled or start), status


def procfile_command(name: str) -> str:
    for line in (ROOT / "Procfile").read_text(encoding="utf-8").splitlines():
        if line.startswith(f"{name}:"):
            return line.removeprefix(f"{name}:").strip()
    sys.exit(f"The Procfile has no {name} process.")


def collect_static(env: dict) -> None:
    """The manifest ``DEBUG=0`` needs; collected once into STATIC_ROOT."""
    if (Path(env["STATIC_ROOT"]) / "staticfiles.json").exists():
        return
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True
    )


def cpu_seconds(process: subprocess.Popen) -> float:
    """User + system CPU time of a process and all its children (gunicorn's master and workers)."""
    import psutil

    total = 0.0
    try:
        parent = psutil.Process(process.pid)
        for p in [parent, *parent.children(recursive=True)]:
            times = p.cpu_times()
            total += times.user + times.system
    except psutil.NoSuchProcess:
        pass
    return total


class LockSampler(threading.Thread):
    """Every 10 ms: how many sessions of this database wait on a lock (``pg_stat_activity``)."""

    INTERVAL = 0.01

    def __init__(self):
        super().__init__(daemon=True)
        self.samples: list[int] = []
        self.stop = threading.Event()

    def run(self):
        from django.db import connection

        with connection.cursor() as cursor:
            while not self.stop.is_set():
                cursor.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
                )
                self.samples.append(cursor.fetchone()[0])
                time.sleep(self.INTERVAL)
        connection.close()

    def report(self, n: int) -> str:
        if not self.samples:
            return "lock wait: no sample"
        # Each sample stands for the INTERVAL that follows it (plus the query's own time: an underestimate).
        total = sum(self.samples) * self.INTERVAL
        busy = sum(1 for s in self.samples if s)
        return (
            f"lock wait (sampled): {total:.2f} s in all, {total / n * 1000:.0f} ms per submission; "
            f"up to {max(self.samples)} sessions waiting at once; someone waiting in {busy / len(self.samples):.0%} "
            "of the samples"
        )


def percentile(values, q):
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def main():
    import faulthandler

    faulthandler.dump_traceback_later(float(os.environ.get("RUSH_DUMP_AFTER", "0")) or 1e9, exit=True)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=200, help="concurrent submissions (default 200)")
    parser.add_argument("--rate", type=float, help="steady mode: submissions per second (e.g. 20)")
    parser.add_argument("--duration", type=float, default=30, help="steady mode: seconds (default 30)")
    parser.add_argument("--port", type=int, default=8131)
    parser.add_argument(
        "--receipts-timeout", type=float, default=900, help="seconds to wait for every receipt (default 900)"
    )
    parser.add_argument("--web-concurrency", help="gunicorn workers (WEB_CONCURRENCY; default: the Procfile's)")
    args = parser.parse_args()
    n = int(args.rate * args.duration) if args.rate else args.n

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

    env = {k: v for k, v in os.environ.items() if k not in {"SECURE_SSL_REDIRECT", "EMAIL_BACKEND"}}
    env.update(
        PORT=str(args.port),
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        # The console backend would print every receipt, PDF and all, into this script's output.
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    if args.web_concurrency:
        env["WEB_CONCURRENCY"] = args.web_concurrency
    collect_static(env)

    t0 = time.perf_counter()
    bando, drafts = seed(n)
    print(f"seeded {n} enti and drafts in {time.perf_counter() - t0:.1f} s")
    connection.close()

    base_url = f"http://127.0.0.1:{args.port}"
    web = procfile_command("web").replace("--access-logfile -", "")
    server = subprocess.Popen(["sh", "-c", f"exec {web}"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    worker = None
    if os.environ.get("REDIS_URL"):
        ricevute = procfile_command("ricevute").replace("--loglevel INFO", "--loglevel WARNING")
        worker = subprocess.Popen(["sh", "-c", f"exec {ricevute}"], cwd=ROOT, env=env)
    print(f"web: {web}")
    print(f"receipts: {'exec ' + ricevute if worker else 'eager, inside each request (no REDIS_URL)'}")
    sampler = LockSampler()
    try:
        for _attempt in range(300):
            try:
                urllib.request.urlopen(base_url + "/healthz", timeout=2)
                break
            except urllib.error.HTTPError:
                break  # it answers (503 if Redis is down)
            except OSError:
                time.sleep(0.2)
        paths = [f"/bandi/{bando.slug}/candidatura/{c.pk}/invio/" for c, _s in drafts]
        with ThreadPoolExecutor(max_workers=16) as pool:
            tokens = list(pool.map(lambda i: open_page(base_url, paths[i], drafts[i][1]), range(n)))
        load_before = os.getloadavg()
        cpu_web, cpu_worker = cpu_seconds(server), cpu_seconds(worker) if worker else 0.0
        sampler.start()
        t0 = time.perf_counter()
        if args.rate:
            with ThreadPoolExecutor(max_workers=min(n, 256)) as pool:
                futures = []
                for i in range(n):
                    scheduled = t0 + i / args.rate
                    time.sleep(max(0.0, scheduled - time.perf_counter()))
                    futures.append(pool.submit(submit, base_url, paths[i], drafts[i][1], *tokens[i], scheduled))
                results = [f.result() for f in futures]
        else:
            with ThreadPoolExecutor(max_workers=n) as pool:
                results = list(pool.map(lambda i: submit(base_url, paths[i], drafts[i][1], *tokens[i]), range(n)))
        wall = time.perf_counter() - t0
        cpu_web = cpu_seconds(server) - cpu_web
        sampler.stop.set()
        load_after = os.getloadavg()
        receipts = None
        if worker is not None:
            deadline = time.monotonic() + args.receipts_timeout
            pending = Candidatura.objects.filter(bando=bando, ricevuta="")
            while pending.exists() and time.monotonic() < deadline:
                time.sleep(0.5)
            receipts = time.perf_counter() - t0
            rendered = n - pending.count()
            cpu_worker = cpu_seconds(worker) - cpu_worker
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
    sampler.join(timeout=5)

    latencies = sorted(r[0] for r in results)
    errors = [status for _t, status in results if status != 302]
    stored = Candidatura.objects.filter(bando=bando, stato=Candidatura.Stato.PRESENTATA).count()
    year = timezone.localtime().year
    numbers = list(Protocollo.objects.filter(anno=year).order_by("numero").values_list("numero", flat=True))
    duplicates = len(numbers) - len(set(numbers))
    gaps = sorted(set(range(1, max(numbers, default=0) + 1)) - set(numbers))
    mode = f"steady {args.rate:g}/s for {args.duration:g} s" if args.rate else "all at once"
    loads = [", ".join(f"{x:.2f}" for x in load) for load in (load_before, load_after)]
    print(f"load average before {loads[0]}; after {loads[1]}")
    print(f"submissions: {n}, {mode}; wall time {wall:.2f} s, {n / wall:.1f} submissions/s")
    print(
        f"latency p50 {statistics.median(latencies) * 1000:.0f} ms, p95 {percentile(latencies, 0.95) * 1000:.0f} ms, "
        f"p99 {percentile(latencies, 0.99) * 1000:.0f} ms, max {latencies[-1] * 1000:.0f} ms"
    )
    print(f"web CPU: {cpu_web:.2f} s in all, {cpu_web / n * 1000:.1f} ms per submission")
    print(sampler.report(n))
    if receipts is not None:
        print(
            f"{rendered} of {n} receipts rendered {receipts:.1f} s after the first submission; "
            f"receipt worker CPU {cpu_worker / max(rendered, 1) * 1000:.0f} ms per receipt"
        )
    print(f"errors: {len(errors)} {sorted(set(map(str, errors))) if errors else ''}")
    print(f"applications stored: {stored} of {n}")
    print(f"protocol numbers {year}: {len(numbers)}, duplicates {duplicates}, gaps {len(gaps)}")
    ok = not errors and stored == n and not duplicates and not gaps
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
