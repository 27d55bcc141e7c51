"""Celery tasks of co-programming: thin, they call a service."""

from celery import shared_task


@shared_task
def send_protocollo_reminders() -> int:
    """Daily (beat, schedule in the database): follow the MOUs' dates, then send the reminders due."""
    from coprogrammazione.services import promemoria_send, protocolli_follow_dates

    protocolli_follow_dates()
    return promemoria_send()
