from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from antenne import permissions
from costellazioni.services.audit import audit_record


def apply_transition(*, obj, table: dict, to: str, actor, roles: set, note: str = ""):
    """Check ``table`` for ``obj.stato`` → ``to`` with the actor's ``roles``, set it and record it."""
    current = obj.stato
    transition = table.get((current, to))
    if transition is None:
        raise ValidationError(_("Questo passaggio di stato non è previsto."), code="invalid_transition")
    decision = permissions.can_fire(transition, roles)
    if not decision:
        raise PermissionDenied(decision.reason)
    if transition.note_required and not note.strip():
        raise ValidationError({"note": _("Scrivi la motivazione del passaggio.")})
    obj.stato = to
    audit_record(obj=obj, evento=str(transition.label), autore=actor, stato_da=current, stato_a=to, nota=note)
    return transition
