"""May this user do X to this object? Each function answers with a reason for the user."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext
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
    """Does ``user`` act for the City: the one meaning of "staff" in every app.

    An active member of the staff (``is_staff``) who may change enti (the "Staff comunale" group), or an active
    superuser, with or without ``is_staff``: the admin already lets a superuser do everything, so every rule
    that trusts the staff trusts them too. Decided here once; no module adds ``or user.is_superuser``
    (``tests/costellazioni/architecture/`` fails on ``is_superuser`` read anywhere else).
    Inactive users never count.
    """
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    return user.is_staff and user.has_perm("costellazioni.change_ente")


def require_staff(user) -> None:
    """Raise ``PermissionDenied`` unless ``user`` is staff comunale (``is_staff_comunale``)."""
    if not is_staff_comunale(user):
        raise PermissionDenied(gettext("Non hai i permessi per questa operazione."))


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


# --- nobody approves their own request ---------------------------------------------------------------

# The states of a membership that mean the person belongs to the ente, or has asked to.
BELONGING_STATES = ("richiesta", "verificata")


class PartyToRequest(PermissionDenied):
    """A decision refused because the person deciding asked for it, or belongs to the ente concerned."""

    code = "party_to_request"


def is_party_to(user, *, ente=None, requester=None) -> bool:
    """Whether ``user`` is the person who asked (``requester``) or belongs to ``ente`` (a membership that is
    verified or requested)."""
    if not user.is_authenticated:
        return False
    if requester is not None and requester.pk == user.pk:
        return True
    if ente is not None:
        return ente.memberships.filter(user_id=user.pk, stato__in=BELONGING_STATES).exists()
    return False


def can_approve(user, *, ente=None, requester=None) -> Decision:
    """Verify, confirm, admit, score, award, pay or approve: never by a party to the request."""
    if requester is not None and user.is_authenticated and requester.pk == user.pk:
        return Decision(False, _("Non puoi decidere su una richiesta che hai presentato tu: deve farlo un collega."))
    if is_party_to(user, ente=ente):
        return Decision(
            False,
            _(
                "Non puoi decidere su una richiesta di %(ente)s: ne fai parte o hai chiesto di rappresentarlo. "
                "Deve farlo un collega."
            )
            % {"ente": ente},
        )
    return ALLOWED


def require_approver(decision: Decision) -> None:
    """Raise ``PartyToRequest`` with the reason when ``decision`` (from ``can_approve``) refuses."""
    if not decision:
        raise PartyToRequest(decision.reason)


def can_decide_membership(user, membership) -> Decision:
    return can_approve(user, ente=membership.ente, requester=membership.user)


def can_decide_ente(user, ente) -> Decision:
    return can_approve(user, ente=ente)


def can_correct_ente(user, ente=None) -> Decision:
    """Any of an ente's data, identifying ones included (a referente corrects only the contacts): the Comune,
    never a colleague who belongs to the ente, since the Comune vouches for these data."""
    if not is_staff_comunale(user):
        return Decision(False, _("Solo il personale del Comune corregge i dati degli enti."))
    if ente is not None and is_party_to(user, ente=ente):
        return Decision(
            False, _("Non puoi correggere i dati di %(ente)s: ne fai parte. Deve farlo un collega.") % {"ente": ente}
        )
    return ALLOWED


def can_correct_membership(user, membership) -> Decision:
    """A membership's role and reason, as the person wrote them: the Comune, but not a party to the request
    (its state has its own door)."""
    if not is_staff_comunale(user):
        return Decision(False, _("Solo il personale del Comune corregge le richieste di rappresentanza."))
    return can_decide_membership(user, membership)


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
