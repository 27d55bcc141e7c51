"""The antennas' automatic monitoring indicators (registered in ``AntenneConfig.ready``)."""

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from antenne.models import Antenna, Attivita, MovimentoBancaDelTempo
from costellazioni.indicators import admin_changelist, period_bounds, register_indicator, rows_by

ACTIVE = [Antenna.Stato.ATTIVA, Antenna.Stato.IN_RETE]
ATTIVITA = admin_changelist("antenne", "attivita", svolta_il__date__gte="{start}", svolta_il__date__lte="{end}")


def antenne_attive(period_start, period_end):
    """Antennas active or in the network now (a stock: snapshots keep its history), by quartiere."""
    qs = Antenna.objects.filter(stato__in=ACTIVE)
    by_quartiere = qs.values("quartiere__slug").annotate(n=Count("pk")).order_by()
    return [(qs.count(), {}), *rows_by(by_quartiere, "quartiere__slug", label="quartiere")]


def antenne_per_stato(period_start, period_end):
    rows = Antenna.objects.values("stato").annotate(n=Count("pk")).order_by()
    return [(sum(row["n"] for row in rows), {}), *rows_by(rows, "stato")]


def attivita_di_campo(period_start, period_end):
    start, end = period_bounds(period_start, period_end)
    qs = Attivita.objects.filter(svolta_il__gte=start, svolta_il__lt=end)
    by_quartiere = qs.values("quartiere__slug").annotate(n=Count("pk")).order_by()
    return [(qs.count(), {}), *rows_by(by_quartiere, "quartiere__slug", label="quartiere")]


def persone_raggiunte(period_start, period_end):
    """People reached by field activities, by quartiere, gender and age band (as the operators counted them)."""
    start, end = period_bounds(period_start, period_end)
    qs = Attivita.objects.filter(svolta_il__gte=start, svolta_il__lt=end)
    totals = qs.aggregate(
        totale=Sum("persone_raggiunte"),
        donne=Sum("persone_donne"),
        uomini=Sum("persone_uomini"),
        minori=Sum("persone_minori"),
        adulti=Sum("persone_adulte"),
        anziani=Sum("persone_anziane"),
    )
    by_quartiere = qs.values("quartiere__slug").annotate(n=Sum("persone_raggiunte")).order_by()
    rows = [(totals["totale"] or 0, {})]
    rows += [(totals[key], {"genere": key}) for key in ("donne", "uomini") if totals[key] is not None]
    rows += [(totals[key], {"fascia_eta": key}) for key in ("minori", "adulti", "anziani") if totals[key] is not None]
    return rows + rows_by(by_quartiere, "quartiere__slug", label="quartiere")


def ore_banca_del_tempo(period_start, period_end):
    """Hours exchanged in the time bank: the credit side of confirmed exchanges booked in the period."""
    start, end = period_bounds(period_start, period_end)
    totals = MovimentoBancaDelTempo.objects.filter(
        Q(tipo=MovimentoBancaDelTempo.Tipo.SCAMBIO, ore__gt=0), registrato_il__gte=start, registrato_il__lt=end
    ).aggregate(ore=Sum("ore"))
    return [(totals["ore"] or 0, {})]


def register():
    register_indicator(
        "antenne.attive",
        antenne_attive,
        name=_("Antenne di quartiere attive"),
        unit=_("antenne"),
        macro_azione=3,
        disaggregations=("quartiere",),
        records=admin_changelist("antenne", "antenna", stato__in=",".join(ACTIVE)),  # a stock: the ones active now
    )
    register_indicator(
        "antenne.per_stato",
        antenne_per_stato,
        name=_("Antenne di quartiere per stato"),
        unit=_("antenne"),
        macro_azione=3,
        disaggregations=("stato",),
        records=admin_changelist("antenne", "antenna"),  # a stock: every antenna as it stands now
    )
    register_indicator(
        "antenne.attivita",
        attivita_di_campo,
        name=_("Attività sul campo degli operatori di comunità"),
        unit=_("attività"),
        macro_azione=3,
        disaggregations=("quartiere",),
        records=ATTIVITA,
    )
    register_indicator(
        "antenne.persone_raggiunte",
        persone_raggiunte,
        name=_("Persone raggiunte dalle attività sul campo"),
        unit=_("persone"),
        macro_azione=3,
        disaggregations=("quartiere", "genere", "fascia_eta"),
        records=ATTIVITA,
    )
    register_indicator(
        "antenne.ore_banca_del_tempo",
        ore_banca_del_tempo,
        name=_("Ore scambiate nella banca del tempo"),
        unit=_("ore"),
        macro_azione=3,
        records=admin_changelist(
            "antenne",
            "movimentobancadeltempo",
            tipo__exact=MovimentoBancaDelTempo.Tipo.SCAMBIO,
            ore__gt="0",
            registrato_il__date__gte="{start}",
            registrato_il__date__lte="{end}",
        ),
    )
