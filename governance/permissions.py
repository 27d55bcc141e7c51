"""May this user do X to this governance object? Each function answers with a reason for the user."""

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from costellazioni.permissions import ALLOWED, Decision, can_act_for_ente, is_staff_comunale
from costellazioni.workflows import STAFF
from governance import workflows
from governance.models import MembroOrgano, Organo, Riunione


def sees_everything(user) -> bool:
    """Staff comunale (superusers included, see ``is_staff_comunale``) see every body, meeting and minute."""
    return is_staff_comunale(user)


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


def can_register(user, riunione: Riunione) -> Decision:
    """A non-member signs up for a public meeting that is open to registrations."""
    if not user.is_authenticated:
        return Decision(False, _("Accedi per iscriverti alla riunione."))
    if not (riunione.is_public and riunione.iscrizioni_aperte):
        return Decision(False, _("Questa riunione non accetta iscrizioni."))
    if riunione.stato != Riunione.Stato.CONVOCATA or riunione.inizio <= timezone.now():
        return Decision(False, _("Le iscrizioni a questa riunione sono chiuse."))
    return ALLOWED


__all__ = [
    "actor_roles",
    "can_act_for_ente",
    "can_manage_riunione",
    "can_register",
    "can_view_organo",
    "can_view_riunione",
    "chairs",
    "is_member",
    "sees_everything",
]


def can_use_contatti(user, *, operatore: bool | None = None) -> bool:
    """The care-of-the-network log: community operators and staff. ``operatore``: whether the person is a community
    operator, when the caller has read it already (``operatore_probe``)."""
    from costellazioni import roles

    if sees_everything(user):
        return True
    if not user.is_authenticated:
        return False
    return operatore if operatore is not None else user.groups.filter(name=roles.OPERATORE).exists()


def operatore_probe() -> Exists:
    """Whether the person of the outer query (``OuterRef("pk")``) is a community operator."""
    from costellazioni import roles
    from costellazioni.models import User

    return Exists(User.groups.through.objects.filter(user=OuterRef("pk"), group__name=roles.OPERATORE))


def azione_roles(user, azione) -> set:
    """Who may follow up an action item: its owner, the chair of the body that decided it, staff."""
    roles = set()
    if sees_everything(user):
        roles.add(STAFF)
    if user.is_authenticated and azione.responsabile_id == user.pk:
        roles.add(workflows.RESPONSABILE)
    if chairs(user, azione.decisione.punto.riunione.organo):
        roles.add(workflows.PRESIDENZA)
    return roles


def can_read_verbale(user, verbale) -> Decision:
    """Approved minutes of a public meeting are public; drafts and private minutes are for members and staff."""
    riunione = verbale.riunione
    if sees_everything(user) or is_member(user, riunione.organo):
        return ALLOWED
    if riunione.is_public and verbale.stato == verbale.Stato.APPROVATO:
        return ALLOWED
    return Decision(False, _("Il verbale è riservato ai membri dell'organo."))


def follows_sopralluoghi(user) -> bool:
    """Site visits: staff comunale and the members in office of the project staff body."""
    if sees_everything(user):
        return True
    if not user.is_authenticated:
        return False
    return MembroOrgano.objects.in_carica().filter(user=user, organo__tipo=Organo.Tipo.STAFF).exists()


def can_follow_sopralluogo(user) -> Decision:
    if follows_sopralluoghi(user):
        return ALLOWED
    return Decision(False, _("I sopralluoghi li seguono lo staff comunale e i membri dello staff di progetto."))


def seguito_roles(user, seguito) -> set:
    """Who may move a site visit's follow-up: its owner and the project staff (STAFF)."""
    roles = set()
    if follows_sopralluoghi(user):
        roles.add(STAFF)
    if user.is_authenticated and seguito.responsabile_id == user.pk:
        roles.add(workflows.RESPONSABILE)
    return roles


def can_view_documenti_partenariato(user, partenariato) -> Decision:
    """Staff, the members of the promoting body and the verified representatives of a partner."""
    if sees_everything(user):
        return ALLOWED
    if user.is_authenticated:
        if partenariato.organo_id and is_member(user, partenariato.organo):
            return ALLOWED
        if partenariato.partner.filter(memberships__user=user, memberships__stato="verificata").exists():
            return ALLOWED
    return Decision(False, _("I documenti del partenariato sono riservati ai partner e allo staff."))
