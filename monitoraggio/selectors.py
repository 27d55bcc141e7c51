"""Reads of monitoring: everything is read from the measurements (snapshots), aggregated in SQL.

The cost of these functions grows with the number of indicators and periods, never with the number of
activities, applications or bookings behind them.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Sum
from django.utils import timezone

from costellazioni.models import Quartiere
from monitoraggio.models import Indicatore, MacroAzione, Misurazione, Target
from monitoraggio.periods import month_of

SUPPRESSION_THRESHOLD = 5  # no figure below 5 people is shown by quartiere


@dataclass
class Serie:
    indicatore: Indicatore
    punti: list = field(default_factory=list)  # [(period start, value)] of the totals, oldest first
    target: Target | None = None
    records_url: str = ""  # staff: the admin list of the records behind the last period's figure

    @property
    def valore(self) -> Decimal | None:
        """To date: the sum of the periods for a flow, the latest value for a stock."""
        if not self.punti:
            return None
        if self.indicatore.aggregazione == Indicatore.Aggregazione.ULTIMO:
            return self.punti[-1][1]
        return sum((value for _start, value in self.punti), Decimal(0))

    @property
    def ultimo_periodo(self) -> date | None:
        return self.punti[-1][0] if self.punti else None

    @property
    def percentuale(self) -> int | None:
        if self.valore is None or self.target is None or not self.target.valore:
            return None
        return int(self.valore * 100 / self.target.valore)

    def ultimi(self, n: int = 12) -> list:
        return self.punti[-n:]


def indicator_series(indicatori, *, start: date | None = None, end: date | None = None, today: date | None = None):
    """One ``Serie`` per indicator, with its total per period and its next target: three queries."""
    today = today or timezone.localdate()
    indicatori = list(indicatori)
    series = {indicatore.pk: Serie(indicatore) for indicatore in indicatori}
    rows = Misurazione.objects.valide().totali().filter(indicatore__in=series)
    if start:
        rows = rows.filter(periodo_inizio__gte=start)
    if end:
        rows = rows.filter(periodo_fine__lte=end)
    rows = rows.values("indicatore_id", "periodo_inizio").annotate(totale=Sum("valore")).order_by("periodo_inizio")
    for row in rows:
        series[row["indicatore_id"]].punti.append((row["periodo_inizio"], row["totale"]))
    reference = end or today
    for target in Target.objects.filter(indicatore__in=series).order_by("data"):
        serie = series[target.indicatore_id]
        if serie.target is None or (serie.target.data < reference and target.data >= serie.target.data):
            serie.target = target
    return [series[indicatore.pk] for indicatore in indicatori]


def with_records(series) -> list[Serie]:
    """Staff: link each automatic indicator's last figure to the records its app counted (the chain, backwards)."""
    from costellazioni.indicators import records_url

    for serie in series:
        if serie.indicatore.calcolo and serie.punti:
            start = serie.punti[-1][0]
            end = month_of(start)[1]
            serie.records_url = records_url(serie.indicatore.calcolo, start, end)
    return series


def by_macro_azione(series) -> list[tuple[str, list]]:
    grouped = defaultdict(list)
    for serie in series:
        grouped[serie.indicatore.macro_azione].append(serie)
    return [(MacroAzione(number).label, grouped[number]) for number in sorted(grouped)]


@dataclass(frozen=True)
class Cella:
    quartiere: Quartiere
    valore: Decimal | None  # None: suppressed

    @property
    def soppresso(self) -> bool:
        return self.valore is None


def suppress_small(values: dict, threshold: int = SUPPRESSION_THRESHOLD) -> dict:
    """Hide every value under ``threshold``; if exactly one is hidden, hide the next smallest as well, so the
    hidden one cannot be worked out from the total."""
    hidden = {key for key, value in values.items() if value < threshold}
    if len(hidden) == 1:
        visible = sorted((value, str(key)) for key, value in values.items() if key not in hidden)
        if visible:
            smallest = visible[0][1]
            hidden |= {key for key in values if str(key) == smallest}
    return {key: (None if key in hidden else value) for key, value in values.items()}


def by_quartiere(indicatore: Indicatore, *, start: date | None = None, end: date | None = None) -> list[Cella]:
    """The indicator by quartiere in the window, with small numbers suppressed: two queries."""
    rows = Misurazione.objects.valide().per_quartiere().filter(indicatore=indicatore)
    if start:
        rows = rows.filter(periodo_inizio__gte=start)
    if end:
        rows = rows.filter(periodo_fine__lte=end)
    if indicatore.aggregazione == Indicatore.Aggregazione.ULTIMO:
        latest = rows.order_by("-periodo_inizio").values_list("periodo_inizio", flat=True)[:1]
        rows = rows.filter(periodo_inizio__in=latest)
    totals = {
        row["chiave"].split("=", 1)[1]: row["totale"]
        for row in rows.values("chiave").annotate(totale=Sum("valore")).order_by()
    }
    shown = suppress_small(totals)
    quartieri = Quartiere.objects.filter(slug__in=shown).select_related("municipalita").order_by("nome")
    return [Cella(quartiere, shown[quartiere.slug]) for quartiere in quartieri]
