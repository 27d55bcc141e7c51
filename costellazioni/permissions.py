"""May this user do X to this object? Each function answers with a reason for the user."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from costellazioni import workflows
from costellazioni.identita import config, livelli


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


def has_identity_level(request, *, level: int | None = None) -> Decision:
    """Is this session's sign-in strong enough (SPID level ``level``, CIE counting as L3)?

    Only when SPID or CIE is configured; the default level is ``SPID_LEVEL_REQUIRED_FOR_SUBMISSION``. Used before
    submitting a grant application and signing an MOU (``require_identity_level``)."""
    required = livelli.required_level_for_submission() if level is None else level
    if required <= 0 or not config.is_configured() or livelli.current_level(request) >= required:
        return ALLOWED
    return Decision(
        False,
        _("Per questa operazione serve l'accesso con SPID di livello %(livello)s o superiore, oppure con CIE.")
        % {"livello": required},
    )


def require_identity_level(request, *, level: int | None = None) -> None:
    """Raises a ValidationError (code ``identity_level``) whose message links to signing in again at the level."""
    decision = has_identity_level(request, level=level)
    if not decision:
        url = f"{reverse('identita_livello')}?{urlencode({'next': request.get_full_path()})}"
        raise ValidationError(
            format_html('{} <a href="{}">{}</a>', decision.reason, url, _("Accedi di nuovo con SPID o CIE.")),
            code="identity_level",
        )
