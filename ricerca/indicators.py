"""The needs' automatic monitoring indicators (registered in ``RicercaConfig.ready``).

"Resolved" is whatever is not open according to ``Bisogno.objects.aperti()``, so new states of the
research-action issue are counted correctly without changing this module.
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


def bisogni_risolti(period_start, period_end):
    """Needs reported up to the end of the period that are no longer open now (a stock), by quartiere."""
    _start, end = period_bounds(period_start, period_end)
    qs = Bisogno.objects.filter(creato_il__lt=end).exclude(pk__in=Bisogno.objects.aperti().values("pk"))
    by_quartiere = qs.values("quartiere__slug").annotate(n=Count("pk")).order_by()
    return [(qs.count(), {}), *rows_by(by_quartiere, "quartiere__slug", label="quartiere")]


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
        "ricerca.bisogni_risolti",
        bisogni_risolti,
        name=_("Bisogni risolti"),
        unit=_("bisogni"),
        macro_azione=1,
        disaggregations=("quartiere",),
    )
