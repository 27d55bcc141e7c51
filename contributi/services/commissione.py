"""The evaluation board: members, conflict-of-interest declarations, assignments, score sheets, final score.

A member with a conflict on an application neither reads its scores nor scores it: the querysets
(``Candidatura.objects.assigned_to``, ``Valutazione.objects.visible_to``) and these functions both refuse. A conflict
is declared by the member, or seen by the portal (``contributi.models.automatic_conflict``: the member wrote or
submitted the application, or is or was during the call a member or representative of the applying ente).
"""

from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from contributi import permissions
from contributi.events import Evento
from contributi.models import (
    Assegnazione,
    Bando,
    Candidatura,
    DichiarazioneConflitto,
    MembroCommissione,
    Punteggio,
    RegoleSelezione,
    Valutazione,
)
from contributi.permissions import require_selection_worker
from contributi.services.candidature import candidatura_transition
from costellazioni import page_cache
from costellazioni.permissions import require_approver
from costellazioni.services.audit import audit_record
from costellazioni.services.workflow import workflow_fire

S = Candidatura.Stato
CENT = Decimal("0.01")


def regole_for(bando: Bando) -> RegoleSelezione:
    """The call's selection rules; a call without its own uses the defaults (not saved)."""
    try:
        return bando.regole_selezione
    except RegoleSelezione.DoesNotExist:
        return RegoleSelezione(bando=bando)


# --- board ----------------------------------------------------------------------------------------


@transaction.atomic
def membro_add(*, bando: Bando, utente, actor, presidente: bool = False) -> MembroCommissione:
    require_selection_worker(actor)
    if presidente:
        MembroCommissione.objects.filter(bando=bando, presidente=True).exclude(utente=utente).update(presidente=False)
    membro, _created = MembroCommissione.objects.update_or_create(
        bando=bando, utente=utente, defaults={"presidente": presidente}
    )
    audit_record(obj=bando, evento=Evento.COMMISSIONE_AGGIORNATA, autore=actor, nota=str(membro))
    return membro


def membro_conflicts(membro: MembroCommissione):
    """The submitted applications of the member's call on which the portal sees a conflict of interest: what staff
    are warned about when they add the member to the board."""
    return (
        Candidatura.objects.filter(bando_id=membro.bando_id)
        .submitted()
        .conflicting_with(membro.utente)
        .select_related("ente")
        .order_by("numero_protocollo")
    )


@transaction.atomic
def conflitto_declare(*, candidatura: Candidatura, actor, conflitto: bool, nota: str = "") -> DichiarazioneConflitto:
    """The member's own declaration for one application; given once, it cannot be changed online."""
    decision = permissions.can_declare_conflict(actor, candidatura, conflitto=conflitto)
    if not decision:
        raise PermissionDenied(decision.reason)
    membro = permissions.board_member(actor, candidatura)
    if DichiarazioneConflitto.objects.filter(membro=membro, candidatura=candidatura).exists():
        raise ValidationError(_("Hai già reso la dichiarazione per questa candidatura."))
    if conflitto and not nota.strip():
        raise ValidationError({"nota": _("Indica il motivo del conflitto di interessi.")})
    dichiarazione = DichiarazioneConflitto(membro=membro, candidatura=candidatura, conflitto=conflitto, nota=nota)
    dichiarazione.full_clean()
    dichiarazione.save()
    if conflitto:
        Valutazione.objects.filter(membro=membro, candidatura=candidatura, inviata_il__isnull=True).delete()
        audit_record(
            obj=candidatura, evento=Evento.CONFLITTO_DI_INTERESSI_DICHIARATO, autore=actor, nota=f"{membro}: {nota}"
        )
    return dichiarazione


@transaction.atomic
def assegnazione_create(*, candidatura: Candidatura, membro: MembroCommissione, actor) -> Assegnazione:
    require_selection_worker(actor)
    require_approver(permissions.can_decide(actor, candidatura))
    if membro.bando_id != candidatura.bando_id:
        raise ValidationError(_("Il componente non fa parte della commissione di questo bando."))
    if candidatura.stato not in (S.AMMISSIBILE, S.IN_VALUTAZIONE):
        raise ValidationError(_("Si assegnano solo candidature ammissibili o in valutazione."))
    decision = permissions.can_be_assigned(membro, candidatura)
    if not decision:
        raise ValidationError(decision.reason, code=decision.code)
    assegnazione, _created = Assegnazione.objects.get_or_create(
        membro=membro, candidatura=candidatura, defaults={"assegnata_da": actor}
    )
    return assegnazione


@transaction.atomic
def assegnazione_all(*, candidatura: Candidatura, actor) -> list[Assegnazione]:
    """Assign the application to every board member of its call (except those with a conflict on it)."""
    return [
        assegnazione_create(candidatura=candidatura, membro=membro, actor=actor)
        for membro in MembroCommissione.objects.filter(bando_id=candidatura.bando_id).select_related("bando")
        if permissions.can_be_assigned(membro, candidatura)
    ]


# --- evaluation -----------------------------------------------------------------------------------


@transaction.atomic
def valutazione_start(*, candidatura: Candidatura, actor, now=None) -> Candidatura:
    """An admissible application goes to the board; its call enters the evaluation phase."""
    candidatura = candidatura_transition(candidatura=candidatura, to=S.IN_VALUTAZIONE, actor=actor)
    bando = Bando.objects.select_for_update().get(pk=candidatura.bando_id)
    if bando.stato == Bando.Stato.PUBBLICATO:
        workflow_fire(obj=bando, to=Bando.Stato.IN_VALUTAZIONE, actor=actor)
        page_cache.bump("contributi")  # no signal from update()/bulk_create(): pages follow now
    return candidatura


def _scoring_membro(candidatura, actor, *, consenso: bool) -> MembroCommissione:
    decision = permissions.can_score(actor, candidatura, consenso=consenso)
    if not decision:
        raise PermissionDenied(decision.reason)
    if consenso and regole_for(candidatura.bando).modalita_punteggio != RegoleSelezione.Modalita.CONSENSO:
        raise ValidationError(_("Per questo bando il punteggio finale è la media dei componenti."))
    if candidatura.stato != S.IN_VALUTAZIONE:
        raise ValidationError(_("La candidatura non è in valutazione."))
    return permissions.board_member(actor, candidatura)


@transaction.atomic
def punteggi_save(
    *,
    candidatura: Candidatura,
    actor,
    punteggi: dict,
    commento: str = "",
    submit: bool = False,
    consenso: bool = False,
    now=None,
) -> Valutazione:
    """Save a member's sheet (or the president's consensus sheet): ``{criterio_id: (punti, commento)}``.

    Points go from 0 to the criterion's maximum (also a database constraint). ``submit`` closes the
    sheet: every criterion must be scored, and from then on it cannot change.
    """
    now = now or timezone.now()
    candidatura = Candidatura.objects.select_for_update(of=("self",)).select_related("bando").get(pk=candidatura.pk)
    membro = _scoring_membro(candidatura, actor, consenso=consenso)
    valutazione, _created = Valutazione.objects.get_or_create(membro=membro, candidatura=candidatura, consenso=consenso)
    if valutazione.is_submitted:
        raise ValidationError(_("La scheda è già stata inviata e non può più essere modificata."))
    criteri = {c.pk: c for c in candidatura.bando.criteri.all()}
    errors = {}
    for criterio_id, (punti, nota) in punteggi.items():
        criterio = criteri.get(int(criterio_id))
        if criterio is None:
            raise ValidationError(_("Questo criterio non appartiene al bando."))
        if punti is None or punti == "":
            Punteggio.objects.filter(valutazione=valutazione, criterio=criterio).delete()
            continue
        punti = Decimal(str(punti))
        if not (0 <= punti <= criterio.punteggio_massimo):
            errors[f"criterio_{criterio.pk}"] = _("Da 0 a %(max)s punti.") % {"max": criterio.punteggio_massimo}
            continue
        Punteggio.objects.update_or_create(
            valutazione=valutazione,
            criterio=criterio,
            defaults={"punti": punti, "massimo": criterio.punteggio_massimo, "commento": nota or ""},
        )
    if errors:
        raise ValidationError(errors)
    valutazione.commento = commento
    if submit:
        scored = set(valutazione.punteggi.values_list("criterio_id", flat=True))
        missing = [c for pk, c in criteri.items() if pk not in scored]
        if missing:
            raise ValidationError(
                _("Assegna un punteggio a ogni criterio prima di inviare: manca %(c)s.")
                % {"c": ", ".join(c.codice for c in missing)}
            )
        valutazione.totale = sum((p.punti for p in valutazione.punteggi.all()), Decimal(0))
        valutazione.inviata_il = now
        audit_record(
            obj=candidatura,
            evento=Evento.PUNTEGGIO_COLLEGIALE_INSERITO if consenso else Evento.SCHEDA_DI_VALUTAZIONE_INVIATA,
            autore=actor,
        )
    valutazione.full_clean()
    valutazione.save()
    return valutazione


def conflicted_sheets(bando: Bando):
    """Score sheets of the call written by a member with a conflict the portal sees: they keep the ranking from
    being computed until staff annul them (``valutazione_annul``)."""
    return (
        Valutazione.objects.filter(candidatura__bando=bando)
        .conflicted()
        .select_related("membro__utente", "candidatura")
        .order_by("candidatura__numero_protocollo", "pk")
    )


@transaction.atomic
def valutazione_annul(*, valutazione: Valutazione, actor, note: str) -> None:
    """Staff remove a sheet written despite a conflict of interest the portal sees, with the reason (audited)."""
    require_selection_worker(actor)
    valutazione = (
        Valutazione.objects.select_for_update(of=("self",)).select_related("membro__utente").get(pk=valutazione.pk)
    )
    candidatura = Candidatura.objects.select_related("ente").get(pk=valutazione.candidatura_id)
    require_approver(permissions.can_decide(actor, candidatura))
    if not Valutazione.objects.filter(pk=valutazione.pk).conflicted().exists():
        raise ValidationError(_("Si annullano solo le schede di un componente in conflitto di interessi."))
    if not note.strip():
        raise ValidationError({"note": _("Scrivi il motivo dell'annullamento.")})
    audit_record(
        obj=candidatura,
        evento=Evento.SCHEDA_ANNULLATA_PER_CONFLITTO,
        autore=actor,
        nota=f"{valutazione.membro}: {note}",
    )
    valutazione.delete()


def punteggio_finale(candidatura: Candidatura, *, regole: RegoleSelezione | None = None) -> dict | None:
    """The final score: ``{"totale": Decimal, "criteri": {codice: Decimal}}``, or None while not available.

    Average of the submitted individual sheets (``media``), or the president's consensus sheet
    (``consenso``). Uses prefetched ``valutazioni`` with their ``punteggi`` when present.
    """
    regole = regole or regole_for(candidatura.bando)
    sheets = [v for v in candidatura.valutazioni.all() if v.is_submitted]
    if regole.modalita_punteggio == RegoleSelezione.Modalita.CONSENSO:
        sheets = [v for v in sheets if v.consenso]
    else:
        sheets = [v for v in sheets if not v.consenso]
    if not sheets:
        return None
    per_criterio: dict[str, Decimal] = {}
    for sheet in sheets:
        for punteggio in sheet.punteggi.all():
            per_criterio[punteggio.criterio.codice] = per_criterio.get(punteggio.criterio.codice, 0) + punteggio.punti
    criteri = {k: (v / len(sheets)).quantize(CENT, ROUND_HALF_UP) for k, v in per_criterio.items()}
    totale = (sum((v.totale for v in sheets), Decimal(0)) / len(sheets)).quantize(CENT, ROUND_HALF_UP)
    return {"totale": totale, "criteri": criteri}


def valutazioni_prefetch():
    return Prefetch(
        "valutazioni",
        queryset=Valutazione.objects.select_related("membro__utente").prefetch_related(
            Prefetch("punteggi", queryset=Punteggio.objects.select_related("criterio"))
        ),
    )


def conclusion_errors(candidatura: Candidatura) -> list[str]:
    regole = regole_for(candidatura.bando)
    if regole.modalita_punteggio == RegoleSelezione.Modalita.CONSENSO:
        if not candidatura.valutazioni.filter(consenso=True, inviata_il__isnull=False).exists():
            return [_("Manca il punteggio collegiale del presidente.")]
        return []
    pending = (
        Assegnazione.objects.without_conflict()
        .filter(candidatura=candidatura)
        .exclude(
            membro__valutazioni__candidatura=candidatura,
            membro__valutazioni__inviata_il__isnull=False,
            membro__valutazioni__consenso=False,
        )
        .select_related("membro__utente")
    )
    errors = [_("%(membro)s non ha ancora inviato la scheda.") % {"membro": a.membro} for a in pending]
    if not candidatura.valutazioni.filter(consenso=False, inviata_il__isnull=False).exists():
        errors.append(_("Nessuna scheda di valutazione inviata."))
    return errors


@transaction.atomic
def valutazione_conclude(*, candidatura: Candidatura, actor, note: str = "") -> Candidatura:
    errors = conclusion_errors(candidatura)
    if errors:
        raise ValidationError(errors)
    return candidatura_transition(
        candidatura=candidatura,
        to=S.VALUTATA,
        actor=actor,
        note=note,
        messaggio=_(
            "La commissione ha concluso la valutazione della candidatura %(c)s: il punteggio sarà "
            "visibile con la pubblicazione della graduatoria."
        )
        % {"c": candidatura},
    )


@transaction.atomic
def valutazione_reopen(*, candidatura: Candidatura, actor, note: str) -> Candidatura:
    """After accepted observations the board revises: sheets reopen, the application is in evaluation again."""
    from contributi.models import Graduatoria

    if Graduatoria.objects.filter(bando_id=candidatura.bando_id).exclude(stato=Graduatoria.Stato.PROVVISORIA).exists():
        raise ValidationError(_("La graduatoria è già approvata."))
    candidatura = candidatura_transition(candidatura=candidatura, to=S.IN_VALUTAZIONE, actor=actor, note=note)
    Valutazione.objects.filter(candidatura=candidatura).update(inviata_il=None, totale=None)
    return candidatura
