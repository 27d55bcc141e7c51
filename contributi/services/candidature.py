"""Writes of an application: drafts step by step and transitions (submission and withdrawal: ``candidature_invio``).

Functions take keyword-only arguments, run in a transaction, validate with ``full_clean()`` and raise
``ValidationError``/``PermissionDenied`` with Italian messages that views show as they are.
"""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from contributi import permissions, workflows
from contributi.events import Evento, Notifica
from contributi.models import Allegato, Bando, Candidatura, Partner, VoceBudget
from costellazioni.models import Ente, Membership, Quartiere, User
from costellazioni.permissions import can_act_for_ente
from costellazioni.services.audit import audit_record
from costellazioni.services.enti import ente_update
from costellazioni.services.notifications import notify
from costellazioni.services.workflow import workflow_transition
from costellazioni.uploads import PDF, PDF_O_IMMAGINI, check_upload, file_delete, file_store

ENTE_FIELDS = ("denominazione", "codice_fiscale", "indirizzo", "cap", "comune", "email", "pec", "telefono")


# --- drafts ---------------------------------------------------------------------------------------


def _require(decision):
    if not decision:
        raise PermissionDenied(decision.reason)


@transaction.atomic
def candidatura_start(*, bando: Bando, ente: Ente, actor, now=None) -> Candidatura:
    """Open (or resume) the ente's draft for the call."""
    _require(permissions.can_apply(actor, bando=bando, ente=ente, now=now))
    existing = Candidatura.objects.filter(bando=bando, ente=ente, stato=Candidatura.Stato.BOZZA).first()
    if existing:
        return existing
    if bando.una_candidatura_per_ente and bando.candidature.submitted().filter(ente=ente).exists():
        raise ValidationError(_("Questo ente ha già presentato una candidatura per il bando, che ne ammette una sola."))
    dati_ente = {name: getattr(ente, name) for name in ENTE_FIELDS}
    candidatura = Candidatura(bando=bando, ente=ente, creata_da=actor, dati_ente=dati_ente)
    candidatura.full_clean()
    candidatura.save()
    audit_record(obj=candidatura, evento=Evento.BOZZA_CREATA, autore=actor, stato_a=candidatura.stato)
    return candidatura


def _lock_draft(candidatura, actor, now=None) -> Candidatura:
    candidatura = (
        Candidatura.objects.select_for_update(of=("self",)).select_related("bando", "ente").get(pk=candidatura.pk)
    )
    _require(permissions.can_edit(actor, candidatura, now=now))
    return candidatura


def _mark_step(candidatura, passo):
    if passo not in candidatura.passi_completati:
        candidatura.passi_completati = [*candidatura.passi_completati, passo]


@transaction.atomic
def candidatura_save_ente(*, candidatura: Candidatura, actor, dati: dict, now=None) -> Candidatura:
    """Confirm or update the ente's data: the Ente itself changes, and the application keeps what was confirmed."""
    candidatura = _lock_draft(candidatura, actor, now)
    ente = ente_update(ente=candidatura.ente, actor=actor, **{k: v for k, v in dati.items() if k in ENTE_FIELDS})
    candidatura.ente = ente
    candidatura.dati_ente = {name: getattr(ente, name) for name in ENTE_FIELDS}
    _mark_step(candidatura, Candidatura.Passo.ENTE)
    candidatura.full_clean()
    candidatura.save()
    return candidatura


@transaction.atomic
def candidatura_save_progetto(
    *, candidatura: Candidatura, actor, titolo: str, progetto: dict, quartieri, partner: list[dict], now=None
) -> Candidatura:
    candidatura = _lock_draft(candidatura, actor, now)
    candidatura.titolo = titolo
    candidatura.progetto = progetto
    _mark_step(candidatura, Candidatura.Passo.PROGETTO)
    candidatura.full_clean()
    candidatura.save()
    candidatura.quartieri.set(quartieri)
    candidatura.partner.all().delete()
    rows = [Partner(candidatura=candidatura, **row) for row in partner]
    for row in rows:
        row.full_clean(exclude=["candidatura"])
    Partner.objects.bulk_create(rows)
    return candidatura


@transaction.atomic
def candidatura_save_budget(
    *, candidatura: Candidatura, actor, voci: list[dict], cofinanziamento: Decimal, now=None
) -> Candidatura:
    """Replace the budget lines; the amount requested is the total cost minus the co-financing."""
    candidatura = _lock_draft(candidatura, actor, now)
    rows = [VoceBudget(candidatura=candidatura, **row) for row in voci]
    for row in rows:
        row.full_clean(exclude=["candidatura"])
    totale = sum((row.importo for row in rows), Decimal("0"))
    if cofinanziamento > totale:
        raise ValidationError(
            {"cofinanziamento": _("Il cofinanziamento non può superare il costo totale del progetto.")}
        )
    candidatura.voci_budget.all().delete()
    VoceBudget.objects.bulk_create(rows)
    candidatura.cofinanziamento = cofinanziamento
    candidatura.importo_richiesto = totale - cofinanziamento
    _mark_step(candidatura, Candidatura.Passo.BUDGET)
    candidatura.full_clean()
    candidatura.save()
    return candidatura


@transaction.atomic
def candidatura_save_impatto(*, candidatura: Candidatura, actor, impatto: dict, now=None) -> Candidatura:
    candidatura = _lock_draft(candidatura, actor, now)
    candidatura.impatto = impatto
    _mark_step(candidatura, Candidatura.Passo.IMPATTO)
    candidatura.full_clean()
    candidatura.save()
    return candidatura


@transaction.atomic
def candidatura_mark_step(*, candidatura: Candidatura, actor, passo: str, now=None) -> Candidatura:
    candidatura = _lock_draft(candidatura, actor, now)
    _mark_step(candidatura, passo)
    candidatura.save(update_fields=["passi_completati", "aggiornata_il"])
    return candidatura


@transaction.atomic
def allegato_upload(*, candidatura: Candidatura, actor, richiesto, uploaded, now=None) -> Allegato:
    """Store a checked file privately, replacing the one previously given for the same document."""
    candidatura = _lock_draft(candidatura, actor, now)
    if richiesto is not None and richiesto.bando_id != candidatura.bando_id:
        raise PermissionDenied(_("Documento non previsto da questo bando."))
    allowed = PDF_O_IMMAGINI if richiesto is not None and richiesto.immagini_ammesse else PDF
    try:
        check_upload(uploaded, allowed=allowed)
    except ValidationError as exc:
        raise ValidationError({"file": exc.error_list}) from exc
    for old in candidatura.allegati.filter(richiesto=richiesto):
        file_delete(old.file)
        old.delete()
    allegato = Allegato(candidatura=candidatura, richiesto=richiesto, caricato_da=actor)
    return file_store(instance=allegato, field_name="file", uploaded=uploaded, allowed=allowed)


@transaction.atomic
def allegato_delete(*, allegato: Allegato, actor, now=None) -> None:
    _lock_draft(allegato.candidatura, actor, now)
    file_delete(allegato.file)
    allegato.delete()


# --- submission: ``contributi/services/candidature_invio.py`` ---------------------------------------


@transaction.atomic
def candidatura_transition(
    *, candidatura: Candidatura, to: str, actor, note: str = "", messaggio: str = "", **fields
) -> Candidatura:
    """Move an application along ``workflows.CANDIDATURA``: the one door for every change of state.

    Locks the row, checks who may fire the transition (staff, or a verified referente of the
    application's ente; a staff decision never by a party to it, ``permissions.can_decide``), sets
    ``fields`` (e.g. ``importo_concesso``), records the audit row and tells the ente's referenti in their
    area personale and by e-mail. ``messaggio`` is the text they read
    (the transition's label and the note when empty).
    """
    candidatura = (
        Candidatura.objects.select_for_update(of=("self",)).select_related("bando", "ente").get(pk=candidatura.pk)
    )
    roles = {workflows.REFERENTE} if can_act_for_ente(actor, candidatura.ente) else set()
    transition = workflow_transition(
        obj=candidatura,
        field="stato",
        table=workflows.CANDIDATURA,
        to=to,
        actor=actor,
        note=note,
        roles=roles,
        approval=permissions.can_decide(actor, candidatura),
    )
    for name, value in fields.items():
        setattr(candidatura, name, value)
    candidatura.full_clean()
    candidatura.save()
    testo = messaggio or "\n\n".join(part for part in (str(transition.label), note) if part)
    notify(
        destinatari=candidatura_referenti(candidatura),
        tipo=Notifica.CANDIDATURA,
        oggetto=_("%(label)s: %(candidatura)s") % {"label": transition.label, "candidatura": candidatura},
        testo=testo,
        link=candidatura.get_absolute_url(),
    )
    return candidatura


def candidatura_referenti(candidatura: Candidatura):
    """The people who act for the application's ente: the recipients of what concerns it."""
    return User.objects.filter(
        memberships__ente_id=candidatura.ente_id, memberships__stato=Membership.Stato.VERIFICATA, is_active=True
    ).distinct()


def quartieri_choices():
    return Quartiere.objects.order_by("nome")
