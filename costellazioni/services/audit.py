"""The audit door: every state change of an important object is recorded here and only here.

Rows are append-only: the admin offers no change or delete, and a database trigger (migration
``0006_digest_schedule``) refuses UPDATE and DELETE, except the ``autore = NULL`` that Django runs
when a person's account is deleted.
"""

from django.contrib.contenttypes.models import ContentType

from costellazioni import codes
from costellazioni.models import EventoAudit


def audit_record(
    *, obj, evento: str, autore=None, stato_da: str = "", stato_a: str = "", nota: str = ""
) -> EventoAudit:
    """Record that ``obj`` went from ``stato_da`` to ``stato_a`` because of ``autore`` (None: automatic).

    ``evento`` is an audit event code some app registered (``costellazioni.codes.audit_events``), for
    instance ``Evento.BANDO_PUBBLICATO``: the row keeps the code and the timeline shows its label in the
    reader's language. Call it inside the transaction that saves the change, so the record and the change
    stand or fall together.
    """
    if obj.pk is None:
        raise ValueError("audit_record() needs a saved object.")
    evento = _code(evento)
    return EventoAudit.objects.create(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        oggetto_repr=str(obj)[:300],
        evento=evento,
        stato_da=str(stato_da),
        stato_a=str(stato_a),
        nota=nota,
        autore=autore if autore is not None and autore.is_authenticated else None,
    )


def _code(evento) -> str:
    """The registered code of ``evento``. A caller still passing a registered event's label (translated in the
    active language, as workflow code did before events were coded) gets that event's code."""
    if evento in codes.audit_events:
        return str(evento)
    code = codes.audit_events.code_for_label(evento)
    if code is None:
        codes.audit_events.require(evento)
    return code
