"""Celery tasks: thin, they load by id and call a service. Mail tasks run on the ``mail`` queue."""

from celery import shared_task


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_email(*, subject: str, body: str, to: list[str], html: str = "") -> int:
    from costellazioni.services.email import email_send

    return email_send(subject=subject, body=body, to=to, html=html)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_message_email(messaggio_id: int) -> bool:
    from costellazioni.services.email import messaggio_email_send

    return messaggio_email_send(messaggio_id=messaggio_id)


@shared_task
def send_digests() -> int:
    """Fan out one task per person, so one bad address does not hold back everybody else."""
    from costellazioni.services.email import digest_recipient_ids

    user_ids = digest_recipient_ids()
    for user_id in user_ids:
        send_digest.delay(user_id)
    return len(user_ids)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_digest(user_id: int) -> int:
    from costellazioni.models import User
    from costellazioni.services.email import messaggi_digest_send

    user = User.objects.filter(pk=user_id).first()
    if user is None:
        return 0
    return messaggi_digest_send(user=user)
