"""Writes of the monitoring app. Functions ``<entity>_<verb>``, keyword-only, no request."""

from monitoraggio.services.misure import misurazione_create, misurazione_reject, misurazione_validate
from monitoraggio.services.report import (
    report_fail,
    report_generate,
    report_publish,
    report_request,
    report_unpublish,
)
from monitoraggio.services.snapshot import indicatori_snapshot, snapshot_due_periods

__all__ = [
    "indicatori_snapshot",
    "misurazione_create",
    "misurazione_reject",
    "misurazione_validate",
    "report_fail",
    "report_generate",
    "report_publish",
    "report_request",
    "report_unpublish",
    "snapshot_due_periods",
]
