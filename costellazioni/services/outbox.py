"""Running the outbox (``OperazioneInCoda``): enqueue with the write, dispatch after commit, retry, give up.

- ``operazione_enqueue`` is called inside the transaction that makes the change; the row commits or rolls back
  with it. After the commit it is handed to Celery; if the broker is down, nothing is raised to the person who
  made the change (the row waits for the sweeper).
- ``operazione_run`` (the Celery task ``run_operazione``) prepares, takes the row for itself with one
  conditional UPDATE (a second delivery of the same task finds it taken and does nothing), executes, and marks it
  done. A failure is recorded with a growing pause before the next attempt; after ``MAX_TENTATIVI`` the row is
  ``fallita`` and staff see it in the admin.
- ``operazioni_sweep`` (beat, every minute) re-queues waiting rows whose time has come, and marks as failed the
  rows whose worker died while sending (whether the e-mail left is unknown: staff check and re-send).
"""

import logging
import time
from datetime import timedelta
from functools import partial

from django.contrib.contenttypes.models import ContentType
from django.db import InterfaceError, OperationalError, connection, transaction
from django.utils import timezone

from costellazioni import outbox, workflows
from costellazioni.models import OperazioneInCoda
from costellazioni.services.workflow import workflow_transition

logger = logging.getLogger(__name__)

Stato = OperazioneInCoda.Stato
DATABASE_ERRORS = (OperationalError, InterfaceError)

MAX_TENTATIVI = 6
PRIMO_RITARDO = timedelta(minutes=1)  # then 2, 4, 8, 16 minutes between attempts
RITARDO_MASSIMO = timedelta(hours=1)
# The dispatch after commit normally runs a row at once; the sweeper takes it up only after this pause.
GRAZIA = timedelta(minutes=3)
# A row "in corso" for longer than this lost its worker (the slowest task has a 5-minute hard limit).
INTERROTTA_DOPO = timedelta(minutes=15)
SWEEP_BATCH = 500
# After the broker refused a row, the next rows of this process skip it for this long (seconds): one request
# that queues several e-mails waits once for a down broker, not once per e-mail.
BROKER_RETRY_AFTER = 30
_broker_down_until = 0.0
INTERROTTA = "Interrotta durante l'esecuzione: controllare se è arrivata prima di inviarla di nuovo."


def _ritardo(tentativi: int) -> timedelta:
    return min(PRIMO_RITARDO * (2 ** max(tentativi - 1, 0)), RITARDO_MASSIMO)


@transaction.atomic(savepoint=False)
def operazione_enqueue(*, tipo: str, oggetto=None, dati: dict | None = None, now=None) -> OperazioneInCoda:
    """Record ``tipo`` to run for ``oggetto`` after this transaction commits; once per (tipo, oggetto).

    Two statements inside the caller's transaction (it runs in hot paths such as the submission of an
    application): the fields are validated in Python, and what the database's constraints enforce is left to them.
    """
    compito = outbox.compito(tipo)
    now = now or timezone.now()
    target = {}
    if oggetto is not None:
        target = {"content_type": ContentType.objects.get_for_model(oggetto), "oggetto_id": oggetto.pk}
        existing = OperazioneInCoda.objects.filter(tipo=tipo, **target).first()
        if existing is not None:
            return existing
    operazione = OperazioneInCoda(tipo=tipo, dati=dati or {}, prossimo_tentativo=now + GRAZIA, **target)
    operazione.full_clean(exclude=["content_type"], validate_unique=False, validate_constraints=False)
    operazione.save()
    transaction.on_commit(partial(operazione_dispatch, operazione.pk, queue=compito.queue), robust=True)
    return operazione


def operazione_dispatch(operazione_id: int, *, queue: str, even_if_down: bool = False) -> bool:
    """Hand one row to Celery. Never raises: a row the broker did not take waits for the sweeper."""
    from costellazioni.tasks import run_operazione

    global _broker_down_until
    if not even_if_down and time.monotonic() < _broker_down_until:
        logger.info("Outbox row %s left for the sweeper: the broker was down moments ago.", operazione_id)
        return False
    try:
        run_operazione.apply_async(args=[operazione_id], queue=queue)
    except Exception:  # broker down, connection refused, publish retries exhausted
        _broker_down_until = time.monotonic() + BROKER_RETRY_AFTER
        logger.warning("Outbox row %s not queued now; the sweeper will queue it.", operazione_id, exc_info=True)
        return False
    return True


def operazione_run(*, operazione_id: int) -> bool:
    """Run one row once; True if this call did it. Database errors propagate, so the task retries."""
    operazione = OperazioneInCoda.objects.select_related("content_type").filter(pk=operazione_id).first()
    if operazione is None or operazione.stato != Stato.IN_ATTESA:
        return False
    compito = outbox.compito(operazione.tipo)
    try:
        if compito.prepare is not None:
            compito.prepare(operazione)
    except DATABASE_ERRORS:
        raise
    except Exception as error:
        _record_failure(operazione_id, error, running=False)
        return False
    claimed = OperazioneInCoda.objects.filter(pk=operazione_id, stato=Stato.IN_ATTESA).update(
        stato=Stato.IN_CORSO, iniziata_il=timezone.now()
    )
    if not claimed:
        return False  # another delivery of the same task took it first
    try:
        compito.execute(operazione)
    except Exception as error:
        # Handlers raise before their effect (an e-mail that fails to leave), so the row may run again.
        _record_failure(operazione_id, error, running=True)
        if isinstance(error, DATABASE_ERRORS):
            raise
        return False
    _mark_done(operazione_id)
    return True


def _with_database_retries(action, attempts: int = 5):
    """Run ``action`` again after a dropped connection, reconnecting in between (0.2 s, 0.4 s, ... apart)."""
    for attempt in range(attempts):
        try:
            if not connection.in_atomic_block:
                connection.close_if_unusable_or_obsolete()
            return action()
        except DATABASE_ERRORS:
            if attempt == attempts - 1 or connection.in_atomic_block:
                raise
            connection.close()
            time.sleep(0.2 * 2**attempt)
    return None


def _mark_done(operazione_id: int) -> None:
    _with_database_retries(
        lambda: OperazioneInCoda.objects.filter(pk=operazione_id, stato=Stato.IN_CORSO).update(
            # ``dati`` may hold an e-mail's text (a password-reset link): not kept once sent.
            stato=Stato.ESEGUITA,
            eseguita_il=timezone.now(),
            ultimo_errore="",
            dati={},
        )
    )


def _record_failure(operazione_id: int, error: Exception, *, running: bool) -> None:
    def record():
        with transaction.atomic():
            operazione = OperazioneInCoda.objects.select_for_update().get(pk=operazione_id)
            if operazione.stato != (Stato.IN_CORSO if running else Stato.IN_ATTESA):
                return
            _fail(operazione, f"{error.__class__.__name__}: {error}")

    try:
        _with_database_retries(record)
    except DATABASE_ERRORS:
        logger.exception("Could not record the failure of outbox row %s; the sweeper will find it.", operazione_id)


def _fail(operazione: OperazioneInCoda, message: str, now=None) -> None:
    now = now or timezone.now()
    operazione.tentativi += 1
    operazione.ultimo_errore = message[:2000]
    if operazione.tentativi >= MAX_TENTATIVI:
        operazione.stato = Stato.FALLITA
        logger.error("Outbox row %s (%s) failed for good: %s", operazione.pk, operazione.tipo, message)
    else:
        operazione.stato = Stato.IN_ATTESA
        operazione.prossimo_tentativo = now + _ritardo(operazione.tentativi)
    operazione.full_clean()
    operazione.save(update_fields=["tentativi", "ultimo_errore", "stato", "prossimo_tentativo"])


def operazioni_sweep(*, now=None) -> int:
    """Fail rows whose worker died mid-run, and queue the waiting rows whose time has come; return how many."""
    now = now or timezone.now()
    with transaction.atomic():
        for operazione in OperazioneInCoda.objects.stale(older_than=now - INTERROTTA_DOPO).select_for_update(
            skip_locked=True
        )[:SWEEP_BATCH]:
            # Its process stopped while sending: whether the e-mail left is unknown. Sending it again on our own
            # could send it twice, so staff decide (the admin shows it as failed, with "send again").
            operazione.stato = Stato.FALLITA
            operazione.ultimo_errore = INTERROTTA
            operazione.save(update_fields=["stato", "ultimo_errore"])
            logger.error("Outbox row %s (%s) was interrupted while running.", operazione.pk, operazione.tipo)
    queued = 0
    with transaction.atomic():
        due = list(
            OperazioneInCoda.objects.due(now)
            .select_for_update(skip_locked=True)
            .order_by("prossimo_tentativo")
            .values_list("pk", "tipo", "tentativi")[:SWEEP_BATCH]
        )
        for pk, _tipo, tentativi in due:
            # The next sweep leaves it alone while this delivery is on its way.
            OperazioneInCoda.objects.filter(pk=pk).update(prossimo_tentativo=now + GRAZIA + _ritardo(tentativi))
    for pk, tipo, _tentativi in due:
        if not operazione_dispatch(pk, queue=outbox.compito(tipo).queue, even_if_down=True):
            break  # the broker is down: the others come round at a later sweep
        queued += 1
    return queued


@transaction.atomic
def operazione_resend(*, operazione: OperazioneInCoda, actor, now=None) -> OperazioneInCoda:
    """Staff send a failed row again: it waits once more, with its attempts counted from zero."""
    now = now or timezone.now()
    operazione = OperazioneInCoda.objects.select_for_update().get(pk=operazione.pk)
    workflow_transition(
        obj=operazione, field="stato", table=workflows.OPERAZIONE_IN_CODA, to=Stato.IN_ATTESA, actor=actor
    )
    operazione.tentativi = 0
    operazione.prossimo_tentativo = now + GRAZIA
    operazione.full_clean()
    operazione.save(update_fields=["stato", "tentativi", "prossimo_tentativo"])
    transaction.on_commit(
        partial(operazione_dispatch, operazione.pk, queue=outbox.compito(operazione.tipo).queue), robust=True
    )
    return operazione
