"""The grants' automatic monitoring indicators (registered in ``ContributiConfig.ready``)."""

from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy as _

from contributi.models import Candidatura, Concessione, Pagamento, PersoneRaggiunte, Rendiconto
from costellazioni.indicators import admin_changelist, period_bounds, register_indicator, rows_by

# Age bands counted as distinct people; the other categories (families, disability, volunteers) are breakdowns.
PERSONE = [
    PersoneRaggiunte.Categoria.MINORI,
    PersoneRaggiunte.Categoria.GIOVANI,
    PersoneRaggiunte.Categoria.ADULTI,
    PersoneRaggiunte.Categoria.ANZIANI,
]


def candidature_presentate(period_start, period_end):
    start, end = period_bounds(period_start, period_end)
    qs = Candidatura.objects.filter(presentata_il__gte=start, presentata_il__lt=end)
    by_linea = qs.values("bando__linea").annotate(n=Count("pk")).order_by()
    return [(qs.count(), {}), *rows_by(by_linea, "bando__linea", label="linea")]


def _concessioni(period_start, period_end):
    start, end = period_bounds(period_start, period_end)
    return Concessione.objects.filter(creata_il__gte=start, creata_il__lt=end, revocata_il__isnull=True)


def progetti_finanziati(period_start, period_end):
    qs = _concessioni(period_start, period_end)
    by_linea = qs.values("candidatura__bando__linea").annotate(n=Count("pk")).order_by()
    return [(qs.count(), {}), *rows_by(by_linea, "candidatura__bando__linea", label="linea")]


def euro_concessi(period_start, period_end):
    qs = _concessioni(period_start, period_end)
    by_linea = qs.values("candidatura__bando__linea").annotate(n=Sum("importo")).order_by()
    return [
        (qs.aggregate(n=Sum("importo"))["n"] or 0, {}),
        *rows_by(by_linea, "candidatura__bando__linea", label="linea"),
    ]


def euro_erogati(period_start, period_end):
    qs = Pagamento.objects.filter(data__gte=period_start, data__lte=period_end)
    return [(qs.aggregate(n=Sum("importo"))["n"] or 0, {})]


def persone_raggiunte(period_start, period_end):
    """People reached by funded projects, from the reports staff approved in the period, by category."""
    start, end = period_bounds(period_start, period_end)
    qs = PersoneRaggiunte.objects.filter(
        rendiconto__stato=Rendiconto.Stato.APPROVATO,
        rendiconto__esaminato_il__gte=start,
        rendiconto__esaminato_il__lt=end,
    )
    by_categoria = list(qs.values("categoria").annotate(n=Sum("numero")).order_by())
    total = sum(row["n"] or 0 for row in by_categoria if row["categoria"] in PERSONE)
    return [(total, {}), *rows_by(by_categoria, "categoria")]


CONCESSIONI = admin_changelist(
    "contributi",
    "concessione",
    creata_il__date__gte="{start}",
    creata_il__date__lte="{end}",
    revocata_il__isnull="True",
)


def register():
    register_indicator(
        "contributi.candidature_presentate",
        candidature_presentate,
        name=_("Candidature presentate ai bandi"),
        unit=_("candidature"),
        macro_azione=4,
        disaggregations=("linea",),
        records=admin_changelist(
            "contributi", "candidatura", presentata_il__date__gte="{start}", presentata_il__date__lte="{end}"
        ),
    )
    register_indicator(
        "contributi.progetti_finanziati",
        progetti_finanziati,
        name=_("Progetti finanziati"),
        unit=_("progetti"),
        macro_azione=4,
        disaggregations=("linea",),
        records=CONCESSIONI,
    )
    register_indicator(
        "contributi.euro_concessi",
        euro_concessi,
        name=_("Contributi concessi"),
        unit="EUR",
        macro_azione=4,
        disaggregations=("linea",),
        records=CONCESSIONI,
    )
    register_indicator(
        "contributi.euro_erogati",
        euro_erogati,
        name=_("Contributi pagati"),
        unit="EUR",
        macro_azione=4,
        records=admin_changelist("contributi", "pagamento", data__gte="{start}", data__lte="{end}"),
    )
    register_indicator(
        "contributi.persone_raggiunte",
        persone_raggiunte,
        name=_("Persone raggiunte dai progetti finanziati"),
        unit=_("persone"),
        macro_azione=4,
        disaggregations=("categoria",),
        records=admin_changelist(  # the approved reports; each lists the people it reached by category
            "contributi",
            "rendiconto",
            stato__exact=Rendiconto.Stato.APPROVATO,
            esaminato_il__date__gte="{start}",
            esaminato_il__date__lte="{end}",
        ),
    )
