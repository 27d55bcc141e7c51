"""Writes of the payments: the call's tranche plan, what each tranche of an award may receive, payment orders.

The payment rules are also enforced by a database trigger (migrations ``0006`` and ``0012``); the award itself
(agreement, acceptance, publication, reductions, revocation) is in ``contributi.services.concessioni``.
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from contributi import permissions
from contributi.events import Evento, Notifica
from contributi.models import Bando, Concessione, Pagamento, Rendiconto, TrancheBando
from contributi.services.candidature import candidatura_referenti
from costellazioni.formatting import euro
from costellazioni.permissions import require_approver
from costellazioni.services.audit import audit_record
from costellazioni.services.notifications import notify

PIANO_PREDEFINITO = [
    {"nome": "Anticipo", "percentuale": Decimal("40"), "condizione": TrancheBando.Condizione.AVVIO},
    {"nome": "Saldo", "percentuale": Decimal("60"), "condizione": TrancheBando.Condizione.RENDICONTO_FINALE},
]


# --- tranche plan ---------------------------------------------------------------------------------


def tranche_errors(tranche: list[dict]) -> list[str]:
    """What is wrong with a plan: the percentages add up to 100 and the balance waits for the final report."""
    if not tranche:
        return [_("Indica almeno una tranche.")]
    errors = []
    totale = sum((Decimal(t["percentuale"]) for t in tranche), Decimal("0"))
    if totale != 100:
        errors.append(
            _("Le percentuali delle tranche devono sommare a 100 (ora sommano a %(totale)s).")
            % {"totale": f"{totale.normalize():f}"}
        )
    return errors


@transaction.atomic
def tranche_plan_set(*, bando: Bando, actor, tranche: list[dict]) -> list[TrancheBando]:
    """Replace the call's payment plan (rows with ``nome``, ``percentuale``, ``condizione``), before any payment."""
    permissions.require_selection_worker(actor)
    bando = Bando.objects.select_for_update().get(pk=bando.pk)
    errors = tranche_errors(tranche)
    if errors:
        raise ValidationError(errors)
    if Pagamento.objects.filter(tranche__bando=bando).exists():
        raise ValidationError(_("Sono già stati registrati pagamenti: il piano delle tranche non si cambia più."))
    rows = [TrancheBando(bando=bando, ordine=ordine, **row) for ordine, row in enumerate(tranche, start=1)]
    for row in rows:
        row.full_clean(exclude=["bando"], validate_unique=False)
    bando.tranche.all().delete()
    TrancheBando.objects.bulk_create(rows)
    audit_record(
        obj=bando,
        evento=Evento.PIANO_DELLE_TRANCHE,
        autore=actor,
        nota=", ".join(f"{row.nome} {row.percentuale.normalize():f}%" for row in rows),
    )
    return rows


# --- payments -------------------------------------------------------------------------------------


def tranche_stato(concessione: Concessione) -> list[dict]:
    """Each tranche of the plan with its amount, what has been paid on it and whether it may be paid now."""
    tranche = list(concessione.candidatura.bando.tranche.all())
    importi = concessione.importi_tranche(tranche)
    pagato = dict(concessione.pagamenti.values("tranche_id").annotate(t=Sum("importo")).values_list("tranche_id", "t"))
    approvati = set(concessione.rendiconti.filter(stato=Rendiconto.Stato.APPROVATO).values_list("tipo", flat=True))
    rows = []
    for t in tranche:
        paid = pagato.get(t.pk, Decimal("0.00"))
        rows.append(
            {
                "tranche": t,
                "importo": importi[t.pk],
                "pagato": paid,
                "residuo": max(importi[t.pk] - paid, Decimal("0.00")),
                "condizione_soddisfatta": _condition_met(concessione, t, approvati),
            }
        )
    return rows


def _condition_met(concessione, tranche, approvati) -> bool:
    if tranche.condizione == TrancheBando.Condizione.AVVIO:
        return concessione.accettata_il is not None
    if tranche.condizione == TrancheBando.Condizione.RENDICONTO_INTERMEDIO:
        return Rendiconto.Tipo.INTERMEDIO in approvati
    return Rendiconto.Tipo.FINALE in approvati


def pagamento_check(*, concessione: Concessione, tranche: TrancheBando, importo=None) -> Decimal:
    """The amount a payment on ``tranche`` may have now (``importo``, or what is left of the tranche), or why not.

    Refused before publication, after revocation, before the tranche's condition is met, above the tranche or
    above the payable amount. Reads only: ``pagamento_register`` calls it again holding the award's lock.
    """
    if tranche.bando_id != concessione.candidatura.bando_id:
        raise ValidationError({"tranche": _("La tranche non appartiene al piano di questo bando.")})
    if concessione.revocata_il:
        raise ValidationError(_("Il contributo è stato revocato: non si possono registrare pagamenti."))
    if concessione.pubblicata_il is None:
        raise ValidationError(
            _(
                "La concessione non è ancora pubblicata in Amministrazione trasparente "
                "(art. 26 c. 3 D.Lgs. 33/2013): non ha efficacia e non si può pagare."
            )
        )
    row = next(r for r in tranche_stato(concessione) if r["tranche"].pk == tranche.pk)
    if not row["condizione_soddisfatta"]:
        raise ValidationError(
            {
                "tranche": _("La condizione della tranche non è soddisfatta: %(c)s.")
                % {"c": tranche.get_condizione_display().lower()}
            }
        )
    importo = row["residuo"] if importo is None else Decimal(importo)
    if importo <= 0:
        raise ValidationError({"importo": _("La tranche è già stata pagata per intero.")})
    if importo > row["residuo"]:
        raise ValidationError(
            {"importo": _("L'importo supera quanto resta della tranche: %(r)s.") % {"r": euro(row["residuo"])}}
        )
    residuo = concessione.importo_erogabile - concessione.erogato()
    if importo > residuo:
        raise ValidationError(
            {"importo": _("L'importo supera il contributo ancora erogabile: %(r)s.") % {"r": euro(residuo)}}
        )
    return importo


@transaction.atomic
def pagamento_register(
    *, concessione: Concessione, tranche: TrancheBando, actor, data: date, numero_mandato: str, importo=None
) -> Pagamento:
    """Record a payment order on a tranche (see ``pagamento_check``); ``importo`` defaults to the tranche's rest.

    The award row stays locked until commit, so parallel payments queue up and each sees the others.
    """
    permissions.require_selection_worker(actor)
    concessione = (
        Concessione.objects.select_for_update(of=("self",)).select_related("candidatura__bando").get(pk=concessione.pk)
    )
    require_approver(permissions.can_decide(actor, concessione.candidatura))
    importo = pagamento_check(concessione=concessione, tranche=tranche, importo=importo)
    pagamento = Pagamento(
        concessione=concessione,
        tranche=tranche,
        data=data,
        importo=importo,
        numero_mandato=numero_mandato,
        registrato_da=actor,
    )
    pagamento.full_clean()
    pagamento.save()
    audit_record(
        obj=concessione,
        evento=Evento.PAGAMENTO_REGISTRATO,
        autore=actor,
        nota=_("%(tranche)s: %(importo)s, mandato %(mandato)s")
        % {"tranche": tranche.nome, "importo": euro(importo), "mandato": numero_mandato},
    )
    notify(
        destinatari=candidatura_referenti(concessione.candidatura),
        tipo=Notifica.PAGAMENTO,
        oggetto=_("Pagamento disposto: %(candidatura)s") % {"candidatura": concessione.candidatura},
        testo=_("Il Comune ha disposto il pagamento di %(importo)s (%(tranche)s), mandato n. %(mandato)s.")
        % {"importo": euro(importo), "tranche": tranche.nome, "mandato": numero_mandato},
        link=concessione.get_absolute_url(),
    )
    return pagamento
