"""The needs' automatic monitoring indicators (registered in ``RicercaConfig.ready``).

A need is "taken in charge" once it has left ``segnalato`` (taken in charge, referred, resolved or found not
resolvable) and "resolved" only in the ``risolto`` state; both are stocks read at the moment of the call.
"""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from costellazioni.indicators import admin_changelist, period_bounds, register_indicator, rows_by
from ricerca.models import Bisogno


def bisogni_segnalati(period_start, period_end):
    start, end = period_bounds(period_start, period_end)
    qs = Bisogno.objects.filter(creato_il__gte=start, creato_il__lt=end)
    by_quartiere = qs.values("quartiere__slug").annotate(n=Count("pk")).order_by()
    by_categoria = qs.values("categoria").annotate(n=Count("pk")).order_by()
    return [
        (qs.count(), {}),
        *rows_by(by_quartiere, "quartiere__slug", label="quartiere"),
        *rows_by(by_categoria, "categoria"),
    ]


def bisogni_presi_in_carico(period_start, period_end):
    """Needs reported up to the end of the period that someone has taken in charge (a stock), by quartiere."""
    _start, end = period_bounds(period_start, period_end)
    qs = Bisogno.objects.filter(creato_il__lt=end).exclude(stato=Bisogno.Stato.SEGNALATO)
    by_quartiere = qs.values("quartiere__slug").annotate(n=Count("pk")).order_by()
    by_stato = qs.values("stato").annotate(n=Count("pk")).order_by()
    return [
        (qs.count(), {}),
        *rows_by(by_quartiere, "quartiere__slug", label="quartiere"),
        *rows_by(by_stato, "stato"),
    ]


def bisogni_risolti(period_start, period_end):
    """Needs reported up to the end of the period that are resolved now (a stock), by quartiere."""
    _start, end = period_bounds(period_start, period_end)
    qs = Bisogno.objects.filter(creato_il__lt=end, stato=Bisogno.Stato.RISOLTO)
    by_quartiere = qs.values("quartiere__slug").annotate(n=Count("pk")).order_by()
    return [(qs.count(), {}), *rows_by(by_quartiere, "quartiere__slug", label="quartiere")]


RECORDS_PRESI = ",".join(stato for stato in Bisogno.Stato.values if stato != Bisogno.Stato.SEGNALATO)


def register():
    register_indicator(
        "ricerca.bisogni_segnalati",
        bisogni_segnalati,
        name=_("Bisogni segnalati"),
        unit=_("bisogni"),
        macro_azione=1,
        disaggregations=("quartiere", "categoria"),
        records=admin_changelist("ricerca", "bisogno", creato_il__date__gte="{start}", creato_il__date__lte="{end}"),
    )
    register_indicator(
        "ricerca.bisogni_presi_in_carico",
        bisogni_presi_in_carico,
        name=_("Bisogni presi in carico"),
        unit=_("bisogni"),
        macro_azione=1,
        disaggregations=("quartiere", "stato"),
        records=admin_changelist("ricerca", "bisogno", creato_il__date__lte="{end}", stato__in=RECORDS_PRESI),
    )
    register_indicator(
        "ricerca.bisogni_risolti",
        bisogni_risolti,
        name=_("Bisogni risolti"),
        unit=_("bisogni"),
        macro_azione=1,
        disaggregations=("quartiere",),
        records=admin_changelist("ricerca", "bisogno", creato_il__date__lte="{end}", stato__exact="risolto"),
    )
