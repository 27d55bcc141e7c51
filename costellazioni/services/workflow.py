"""The one door that moves an object between states of a workflow table, and what a person may do now."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
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

    The audit row carries the transition's event code (``evento`` overrides it with another registered code);
    the transition's notification, if it has one, is written with it (e-mails leave on commit). The caller
    holds the transaction and a row lock and saves the object (with the other fields it changes).
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
    audit_record(obj=obj, evento=evento or transition.evento, autore=actor, stato_da=current, stato_a=to, nota=note)
    if transition.notifica is not None:
        _notify(obj, transition, note)
    return transition


def workflow_fire(*, obj, to: str, actor, note: str = "", field: str = "stato", **fields):
    """Fire a transition of ``obj``'s registered workflow and store it: the door for tables whose roles, owner
    and approval rule are declared once, at registration (``costellazioni.workflows.register``).

    ``fields`` are other fields stored with the state (a date, an amount), in the same single UPDATE. The
    caller holds the transaction and the row lock, and validates the object before.
    """
    workflow = _workflow(type(obj), field)
    transition = workflow_transition(
        obj=obj,
        field=field,
        table=workflow.table,
        to=to,
        actor=actor,
        note=note,
        owner=workflow.owner(obj) if workflow.owner else None,
        roles=frozenset(workflow.roles(obj, actor)) if workflow.roles else frozenset(),
        approval=workflow.approval(actor, obj) if workflow.approval else permissions.ALLOWED,
    )
    for name, value in fields.items():
        setattr(obj, name, value)
    # One UPDATE of the state and the given fields: no save() side effects, the rest of the row untouched.
    type(obj)._base_manager.filter(pk=obj.pk).update(**{field: getattr(obj, field)}, **fields)
    return transition


@dataclass(frozen=True)
class Available:
    """A transition a person may fire now: ``to`` (the target state) on ``field``, with its ``transition``."""

    field: str
    to: str
    transition: workflows.Transition

    @property
    def label(self):
        return self.transition.label

    @property
    def note_required(self) -> bool:
        return self.transition.note_required


def available_transitions(obj, user, *, field: str | None = None) -> list[Available]:
    """What ``user`` may do to ``obj`` now, from every registered workflow of its model (in table order).

    The same rules as the door: the table, the roles (staff, owner, the app's own) and the approval rule for
    staff-only transitions. Conditions a service checks beyond who acts (a deadline, a complete file) are
    not anticipated: the service refuses with its message.
    """
    available = []
    for workflow in workflows.workflows_for(type(obj)):
        if field is not None and workflow.field != field:
            continue
        current = getattr(obj, workflow.field)
        owner = workflow.owner(obj) if workflow.owner else None
        roles = set(workflow.roles(obj, user)) if workflow.roles else set()
        approval = None
        for (source, to), transition in workflow.table.items():
            if source != current or not permissions.can_fire(user, transition, owner=owner, roles=roles):
                continue
            fired_as = transition.allowed & (permissions.actor_roles(user, owner=owner) | roles)
            if fired_as <= {workflows.STAFF} and workflow.approval is not None:
                if approval is None:
                    approval = workflow.approval(user, obj)
                if not approval:
                    continue
            available.append(Available(field=workflow.field, to=to, transition=transition))
    return available


def require_available(obj, user, to: str, *, field: str = "stato") -> None:
    """Raise the door's refusal unless ``available_transitions`` offers ``to`` to ``user`` now: what a button or
    an admin action checks before calling the service (which checks again, under lock)."""
    if any(a.to == to for a in available_transitions(obj, user, field=field)):
        return
    workflow = _workflow(type(obj), field)
    if (getattr(obj, field), to) not in workflow.table:
        raise ValidationError(_("Questo passaggio di stato non è previsto."), code="invalid_transition")
    raise PermissionDenied(_("Non hai i permessi per questa operazione."))


def _workflow(model, field: str) -> workflows.Workflow:
    for workflow in workflows.workflows_for(model):
        if workflow.field == field:
            return workflow
    raise LookupError(f"No workflow registered for {model.__name__}.{field}.")


def _notify(obj, transition: workflows.Transition, note: str) -> None:
    from costellazioni.services.notifications import notify

    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("workflow_transition() with a notification runs inside the caller's transaction.")
    notifica = transition.notifica
    destinatari = list(notifica.destinatari(obj))
    if not destinatari:
        return
    context = {"label": transition.label, "oggetto": obj}
    oggetto = (notifica.oggetto or _("%(label)s: %(oggetto)s")) % context
    link = notifica.link(obj) if notifica.link else getattr(obj, "get_absolute_url", lambda: "")()
    notify(
        destinatari=destinatari,
        tipo=notifica.tipo,
        oggetto=oggetto,
        testo="\n\n".join(part for part in (str(transition.label), note) if part),
        link=link,
    )
