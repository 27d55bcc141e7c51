"""The one function that moves an object between states of a workflow table."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from costellazioni import permissions, workflows
from costellazioni.services.audit import audit_record


def workflow_transition(
    *,
    obj,
    field: str,
    table: dict,
    to: str,
    actor,
    note: str = "",
    owner=None,
    roles=frozenset(),
    evento: str = "",
    approval: permissions.Decision = permissions.ALLOWED,
):
    """Check ``table`` for the move of ``obj.<field>`` to ``to``, apply it and record it.

    ``approval`` is the app's answer to "may this person decide on this request?" (built on
    ``permissions.can_approve``): a transition the actor may fire only as staff is refused when it says no,
    so nobody confirms, verifies or admits their own request; the owner still withdraws their own.

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
    fired_as = transition.allowed & (permissions.actor_roles(actor, owner=owner) | set(roles))
    if fired_as <= {workflows.STAFF}:
        permissions.require_approver(approval)
    if transition.note_required and not note.strip():
        raise ValidationError({"note": _("Scrivi la motivazione: verrà comunicata all'interessato.")})
    setattr(obj, field, to)
    audit_record(obj=obj, evento=evento or str(transition.label), autore=actor, stato_da=current, stato_a=to, nota=note)
    return transition
