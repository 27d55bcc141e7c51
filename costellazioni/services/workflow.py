"""The one function that moves an object between states of a workflow table."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from costellazioni import permissions
from costellazioni.services.audit import audit_record


def workflow_transition(
    *, obj, field: str, table: dict, to: str, actor, note: str = "", owner=None, roles=frozenset(), evento: str = ""
):
    """Check ``table`` for the move of ``obj.<field>`` to ``to``, apply it and record it.

    The caller holds the transaction and a row lock, saves the other fields it changes and sends
    notifications; this function validates, sets the state and writes the audit row.
    """
    current = getattr(obj, field)
    transition = table.get((current, to))
    if transition is None:
        raise ValidationError(_("Questo passaggio di stato non è previsto."), code="invalid_transition")
    decision = permissions.can_fire(actor, transition, owner=owner, roles=roles)
    if not decision:
        raise PermissionDenied(decision.reason)
    if transition.note_required and not note.strip():
        raise ValidationError({"note": _("Scrivi la motivazione: verrà comunicata all'interessato.")})
    setattr(obj, field, to)
    audit_record(obj=obj, evento=evento or str(transition.label), autore=actor, stato_da=current, stato_a=to, nota=note)
    return transition
