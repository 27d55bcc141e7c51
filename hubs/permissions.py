"""May this user do X to this HUB object? Each function answers with a reason for the user."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from costellazioni.permissions import ALLOWED, Decision, can_act_for_ente, can_approve, is_staff_comunale


def is_hub_staff(user) -> bool:
    """Staff comunale and amministratori: they manage HUBs and see every booking."""
    return is_staff_comunale(user)


def queue_staff(hub, *, model: str):
    """Who is told of a new request for ``hub``'s ``model`` queue ("prenotazione" or "appuntamento").

    Active staff who may handle that queue (the model's change permission, through a role or directly) and act as
    staff comunale in the workflows; the HUB's ``referenti`` among them when it names any, all of them otherwise.
    Superusers holding no role are technical accounts and are not told.
    """
    people = get_user_model().objects.filter(is_active=True, is_staff=True)
    for app_label, codename in [("hubs", f"change_{model}"), ("costellazioni", "change_ente")]:
        permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
        people = people.filter(Q(groups__permissions__in=permission) | Q(user_permissions__in=permission))
    referenti = people.filter(hubs_seguiti=hub)
    return (referenti if referenti.exists() else people).distinct().order_by("pk")


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


def can_decide(user, obj) -> Decision:
    """Confirm or refuse a booking, fix or record an appointment: never the person who asked, nor a member of the
    ente it was asked for."""
    return can_approve(user, ente=obj.ente, requester=obj.richiedente)
