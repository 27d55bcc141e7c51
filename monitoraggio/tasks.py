"""Celery tasks of monitoring: thin, they load by id and call a service."""

import logging

from celery import shared_task
from django.utils import timezone

from monitoraggio import cruscotti, services
from monitoraggio.periods import months_between, previous_period

logger = logging.getLogger(__name__)

REPORT_RETRIES = 3
RETRY_DELAY_SECONDS = 60


@shared_task
def snapshot_indicators() -> int:
    """Beat (nightly): snapshot the automatic indicators of the due months."""
    rows = 0
    for start, end in services.snapshot_due_periods():
        rows += sum(services.indicatori_snapshot(period_start=start, period_end=end).values())
    cruscotti.warm()  # the snapshots have committed: no visitor pays for the dashboards' new bodies
    return rows


@shared_task(queue="pdf")
def report_periodic(tipo: str) -> int:
    """Beat: the report of the last complete month, quarter or year; snapshots its months first."""
    start, end = previous_period(tipo, timezone.localdate())
    for month_start, month_end in months_between(start, end):
        if month_end < timezone.localdate():
            services.indicatori_snapshot(period_start=month_start, period_end=month_end)
    warm_dashboards.delay()
    return services.report_request(tipo=tipo, periodo_inizio=start, periodo_fine=end).pk


@shared_task(bind=True, queue="pdf", max_retries=REPORT_RETRIES, acks_late=True)
def generate_report(self, report_id: int) -> str:
    """Render one report; a failure is recorded on the report and retried, then left as failed."""
    try:
        report = services.report_generate(report_id=report_id)
    except Exception as error:
        logger.exception("Report %s failed", report_id)
        services.report_fail(report_id=report_id, error=f"{type(error).__name__}: {error}")
        if self.request.retries < self.max_retries and not self.request.is_eager:
            raise self.retry(countdown=RETRY_DELAY_SECONDS * (self.request.retries + 1)) from error
        return "fallito"
    return "pronto" if report is not None else "già pronto"


@shared_task
def warm_dashboards() -> int:
    """After measurements changed outside the nightly snapshot: render the dashboards' bodies again."""
    return cruscotti.warm()


@shared_task
def import_measurements(importazione_id: int) -> str:
    from monitoraggio.importing import importazione_run

    return importazione_run(importazione_id=importazione_id).stato
