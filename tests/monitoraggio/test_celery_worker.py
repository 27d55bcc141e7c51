"""A quarterly report produced by a real Celery worker on Redis, checked with pypdf."""

import io
from datetime import date

import pytest
from pypdf import PdfReader

from costellazioni.celery import app as celery_app
from monitoraggio import services
from monitoraggio.models import Report
from monitoraggio.tasks import generate_report
from tests.antenne.factories import AttivitaFactory
from tests.costellazioni.factories import StaffFactory
from tests.costellazioni.test_celery_worker import (  # noqa: F401 - fixtures
    celery_on_redis,
    celery_worker,
    mail_dir,
    redis_url,
    sent_messages,
    wait_until,
)
from tests.monitoraggio.test_indicators import at

Q3 = (date(2026, 7, 1), date(2026, 9, 30))


@pytest.fixture
def worker_media(settings, monkeypatch):
    """The worker writes the PDF where this process reads it."""
    monkeypatch.setenv("MEDIA_ROOT", settings.MEDIA_ROOT)


@pytest.mark.celery_worker
def test_a_real_worker_produces_the_quarterly_report(worker_media, celery_worker, mail_dir):  # noqa: F811
    staff = StaffFactory(email="comitato@comune.venezia.it")
    AttivitaFactory(svolta_il=at(date(2026, 8, 12)), persone_raggiunte=43)
    for month in ((7, 31), (8, 31), (9, 30)):
        services.indicatori_snapshot(period_start=date(2026, month[0], 1), period_end=date(2026, month[0], month[1]))
    assert not celery_app.conf.task_always_eager

    report = services.report_request(
        tipo="trimestrale", periodo_inizio=Q3[0], periodo_fine=Q3[1], enqueue=False, actor=staff
    )
    generate_report.apply_async((report.pk,), queue="pdf")
    wait_until(
        lambda: Report.objects.filter(pk=report.pk, stato=Report.Stato.PRONTO).exists(),
        celery_worker,
        timeout=120,
        what="report ready",
    )

    report.refresh_from_db()
    assert report.stato == Report.Stato.PRONTO and report.tentativi == 1
    reader = PdfReader(io.BytesIO(report.file.read()))
    assert len(reader.pages) == report.pagine >= 4
    assert reader.metadata.title == "Report trimestrale per il comitato di gestione — 3° trimestre 2026"
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Persone raggiunte dalle attività sul campo" in text and "43 persone" in text
    (mail,) = [m for m in sent_messages(mail_dir) if m["To"] == "comitato@comune.venezia.it"]
    assert "Report pronto" in mail["Subject"]
