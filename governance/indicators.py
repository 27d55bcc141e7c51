"""Governance's automatic monitoring indicators (registered in ``GovernanceConfig.ready``).

A meeting is "held" once it took place (``svolta`` or with its minutes approved); decisions count when their
meeting was held in the period and they were not rejected; action items count when closed in the period.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from costellazioni.indicators import admin_changelist, period_bounds, register_indicator, rows_by
from governance.models import Azione, Decisione, Partecipazione, Riunione

STATI_SVOLTE = (Riunione.Stato.SVOLTA, Riunione.Stato.VERBALE_APPROVATO)
ESITI_PRESI = tuple(esito for esito in Decisione.Esito.values if esito != Decisione.Esito.RESPINTA)
RIUNIONI_SVOLTE = admin_changelist(
    "governance", "riunione", stato__in=",".join(STATI_SVOLTE), inizio__date__gte="{start}", inizio__date__lte="{end}"
)


def _riunioni_svolte(period_start, period_end):
    start, end = period_bounds(period_start, period_end)
    return Riunione.objects.filter(stato__in=STATI_SVOLTE, inizio__gte=start, inizio__lt=end)


def riunioni_svolte(period_start, period_end):
    qs = _riunioni_svolte(period_start, period_end)
    by_organo = qs.values("organo__tipo").annotate(n=Count("pk")).order_by()
    return [(qs.count(), {}), *rows_by(by_organo, "organo__tipo", label="organo")]


def partecipazione_media(period_start, period_end):
    """People present (in person, not by proxy) per meeting held in the period, to one decimal place."""
    riunioni = _riunioni_svolte(period_start, period_end)
    n_riunioni = riunioni.count()
    if not n_riunioni:
        return [(Decimal("0.0"), {})]
    presenti = Partecipazione.objects.filter(riunione__in=riunioni, presenza=Partecipazione.Presenza.PRESENTE).count()
    media = (Decimal(presenti) / n_riunioni).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return [(media, {})]


def decisioni_prese(period_start, period_end):
    qs = Decisione.objects.filter(punto__riunione__in=_riunioni_svolte(period_start, period_end)).exclude(
        esito=Decisione.Esito.RESPINTA
    )
    by_tipo = qs.values("tipo").annotate(n=Count("pk")).order_by()
    return [(qs.count(), {}), *rows_by(by_tipo, "tipo")]


def azioni_chiuse(period_start, period_end):
    """Action items completed in the period (cancelled ones are not "closed" in this sense)."""
    start, end = period_bounds(period_start, period_end)
    qs = Azione.objects.filter(stato=Azione.Stato.COMPLETATA, chiusa_il__gte=start, chiusa_il__lt=end)
    return [(qs.count(), {})]


def register():
    register_indicator(
        "governance.riunioni_svolte",
        riunioni_svolte,
        name=_("Riunioni degli organi svolte"),
        unit=_("riunioni"),
        macro_azione=2,
        disaggregations=("organo",),
        records=RIUNIONI_SVOLTE,
    )
    register_indicator(
        "governance.partecipazione_media",
        partecipazione_media,
        name=_("Partecipazione media alle riunioni degli organi"),
        unit=_("presenti per riunione"),
        macro_azione=2,
        records=RIUNIONI_SVOLTE,  # the meetings averaged; each lists its attendance
    )
    register_indicator(
        "governance.decisioni_prese",
        decisioni_prese,
        name=_("Decisioni prese dagli organi"),
        unit=_("decisioni"),
        macro_azione=2,
        disaggregations=("tipo",),
        records=admin_changelist(
            "governance",
            "decisione",
            esito__in=",".join(ESITI_PRESI),
            punto__riunione__stato__in=",".join(STATI_SVOLTE),
            punto__riunione__inizio__date__gte="{start}",
            punto__riunione__inizio__date__lte="{end}",
        ),
    )
    register_indicator(
        "governance.azioni_chiuse",
        azioni_chiuse,
        name=_("Azioni decise dagli organi e completate"),
        unit=_("azioni"),
        macro_azione=2,
        records=admin_changelist("governance", "azione", stato__exact="completata"),
    )
