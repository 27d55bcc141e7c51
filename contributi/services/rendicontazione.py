"""Writes of the reporting stage: drafts of reports, expenses with receipts, submission, review by staff.

The report's procedure is the table ``workflows.RENDICONTO``; submitting the final report moves the application
AVVIATA → RENDICONTATA and asking for changes to it moves it back, through ``candidatura_transition``.
"""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, Sum
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from contributi import permissions
from contributi.events import Notifica
from contributi.models import Candidatura, Concessione, PersoneRaggiunte, Rendiconto, Spesa, VoceBudget
from contributi.services.candidature import candidatura_referenti, candidatura_transition
from contributi.workflows import REFERENTE, RENDICONTO
from costellazioni.formatting import euro
from costellazioni.permissions import can_act_for_ente
from costellazioni.services.notifications import notify
from costellazioni.services.workflow import workflow_transition
from costellazioni.uploads import file_store

R = Rendiconto.Stato


def _require(decision):
    if not decision:
        raise PermissionDenied(decision.reason)


def _lock(rendiconto) -> Rendiconto:
    return (
        Rendiconto.objects.select_for_update(of=("self",))
        .select_related("concessione__candidatura__ente", "concessione__candidatura__bando")
        .get(pk=rendiconto.pk)
    )


@transaction.atomic
def rendiconto_start(*, concessione: Concessione, actor, tipo: str) -> Rendiconto:
    """Open a draft report, or return the draft of that type already open (one final report per award)."""
    concessione = Concessione.objects.select_for_update().select_related("candidatura__ente").get(pk=concessione.pk)
    _require(permissions.can_report(actor, concessione))
    existing = concessione.rendiconti.filter(tipo=tipo).exclude(stato=R.APPROVATO).first()
    if existing:
        return existing
    if tipo == Rendiconto.Tipo.FINALE and concessione.rendiconti.filter(tipo=tipo).exists():
        raise ValidationError(_("Il rendiconto finale è già stato approvato."))
    rendiconto = Rendiconto(concessione=concessione, tipo=tipo)
    rendiconto.full_clean()
    rendiconto.save()
    return rendiconto


@transaction.atomic
def rendiconto_save(*, rendiconto: Rendiconto, actor, attivita_svolte: str, persone: dict[str, int]) -> Rendiconto:
    """Save the activities and the people reached per category (a category left out or at 0 is not stored)."""
    rendiconto = _lock(rendiconto)
    _require(permissions.can_edit_rendiconto(actor, rendiconto))
    rendiconto.attivita_svolte = attivita_svolte
    rendiconto.full_clean()
    rendiconto.save()
    rows = [
        PersoneRaggiunte(rendiconto=rendiconto, categoria=categoria, numero=numero)
        for categoria, numero in persone.items()
        if numero
    ]
    for row in rows:
        row.full_clean(exclude=["rendiconto"], validate_unique=False)
    rendiconto.persone_raggiunte.all().delete()
    PersoneRaggiunte.objects.bulk_create(rows)
    return rendiconto


@transaction.atomic
def spesa_add(
    *, rendiconto: Rendiconto, actor, categoria: str, descrizione: str, data, importo, uploaded, fornitore: str = ""
) -> Spesa:
    """Add an expense with its receipt (PDF, JPEG or PNG by content), stored privately."""
    rendiconto = _lock(rendiconto)
    _require(permissions.can_edit_rendiconto(actor, rendiconto))
    _check_within_project(rendiconto.concessione, data)
    _check_within_grant(rendiconto, importo)
    spesa = Spesa(
        rendiconto=rendiconto,
        categoria=categoria,
        descrizione=descrizione,
        fornitore=fornitore,
        data=data,
        importo=importo,
        caricata_da=actor,
    )
    spesa.full_clean(exclude=["giustificativo", "nome_originale", "content_type", "sha256"])
    return file_store(instance=spesa, field_name="giustificativo", uploaded=uploaded)


def _check_within_project(concessione: Concessione, data) -> None:
    """Only expenses incurred between the start and the end of the project can be reported."""
    inizio, fine = concessione.data_inizio, concessione.data_fine
    if inizio and fine and not inizio <= data <= fine:
        raise ValidationError(
            {
                "data": _("La spesa deve essere del periodo del progetto, dal %(inizio)s al %(fine)s.")
                % {"inizio": formats.date_format(inizio), "fine": formats.date_format(fine)}
            }
        )


def _check_within_grant(rendiconto: Rendiconto, importo) -> None:
    """No single expense above the grant; no total reported so far (this report and those submitted) above the
    approved budget of the project (the grant, where the application listed no budget)."""
    if not isinstance(importo, Decimal):
        return  # full_clean names a missing or malformed amount next to the field
    concessione = Concessione.objects.select_for_update().get(pk=rendiconto.concessione_id)  # one check at a time
    if importo > concessione.importo:
        raise ValidationError(
            {
                "importo": _("Una singola spesa non può superare il contributo concesso, %(importo)s.")
                % {"importo": euro(concessione.importo)}
            },
            code="spesa_oltre_il_contributo",
        )
    budget = (
        VoceBudget.objects.filter(candidatura_id=concessione.candidatura_id).aggregate(t=Sum("importo"))["t"]
        or concessione.importo
    )
    rendicontato = (
        Spesa.objects.filter(rendiconto__concessione_id=concessione.pk)
        .filter(Q(rendiconto=rendiconto) | ~Q(rendiconto__stato=R.BOZZA))
        .aggregate(t=Sum("importo"))["t"]
    ) or Decimal("0.00")
    if rendicontato + importo > budget:
        raise ValidationError(
            {
                "importo": _(
                    "Con questa spesa il totale rendicontato (%(totale)s) supera il budget approvato del progetto, "
                    "%(budget)s: ne restano %(residuo)s."
                )
                % {
                    "totale": euro(rendicontato + importo),
                    "budget": euro(budget),
                    "residuo": euro(max(budget - rendicontato, Decimal("0.00"))),
                }
            },
            code="totale_oltre_il_budget",
        )


@transaction.atomic
def spesa_delete(*, spesa: Spesa, actor) -> None:
    rendiconto = _lock(spesa.rendiconto)
    _require(permissions.can_edit_rendiconto(actor, rendiconto))
    spesa.giustificativo.delete(save=False)
    spesa.delete()


def rendiconto_errors(rendiconto: Rendiconto) -> list[str]:
    errors = []
    if not rendiconto.attivita_svolte.strip():
        errors.append(_("Descrivi le attività svolte."))
    if not rendiconto.persone_raggiunte.exists():
        errors.append(_("Indica le persone raggiunte per almeno una categoria."))
    if not rendiconto.spese.exists():
        errors.append(_("Inserisci almeno una spesa con il suo giustificativo."))
    return errors


def _notify_referenti(rendiconto, oggetto, testo):
    candidatura = rendiconto.concessione.candidatura
    notify(
        destinatari=candidatura_referenti(candidatura),
        tipo=Notifica.RENDICONTAZIONE,
        oggetto=f"{oggetto}: {candidatura}",
        testo=testo,
        link=candidatura.get_absolute_url(),
    )


@transaction.atomic
def rendiconto_submit(*, rendiconto: Rendiconto, actor, now=None) -> Rendiconto:
    """Submit a complete report; the final one also moves the application AVVIATA → RENDICONTATA."""
    rendiconto = _lock(rendiconto)
    candidatura = rendiconto.concessione.candidatura
    _require(permissions.can_edit_rendiconto(actor, rendiconto))
    if candidatura.stato != Candidatura.Stato.AVVIATA:
        raise PermissionDenied(_("I rendiconti si presentano mentre il progetto è avviato."))
    errors = rendiconto_errors(rendiconto)
    if errors:
        raise ValidationError(errors, code="incomplete")
    roles = {REFERENTE} if can_act_for_ente(actor, candidatura.ente) else set()
    transition = workflow_transition(
        obj=rendiconto, field="stato", table=RENDICONTO, to=R.PRESENTATO, actor=actor, roles=roles
    )
    rendiconto.presentato_il = now or timezone.now()
    rendiconto.presentato_da = actor
    rendiconto.full_clean()
    rendiconto.save()
    if rendiconto.tipo == Rendiconto.Tipo.FINALE:
        candidatura_transition(candidatura=candidatura, to=Candidatura.Stato.RENDICONTATA, actor=actor)
    else:
        _notify_referenti(rendiconto, str(transition.label), str(transition.label))
    return rendiconto


@transaction.atomic
def rendiconto_transition(*, rendiconto: Rendiconto, to: str, actor, note: str = "", now=None) -> Rendiconto:
    """Staff approve a submitted report or ask for changes (with a note, sent to the beneficiary).

    Changes to the final report move the application back RENDICONTATA → AVVIATA, so it can be resubmitted;
    its approval makes the balance tranche payable.
    """
    rendiconto = _lock(rendiconto)
    transition = workflow_transition(
        obj=rendiconto,
        field="stato",
        table=RENDICONTO,
        to=to,
        actor=actor,
        note=note,
        approval=permissions.can_decide(actor, rendiconto.concessione.candidatura),
    )
    rendiconto.esaminato_il = now or timezone.now()
    if to == R.MODIFICHE_RICHIESTE:
        rendiconto.nota_esame = note
    rendiconto.full_clean()
    rendiconto.save()
    candidatura = rendiconto.concessione.candidatura
    testo = "\n\n".join(part for part in (str(transition.label), note) if part)
    if to == R.MODIFICHE_RICHIESTE and rendiconto.tipo == Rendiconto.Tipo.FINALE:
        candidatura_transition(candidatura=candidatura, to=Candidatura.Stato.AVVIATA, actor=actor, note=note)
    else:
        _notify_referenti(rendiconto, str(transition.label), testo)
    return rendiconto
