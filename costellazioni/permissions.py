"""May this user do X to this object? Each function answers with a reason for the user."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from costellazioni import workflows


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str = ""

    def __bool__(self):
        return self.allowed


ALLOWED = Decision(True)


def is_staff_comunale(user) -> bool:
    return user.is_authenticated and user.is_active and user.is_staff and user.has_perm("costellazioni.change_ente")


def actor_roles(user, *, owner=None) -> set:
    roles = set()
    if is_staff_comunale(user):
        roles.add(workflows.STAFF)
    if owner is not None and user.is_authenticated and owner.pk == user.pk:
        roles.add(workflows.OWNER)
    return roles


def can_fire(user, transition: workflows.Transition, *, owner=None, roles=frozenset()) -> Decision:
    if transition.allowed & (actor_roles(user, owner=owner) | set(roles)):
        return ALLOWED
    return Decision(False, _("Non hai i permessi per questa operazione."))


def can_act_for_ente(user, ente) -> Decision:
    """A person acts for an organisation only through a verified membership of a verified ente."""
    if not user.is_authenticated:
        return Decision(False, _("Accedi per operare per conto di un ente."))
    if not ente.is_verified:
        return Decision(False, _("L'ente non è ancora stato verificato dal Comune."))
    if not ente.memberships.verified().filter(user=user).exists():
        return Decision(False, _("La tua rappresentanza per questo ente non è ancora stata verificata."))
    return ALLOWED
