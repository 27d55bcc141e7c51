"""May this user do X to this HUB object? Each function answers with a reason for the user."""

from django.utils.translation import gettext_lazy as _

from costellazioni.permissions import ALLOWED, Decision, can_act_for_ente, is_staff_comunale


def is_hub_staff(user) -> bool:
    """Staff comunale and amministratori: they manage HUBs and see every booking."""
    return is_staff_comunale(user)


def can_book(user, *, ente=None) -> Decision:
    """Signed-in people book for themselves, or for an organisation they represent (verified)."""
    if not user.is_authenticated:
        return Decision(False, _("Accedi per prenotare uno spazio."))
    if ente is not None:
        return can_act_for_ente(user, ente)
    return ALLOWED


def can_ask_appointment(user, *, ente=None) -> Decision:
    if not user.is_authenticated:
        return Decision(False, _("Accedi per chiedere un appuntamento."))
    if ente is not None:
        return can_act_for_ente(user, ente)
    return ALLOWED


def can_cancel(user, obj) -> Decision:
    """The person who asked, or staff; only while the booking or appointment is still open."""
    from hubs import workflows

    table = workflows.table_for(obj)
    annullato = workflows.cancelled_state(obj)
    if (obj.stato, annullato) not in table:
        return Decision(False, _("Non si può più annullare."))
    if is_hub_staff(user) or (user.is_authenticated and obj.richiedente_id == user.pk):
        return ALLOWED
    return Decision(False, _("Non hai i permessi per questa operazione."))
