"""Celery tasks of the grants app: thin, they load by id and call a service.

The receipt itself goes through the outbox (``contributi.ricevuta``, registered in ``apps.py``); this task stays
for deliveries already queued under its name.
"""

from celery import shared_task

from costellazioni.celery import RICEVUTE_QUEUE
from costellazioni.tasks import RETRY


@shared_task(queue=RICEVUTE_QUEUE, **RETRY, soft_time_limit=240, time_limit=300)
def send_receipt(candidatura_id: int) -> bool:
    """Put the receipt in the outbox (once per application), which renders it and e-mails it."""
    from contributi.services import ricevuta_enqueue

    return ricevuta_enqueue(candidatura_id=candidatura_id) is not None
