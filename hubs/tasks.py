"""Celery tasks of the HUB app: thin, they load by id and call a service."""

from celery import shared_task


@shared_task(queue="mail", autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_prenotazione_ics(prenotazione_id: int) -> bool:
    from hubs.services import prenotazione_email_ics_send

    return prenotazione_email_ics_send(prenotazione_id=prenotazione_id)
