"""Celery tasks: thin, they load by id and call a service. Mail tasks run on the ``mail`` queue.

Every task retries, with a growing pause, when the database or the mail server does not answer
(``RETRIED``); the outbox's sweeper is the net below those retries.
"""

from celery import shared_task
from django.db import InterfaceError, OperationalError

RETRIED = (OSError, OperationalError, InterfaceError)
RETRY = {"autoretry_for": RETRIED, "retry_backoff": True, "retry_backoff_max": 300, "max_retries": 5}


@shared_task(**RETRY, soft_time_limit=240, time_limit=300)
def run_operazione(operazione_id: int) -> bool:
    """Run one outbox row (a receipt, an e-mail); a second delivery finds it taken and does nothing."""
    from costellazioni.services.outbox import operazione_run

    return operazione_run(operazione_id=operazione_id)


@shared_task(**RETRY)
def sweep_outbox() -> int:
    """Every minute (beat): queue again the outbox rows still waiting after a few minutes."""
    from costellazioni.services.outbox import operazioni_sweep

    return operazioni_sweep()


@shared_task(**RETRY)
def send_email(*, subject: str, body: str, to: list[str], html: str = "") -> int:
    from costellazioni.services.email import email_send

    return email_send(subject=subject, body=body, to=to, html=html)


@shared_task(**RETRY)
def send_message_email(messaggio_id: int) -> bool:
    from costellazioni.services.email import messaggio_email_send

    return messaggio_email_send(messaggio_id=messaggio_id)


@shared_task(**RETRY)
def send_digests() -> int:
    """Fan out one task per person, so one bad address does not hold back everybody else."""
    from costellazioni.services.email import digest_recipient_ids

    user_ids = digest_recipient_ids()
    for user_id in user_ids:
        send_digest.delay(user_id)
    return len(user_ids)


@shared_task(**RETRY)
def send_digest(user_id: int) -> int:
    from costellazioni.models import User
    from costellazioni.services.email import messaggi_digest_send

    user = User.objects.filter(pk=user_id).first()
    if user is None:
        return 0
    return messaggi_digest_send(user=user)
