"""Thin Celery tasks of the governance app: they call a service."""

from celery import shared_task


@shared_task
def convocazioni_send() -> int:
    """Send the convocations whose notice window has opened (scheduled hourly)."""
    from governance.services.riunioni import riunioni_convocazioni_send

    return riunioni_convocazioni_send()
