"""May this user do X to this governance object? Each function answers with a reason for the user."""

from django.utils.translation import gettext_lazy as _

from costellazioni.permissions import ALLOWED, Decision, is_staff_comunale
from costellazioni.workflows import STAFF
from governance import workflows
from governance.models import MembroOrgano, Organo, Riunione


def sees_everything(user) -> bool:
    """Staff comunale and administrators see every body, meeting and minute."""
    return is_staff_comunale(user) or (user.is_authenticated and user.is_superuser)


def is_member(user, organo: Organo, *, on=None) -> bool:
    if not user.is_authenticated:
        return False
    return MembroOrgano.objects.in_carica(on=on).filter(organo=organo, user=user).exists()


def chairs(user, organo: Organo) -> bool:
    """The chair or the secretary of the body, in office today."""
    if not user.is_authenticated:
        return False
    return (
        MembroOrgano.objects.in_carica()
        .filter(
            organo=organo,
            user=user,
            ruolo__in=[MembroOrgano.Ruolo.PRESIDENTE, MembroOrgano.Ruolo.SEGRETARIO],
        )
        .exists()
    )


def actor_roles(user, riunione: Riunione) -> set:
    roles = set()
    if sees_everything(user):
        roles.add(STAFF)
    if chairs(user, riunione.organo):
        roles.add(workflows.PRESIDENZA)
    return roles


def can_view_organo(user, organo: Organo) -> Decision:
    if organo.is_public or sees_everything(user) or is_member(user, organo):
        return ALLOWED
    return Decision(False, _("Questo organo è riservato ai suoi membri."))


def can_view_riunione(user, riunione: Riunione) -> Decision:
    if riunione.is_public or sees_everything(user) or is_member(user, riunione.organo):
        return ALLOWED
    if user.is_authenticated and riunione.partecipazioni.filter(user=user).exists():
        return ALLOWED
    return Decision(False, _("Questa riunione è riservata ai membri dell'organo."))


def can_manage_riunione(user, riunione: Riunione) -> Decision:
    """Convene, edit the agenda, keep the attendance register and write the minutes."""
    if sees_everything(user) or chairs(user, riunione.organo):
        return ALLOWED
    return Decision(False, _("Solo la presidenza o la segreteria dell'organo può gestire la riunione."))
