"""Monitoring at scale: dashboards and the quarterly report with 1,000 and then 100,000 field activities.

Seeds field activities (bulk), then measures, through Django's full middleware stack (the test client), the
median render time of ``/monitoraggio/`` (anonymous), ``/monitoraggio/staff/`` (staff) and a bare view that
returns "ok"; then grows the data to 100,000 activities, 5,000 applications, 2,500 needs, 500 antennas and
250 awards, snapshots twelve months, and measures again. Finally it generates the quarterly report in a
separate process (as a worker would) and reports its time and peak memory (ru_maxrss).

Each dashboard is measured three ways: warm (as served between two changes), right after a snapshot (a measurement
changed, the bodies rendered again by ``monitoraggio.cruscotti.warm`` as the snapshot task does, then the first
request) and cold (the cache emptied before every request: the bodies rendered during the request). The same
three are also measured over HTTP, against gunicorn started with the Procfile's web command and
``benchmarks.bench_settings``, next to the floor view ``/bench/floor/`` of ``benchmarks/pages.py`` (requested
anonymously, and with the staff member's session for the staff page); the cache must then be Redis (REDIS_URL),
shared by gunicorn and this process.

    DEBUG=1 DATABASE_URL=postgres://root@127.0.0.1:5432/costellazioni_monit .venv/bin/python benchmarks/monitoraggio.py

It writes into the database it is given (rows marked "bench"): use a development database, never production.
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "costellazioni.settings")

RUNS = 15
SMALL, LARGE = 1_000, 100_000
REPORT_CHILD = """
import json, os, resource, sys, time
sys.path.insert(0, {root!r})
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "costellazioni.settings")
import django
django.setup()
from monitoraggio import services
from monitoraggio.periods import previous_period
from django.utils import timezone
start, end = previous_period("trimestrale", timezone.localdate())
report = services.report_request(tipo="trimestrale", periodo_inizio=start, periodo_fine=end, enqueue=False)
t = time.perf_counter()
report = services.report_generate(report_id=report.pk)
print(json.dumps({{"seconds": time.perf_counter() - t, "pages": report.pagine,
                   "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                   "period": str(start)}}))
"""


def bench_urlconf():
    """The portal's URLs plus one bare view, served through the same middleware."""
    from django.http import HttpResponse
    from django.shortcuts import render
    from django.urls import path

    from costellazioni import urls

    module = types.ModuleType("bench_urls")
    module.urlpatterns = [
        path("bench/bare/", lambda request: HttpResponse("ok")),
        path("bench/page/", lambda request: render(request, "base.html")),
        *urls.urlpatterns,
    ]
    sys.modules["bench_urls"] = module
    return "bench_urls"


def after_snapshot():
    """What a snapshot leaves behind: a measurement changed (new versions), the bodies warmed by the task."""
    from monitoraggio import cruscotti
    from monitoraggio.models import Misurazione

    Misurazione.objects.filter(origine="automatica").order_by("pk").first().save(update_fields=["rilevata_il"])
    cruscotti.warm()


def prepare(state):
    from django.core.cache import cache

    if state == "cold":
        cache.clear()  # the dashboard's bodies rendered during the request
    elif state == "after":
        after_snapshot()


def median_ms(client, url, runs=RUNS, *, state="warm") -> float:
    client.get(url, secure=True)  # warm-up: templates, caches
    timings = []
    for _ in range(runs):
        prepare(state)
        started = time.perf_counter()
        response = client.get(url, secure=True)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(timings)


def http_medians(staff, runs=RUNS) -> dict:
    """The same pages over HTTP (gunicorn, production settings, the bench URLs) against the floor view."""
    from benchmarks.pages import FLOOR, PRODUCTION_ENV, fetch, session_for

    port = 8114
    env = {**os.environ, **PRODUCTION_ENV, "STATIC_ROOT": tempfile.mkdtemp(prefix="bench-static-")}
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )  # whitenoise serves the manifest's files, as in production
    cookie = f"sessionid={session_for(staff.email)}"
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "costellazioni.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2"]
        + ["--pythonpath", str(ROOT), "--log-level", "warning"],
        cwd=ROOT,
        env=env,
    )
    result = {}
    try:
        for _attempt in range(300):
            try:
                fetch(port, "/healthz", "")
                break
            except (OSError, RuntimeError):
                time.sleep(0.2)
        targets = [
            ("floor", FLOOR, "", ["warm"]),
            ("floor_staff", FLOOR, cookie, ["warm"]),
            ("cruscotto", "/monitoraggio/", "", ["warm", "after", "cold"]),
            ("staff", "/monitoraggio/staff/", cookie, ["warm", "after", "cold"]),
        ]
        for name, path, who, states in targets:
            for state in states:
                for _ in range(3):  # warm-up: both workers, templates, connections
                    fetch(port, path, who)
                timings = []
                for _ in range(runs):
                    prepare(state)
                    timings.append(fetch(port, path, who))
                result[name if state == "warm" else f"{name}_{state}"] = statistics.median(timings)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return result


def clean():
    """Remove a previous run's rows, so that the first measurement is taken at 1,000 activities again."""
    from antenne.models import Antenna, Attivita
    from contributi.models import Bando, Candidatura, Concessione
    from costellazioni.models import Ente
    from monitoraggio.models import Misurazione, Report
    from ricerca.models import Bisogno

    Attivita.objects.filter(note="bench").delete()
    Concessione.objects.filter(candidatura__titolo__startswith="bench ").delete()
    Candidatura.objects.filter(titolo__startswith="bench ").delete()
    Bando.objects.filter(titolo="bench bando").delete()
    Ente.objects.filter(denominazione__startswith="bench APS").delete()
    Bisogno.objects.filter(descrizione="bench").delete()
    Antenna.objects.filter(nome_pubblico__startswith="bench ").delete()
    Misurazione.objects.filter(origine="automatica").delete()
    Report.objects.filter(richiesto_da__isnull=True, pubblicato=False).delete()


def grow_activities(target: int) -> int:
    from datetime import timedelta
    from random import Random

    from django.utils import timezone

    from antenne.models import Attivita, OperatoreDiComunita
    from costellazioni.models import Quartiere, User

    current = Attivita.objects.count()
    if current >= target:
        return current
    user, _created = User.objects.get_or_create(email="bench-operatore@example.it")
    operatore, _created = OperatoreDiComunita.objects.get_or_create(user=user)
    quartieri = list(Quartiere.objects.all())
    rnd = Random(target)
    now = timezone.now()
    batch = []
    for _ in range(target - current):
        persone = rnd.randint(1, 30)
        donne = rnd.randint(0, persone)
        batch.append(
            Attivita(
                operatore=operatore,
                tipo=rnd.choice(Attivita.Tipo.values),
                svolta_il=now - timedelta(minutes=rnd.randint(0, 365 * 24 * 60)),
                quartiere=rnd.choice(quartieri),
                persone_raggiunte=persone,
                persone_donne=donne,
                persone_uomini=persone - donne,
                note="bench",
            )
        )
        if len(batch) == 5000:
            Attivita.objects.bulk_create(batch)
            batch = []
    Attivita.objects.bulk_create(batch)
    return Attivita.objects.count()


def grow_others():
    """5,000 submitted applications, 250 awards, 2,500 needs, 500 antennas (bulk, marked bench)."""
    from datetime import timedelta
    from decimal import Decimal
    from random import Random

    from django.utils import timezone

    from antenne.models import Antenna
    from contributi.models import Bando, Candidatura, Concessione
    from costellazioni.models import Ente, Quartiere, User
    from ricerca.models import Bisogno, CategoriaBisogno

    if Candidatura.objects.filter(titolo__startswith="bench ").count() >= 5000:
        return
    rnd = Random(5000)
    now = timezone.now()
    quartieri = list(Quartiere.objects.all())
    user, _created = User.objects.get_or_create(email="bench-referente@example.it")
    enti = Ente.objects.bulk_create(
        Ente(denominazione=f"bench APS {i}", tipo=Ente.Tipo.values[0], codice_fiscale=f"9{i:010d}") for i in range(100)
    )
    bando = Bando.objects.create(
        titolo="bench bando",
        slug=f"bench-{now:%Y%m%d%H%M%S}",
        linea="A",
        sintesi="bench",
        descrizione="bench",
        budget_totale=Decimal("10000000"),
        contributo_minimo=Decimal("1000"),
        contributo_massimo=Decimal("50000"),
        cofinanziamento_percentuale=Decimal("0"),
        apertura=now - timedelta(days=400),
        chiusura=now - timedelta(days=300),
        termine=now - timedelta(days=200),
    )
    candidature = Candidatura.objects.bulk_create(
        Candidatura(
            bando=bando,
            ente=enti[i % 100],
            creata_da=user,
            stato=Candidatura.Stato.PRESENTATA,
            titolo=f"bench {i}",
            importo_richiesto=Decimal("20000"),
            presentata_il=now - timedelta(minutes=rnd.randint(0, 365 * 24 * 60)),
            numero_protocollo=f"B{now:%H%M%S}-{i}",
            snapshot={},
        )
        for i in range(5000)
    )
    Concessione.objects.bulk_create(
        Concessione(
            candidatura=c,
            importo=Decimal("18000"),
            data_inizio=(now - timedelta(days=200)).date(),
            data_fine=(now + timedelta(days=165)).date(),
            accettata_il=now - timedelta(days=200),
        )
        for c in candidature[:250]
    )
    categorie = list(CategoriaBisogno.objects.all()) or [
        CategoriaBisogno.objects.create(nome="bench solitudine", slug="bench-solitudine")
    ]
    Bisogno.objects.bulk_create(
        Bisogno(
            categoria=rnd.choice(categorie),
            descrizione="bench",
            quartiere=rnd.choice(quartieri),
            stato=rnd.choice(Bisogno.Stato.values),
        )
        for _ in range(2500)
    )
    Antenna.objects.bulk_create(
        Antenna(
            tipo="negozio",
            nome_pubblico=f"bench {i}",
            quartiere=rnd.choice(quartieri),
            stato=rnd.choice(Antenna.Stato.values),
        )
        for i in range(500)
    )


def snapshot_year() -> float:
    from django.utils import timezone

    from monitoraggio import services
    from monitoraggio.periods import months_between

    today = timezone.localdate()
    started = time.perf_counter()
    for start, end in months_between(today.replace(year=today.year - 1, day=1), today):
        services.indicatori_snapshot(period_start=start, period_end=end)
    return time.perf_counter() - started


def measure(label, staff) -> dict:
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    anonymous, logged = Client(), Client()
    logged.force_login(staff)
    result = {"label": label}
    for name, client, url in [
        ("bare", anonymous, "/bench/bare/"),
        ("page", anonymous, "/bench/page/"),
        ("cruscotto", anonymous, "/monitoraggio/"),
        ("staff", logged, "/monitoraggio/staff/"),
    ]:
        result[name] = median_ms(client, url)
        if name in ("cruscotto", "staff"):
            result[f"{name}_after"] = median_ms(client, url, state="after")
            result[f"{name}_cold"] = median_ms(client, url, state="cold")
        with CaptureQueriesContext(connection) as queries:
            client.get(url, secure=True)
        result[f"{name}_queries"] = len(queries)
    reset_queries()
    if os.environ.get("REDIS_URL"):
        result["http"] = http_medians(staff)
    return result


def main():
    import django

    django.setup()
    from django.conf import settings
    from django.test import override_settings
    from django.test.utils import setup_test_environment

    from antenne.models import Attivita
    from costellazioni.models import User

    settings.ROOT_URLCONF = bench_urlconf()
    settings.ALLOWED_HOSTS = ["*"]
    # Production settings (DEBUG=0) but static files from the app directories, without collectstatic.
    # override_settings (not an assignment) so that storages already opened at start-up are opened again.
    override_settings(
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    ).enable()
    setup_test_environment()
    staff = User.objects.filter(is_superuser=True).first() or User.objects.create_superuser(
        email="bench-admin@example.it", password=None
    )
    clean()
    print("load before:", os.getloadavg())
    n = grow_activities(SMALL)
    snap_small = snapshot_year()
    small = measure(f"{n} activities", staff)
    print(json.dumps(small), f"snapshot of 12 months: {snap_small:.2f} s")

    n = grow_activities(LARGE)
    grow_others()
    snap_large = snapshot_year()
    large = measure(f"{n} activities", staff)
    print(json.dumps(large), f"snapshot of 12 months: {snap_large:.2f} s")
    for name in ("cruscotto", "cruscotto_after", "cruscotto_cold", "staff", "staff_after", "staff_cold"):
        print(
            f"{name}: {small[name]:.1f} ms -> {large[name]:.1f} ms "
            f"(x{large[name] / small[name]:.2f} with the data; x{large[name] / large['page']:.2f} the bare page, "
            f"x{large[name] / large['bare']:.0f} the bare 'ok' view)"
        )
    if "http" in large:
        print("over HTTP (gunicorn), medians in ms, and the ratio to the floor view at 100,000 activities:")
        for name, value in large["http"].items():
            floor = large["http"]["floor_staff" if name.startswith("staff") else "floor"]
            print(
                f"  {name}: {small['http'][name]:.1f} -> {value:.1f} "
                f"(x{value / small['http'][name]:.2f} with the data; x{value / floor:.2f} the floor)"
            )
    child = subprocess.run(
        [sys.executable, "-c", REPORT_CHILD.format(root=str(ROOT))],
        capture_output=True,
        text=True,
        check=True,
        env=os.environ,
    )
    report = json.loads(child.stdout.strip().splitlines()[-1])
    print(
        f"quarterly report {report['period']}: {report['seconds']:.2f} s, {report['pages']} pages, "
        f"peak RSS {report['max_rss_mb']:.0f} MB"
    )
    print("load after:", os.getloadavg(), "activities:", Attivita.objects.count())


if __name__ == "__main__":
    main()
