"""May this user do X in the research-action? Each answer carries a reason."""

from django.utils.translation import gettext_lazy as _

from costellazioni import roles
from costellazioni.permissions import ALLOWED, Decision, is_staff_comunale
from costellazioni.workflows import STAFF
from ricerca import workflows


def is_operatore(user) -> bool:
    return user.is_authenticated and user.is_active and user.groups.filter(name=roles.OPERATORE).exists()


def is_comitato(user) -> bool:
    return user.is_authenticated and user.is_active and user.has_perm("ricerca.approve_teoriacambiamento")


def bisogno_roles(user) -> set:
    found = set()
    if is_staff_comunale(user):
        found.add(STAFF)
    if is_operatore(user):
        found.add(workflows.OPERATORE)
    return found


def teoria_roles(user) -> set:
    found = set()
    if is_staff_comunale(user):
        found.add(STAFF)
    if is_comitato(user):
        found.add(workflows.COMITATO)
    return found


def can_follow_needs(user) -> Decision:
    """Staff and community operators see every need, its map and its counts."""
    if not user.is_authenticated:
        return Decision(False, _("Accedi per seguire i bisogni."))
    if not bisogno_roles(user):
        return Decision(False, _("Solo lo staff e gli operatori di comunità seguono i bisogni."))
    return ALLOWED


def can_manage_research(user) -> Decision:
    """Stakeholder map, survey results and exports, interviews: staff comunale only."""
    if not is_staff_comunale(user):
        return Decision(False, _("Questa pagina è riservata allo staff del Comune."))
    return ALLOWED


def can_comment_teoria(user, teoria) -> Decision:
    from ricerca.models import TeoriaCambiamento

    if not user.is_authenticated:
        return Decision(False, _("Accedi per commentare la teoria del cambiamento."))
    if teoria.stato != TeoriaCambiamento.Stato.IN_CONSULTAZIONE:
        return Decision(False, _("Questa versione non è aperta ai commenti."))
    return ALLOWED


def can_assess_maturity(user, rilevazione, ente=None) -> Decision:
    """Staff, or a verified representative of an invited ente, while the round is open."""
    from costellazioni.permissions import can_act_for_ente

    if not rilevazione.aperta:
        return Decision(False, _("La rilevazione è chiusa."))
    if ente is None:
        return ALLOWED if is_staff_comunale(user) else Decision(False, _("Compila per conto di un ente invitato."))
    if not rilevazione.enti_invitati.filter(pk=ente.pk).exists():
        return Decision(False, _("L'ente non è stato invitato a questa rilevazione."))
    return can_act_for_ente(user, ente)
