"""Celery tasks: thin, they load by id and call a service."""

from celery import shared_task


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_email(*, subject: str, body: str, to: list[str], html: str = "") -> int:
    from costellazioni.services.email import email_send

    return email_send(subject=subject, body=body, to=to, html=html)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_message_email(messaggio_id: int) -> bool:
    from costellazioni.services.email import messaggio_email_send

    return messaggio_email_send(messaggio_id=messaggio_id)
