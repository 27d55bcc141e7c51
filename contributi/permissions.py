"""May this user do X to this call or application? Each function answers with a reason for the user.

Which applications a user may *see* is answered by ``Candidatura.objects.visible_to(user)``.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _

from costellazioni.formatting import deadline
from costellazioni.permissions import ALLOWED, Decision, can_act_for_ente, can_approve, is_staff_comunale


@dataclass(frozen=True)
class Refusal(Decision):
    """A refusal with the error code the service raises it with (``ValidationError(reason, code=code)``)."""

    code: str = ""


def bando_open_decision(bando, *, now=None) -> Decision:
    now = now or timezone.now()
    if bando.is_open(now):
        return ALLOWED
    if bando.stato == bando.Stato.PUBBLICATO and now < bando.apertura:
        return Decision(False, _("Il bando apre le candidature %(when)s.") % {"when": deadline(bando.apertura)})
    when = deadline(bando.termine)
    return Decision(
        False,
        _(
            "Il bando si è chiuso %(when)s (ora di Roma): la candidatura non può più essere presentata. "
            "La bozza resta consultabile nella tua area personale."
        )
        % {"when": when},
    )


def can_apply(user, *, bando, ente, now=None) -> Decision:
    """Start or edit an application for ``ente``: a verified referente, while the call is open."""
    decision = can_act_for_ente(user, ente)
    if not decision:
        return decision
    return bando_open_decision(bando, now=now)


def can_edit(user, candidatura, *, now=None, represented=False) -> Decision:
    """``represented``: the caller found the application among those of the enti the person represents
    (``Candidatura.objects.represented_by``), which is what ``can_act_for_ente`` would ask again."""
    if not candidatura.is_draft:
        return Decision(False, _("La candidatura è già stata presentata e non può più essere modificata."))
    if represented:
        return bando_open_decision(candidatura.bando, now=now)
    return can_apply(user, bando=candidatura.bando, ente=candidatura.ente, now=now)


def can_withdraw(user, candidatura, *, now=None) -> Decision:
    if candidatura.stato != candidatura.Stato.PRESENTATA:
        return Decision(False, _("Si può ritirare solo una candidatura presentata e non ancora in istruttoria."))
    decision = can_act_for_ente(user, candidatura.ente)
    if not decision:
        return decision
    if not candidatura.bando.is_open(now):
        return Decision(False, _("Il bando è chiuso: la candidatura non può più essere ritirata online."))
    return ALLOWED


def can_read_files(user, candidatura) -> Decision:
    """Attachments and the receipt: members of the ente, staff, and board members it is assigned to."""
    if is_staff_comunale(user):
        return ALLOWED
    decision = can_act_for_ente(user, candidatura.ente)
    if not decision and is_assigned_evaluator(user, candidatura):
        return ALLOWED
    return decision


# --- staff decisions: nobody decides on their own application ---------------------------------------


def may_work_selection(user) -> bool:
    """Staff comunale (superusers included, see ``is_staff_comunale``) publish calls and run the istruttoria,
    the checklist, the board, the ranking and the payments."""
    return is_staff_comunale(user)


def require_selection_worker(actor) -> None:
    """Raise ``PermissionDenied`` unless ``may_work_selection``: the guard of every staff-side service."""
    if not may_work_selection(actor):
        raise PermissionDenied(_("Non hai i permessi per questa operazione."))


def sees_all_candidature(user) -> bool:
    """Every application, on the staff side and in the area personale: staff comunale, and any other member of
    the staff granted the model's view permission (a read-only role)."""
    if is_staff_comunale(user):
        return True
    return user.is_authenticated and user.is_staff and user.has_perm("contributi.view_candidatura")


def sees_all_valutazioni(user) -> bool:
    """Every score sheet: staff comunale only (board members read theirs, see ``Valutazione.objects.visible_to``)."""
    return is_staff_comunale(user)


def can_edit_checklist(user, candidatura) -> bool:
    """The admissibility checklist is answered by the staff, while the istruttoria is open."""
    if candidatura is None:
        return False
    aperta = (candidatura.Stato.IN_ISTRUTTORIA, candidatura.Stato.INTEGRAZIONI_RICHIESTE)
    return candidatura.stato in aperta and may_work_selection(user)


def can_decide(user, candidatura) -> Decision:
    """Istruttoria, evaluation, award, payment, report approval: never by the person who wrote or submitted the
    application, nor by a member of the applying ente."""
    if user.is_authenticated and user.pk in (candidatura.creata_da_id, candidatura.presentata_da_id):
        return can_approve(user, requester=user)
    return can_approve(user, ente=candidatura.ente)


# --- award and reporting (erogazioni) -------------------------------------------------------------


def can_accept(user, candidatura) -> Decision:
    """Accept the grant, or renounce it: a verified referente, while the application is financed."""
    if candidatura.stato != candidatura.Stato.FINANZIATA:
        return Decision(False, _("Il contributo si accetta solo quando la candidatura è finanziata."))
    return can_act_for_ente(user, candidatura.ente)


def can_report(user, concessione) -> Decision:
    """Write a new report: a verified referente, while the project is running."""
    if concessione.candidatura.stato != concessione.candidatura.Stato.AVVIATA:
        return Decision(False, _("I rendiconti si presentano mentre il progetto è avviato."))
    return can_act_for_ente(user, concessione.candidatura.ente)


def can_edit_rendiconto(user, rendiconto) -> Decision:
    if not rendiconto.is_editable:
        return Decision(False, _("Il rendiconto è stato presentato e non può più essere modificato."))
    return can_act_for_ente(user, rendiconto.concessione.candidatura.ente)


# --- staff side: evaluation board and ranking (part 2) ----------------------------------------------


def board_member(user, candidatura):
    """The user's seat (``MembroCommissione``) on the board of the application's call, or None."""
    from contributi.models import MembroCommissione

    if not user.is_authenticated:
        return None
    return MembroCommissione.objects.filter(bando_id=candidatura.bando_id, utente=user).first()


def has_automatic_conflict(user, candidatura) -> bool:
    """A conflict of interest the portal sees (``contributi.models.automatic_conflict``): the person wrote or
    submitted the application, or is or was during the call a member or representative of the applying ente."""
    from contributi.models import Candidatura

    return Candidatura.objects.conflicting_with(user).filter(pk=candidatura.pk).exists()


def has_conflict(membro, candidatura) -> bool:
    """A conflict declared by the member, or seen by the portal."""
    declared = membro.dichiarazioni.filter(candidatura=candidatura, conflitto=True)
    return declared.exists() or has_automatic_conflict(membro.utente, candidatura)


def _automatic_conflict_refusal(candidatura) -> Decision:
    return Decision(
        False,
        _(
            "Hai un conflitto di interessi su %(c)s: sei o sei stato rappresentante di %(ente)s, o hai scritto tu la "
            "candidatura. Non puoi aprirla né valutarla."
        )
        % {"c": candidatura, "ente": candidatura.ente},
    )


def _not_a_member() -> Decision:
    return Decision(False, _("Non fai parte della commissione di questo bando."))


def _not_assigned() -> Decision:
    return Decision(False, _("Questa candidatura non ti è stata assegnata."))


def can_be_assigned(membro, candidatura) -> Decision:
    """A board member is assigned an application only without a conflict of interest on it, seen or declared."""
    if has_automatic_conflict(membro.utente, candidatura):
        return Refusal(
            False,
            _(
                "%(membro)s è o è stato rappresentante di %(ente)s, o ha scritto la candidatura %(c)s: "
                "non gli si assegna."
            )
            % {"membro": membro, "ente": candidatura.ente, "c": candidatura},
            code="automatic_conflict",
        )
    if has_conflict(membro, candidatura):
        return Refusal(
            False,
            _("%(membro)s ha dichiarato un conflitto di interessi su %(c)s.") % {"membro": membro, "c": candidatura},
            code="declared_conflict",
        )
    return ALLOWED


def can_declare_conflict(user, candidatura, *, conflitto: bool) -> Decision:
    """A board member declares on an application assigned to them (the president on any of the call); nobody
    declares "no conflict" where the portal sees one."""
    membro = board_member(user, candidatura)
    if membro is None:
        return _not_a_member()
    if not conflitto and has_automatic_conflict(user, candidatura):
        return _automatic_conflict_refusal(candidatura)
    if not membro.presidente and not membro.assegnazioni.filter(candidatura=candidatura).exists():
        return _not_assigned()
    return ALLOWED


def can_score(user, candidatura, *, consenso: bool = False) -> Decision:
    """A board member scores an application assigned to them, after declaring no conflict of interest, and never
    with a conflict the portal sees; the consensus sheet is the president's."""
    membro = board_member(user, candidatura)
    if membro is None:
        return _not_a_member()
    if has_automatic_conflict(user, candidatura):
        return _automatic_conflict_refusal(candidatura)
    if consenso and not membro.presidente:
        return Decision(False, _("Il punteggio collegiale lo inserisce il presidente della commissione."))
    if not consenso and not membro.assegnazioni.filter(candidatura=candidatura).exists():
        return _not_assigned()
    dichiarazione = membro.dichiarazioni.filter(candidatura=candidatura).first()
    if dichiarazione is None:
        return Decision(False, _("Prima di valutare dichiara se hai un conflitto di interessi."))
    if dichiarazione.conflitto:
        return Decision(False, _("Hai dichiarato un conflitto di interessi: non puoi valutare questa candidatura."))
    return ALLOWED


def is_assigned_evaluator(user, candidatura) -> bool:
    """A board member the application is assigned to, who did not declare a conflict of interest on it."""
    from contributi.models import Candidatura

    return user.is_authenticated and Candidatura.objects.assigned_to(user).filter(pk=candidatura.pk).exists()


def can_see_scores(user, candidatura) -> Decision:
    """The applicant sees the scores only once the ranking is published."""
    from contributi.models import Graduatoria

    if is_staff_comunale(user):
        return ALLOWED
    if not Graduatoria.objects.filter(bando_id=candidatura.bando_id, stato=Graduatoria.Stato.PUBBLICATA).exists():
        return Decision(False, _("I punteggi saranno visibili con la pubblicazione della graduatoria."))
    return can_act_for_ente(user, candidatura.ente)


def can_reply_integrazioni(user, richiesta, *, now=None) -> Decision:
    """May ``user`` answer this request for integrations now: for the applicant's ente, once, before its deadline."""
    decision = can_act_for_ente(user, richiesta.candidatura.ente)
    if not decision:
        return decision
    if not richiesta.is_pending:
        return Decision(False, _("A questa richiesta di integrazioni è già stata data risposta."))
    if (now or timezone.now()) > richiesta.scadenza:
        return Decision(
            False,
            _(
                "Il termine per inviare le integrazioni è scaduto %(when)s (ora di Roma): la risposta non può "
                "più essere accettata. Per chiarimenti scrivi all'ufficio che segue il bando."
            )
            % {"when": deadline(richiesta.scadenza)},
        )
    return ALLOWED


def can_send_osservazioni(user, preavviso, *, now=None) -> Decision:
    """May ``user`` send observations on this preavviso now: for the applicant's ente, once, within its ten days."""
    decision = can_act_for_ente(user, preavviso.candidatura.ente)
    if not decision:
        return decision
    if preavviso.osservazioni_il is not None or not preavviso.is_open:
        return Decision(False, _("Le osservazioni su questo preavviso sono già state inviate."))
    if (now or timezone.now()) > preavviso.scadenza:
        return Decision(
            False,
            _("Il termine di 10 giorni per le osservazioni è scaduto %(when)s (ora di Roma).")
            % {"when": deadline(preavviso.scadenza)},
        )
    return ALLOWED
