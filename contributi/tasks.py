"""Celery tasks of the grants app: thin, they load by id and call a service."""

from celery import shared_task


@shared_task(queue="mail", autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_receipt(candidatura_id: int) -> bool:
    """Render the receipt (once) and e-mail it, attached, to whoever submitted the application."""
    from contributi.services import ricevuta_email_send

    return ricevuta_email_send(candidatura_id=candidatura_id)
