"""What the dashboards show of a ``Serie``, formatted once in Python.

A dashboard shows about forty indicators, each with a value, a target and twelve months; formatting them in the
template (an include per value, a translation tag and two date filters per row) costs more than the SQL behind
them. Here each figure is formatted once, each month's label once per render, each sentence translated once per
indicator; the templates only print the strings.
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.template.defaultfilters import floatformat
from django.utils.formats import date_format, get_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from costellazioni.formatting import euro
from monitoraggio.selectors import Serie
from monitoraggio.unita import unit_label

TREND_MONTHS = 12


class DateLabels(dict):
    """``labels[day, format]``: each date formatted once per render (a dashboard repeats the same twelve months)."""

    def __missing__(self, key: tuple[date, str]) -> str:
        value = self[key] = date_format(*key)
        return value


def separators() -> dict | None:
    """The active language's separators as a ``str.translate`` table (None: a grouping other than by thousands)."""
    if get_format("NUMBER_GROUPING") != 3:
        return None
    return {ord(","): get_format("THOUSAND_SEPARATOR"), ord("."): get_format("DECIMAL_SEPARATOR")}


def number(valore, places: int = -2, table: dict | None = None) -> str:
    """``floatformat(valore, f"{places}g")``, about ten times faster: with ``places`` decimals (rounded half up); a
    negative ``places`` leaves whole numbers without decimals. Grouped by thousands with the language's separators
    (``table``: ``separators()``, read once per render)."""
    table = table or separators()
    valore = valore if isinstance(valore, Decimal) else Decimal(str(valore))
    if table is None or not valore.is_finite():
        return floatformat(valore, f"{places}g")
    if places < 0 and valore == valore.to_integral_value():
        places = 0
    text = f"{valore.quantize(Decimal(1).scaleb(-abs(places)), rounding=ROUND_HALF_UP):,.{abs(places)}f}"
    return text.translate(table)


def value_html(valore: Decimal | None, unita: str, table: dict | None = None) -> SafeString:
    """A figure with its unit, as ``includes/valore.html`` (which the PDF report uses) writes it."""
    if valore is None:
        return format_html('<span class="text-secondary">{}</span>', _("nessun dato"))
    if unita == "EUR":
        return format_html("{}", euro(valore))
    if unita == "%":
        return format_html("{}%", number(valore, 0, table))
    return format_html("{} {}", number(valore, -2, table), unit_label(unita, valore))


@dataclass
class Scheda:
    """One indicator as a dashboard shows it."""

    serie: Serie
    valore: SafeString
    target: SafeString = SafeString("")
    target_data_breve: str = ""
    ultimo_periodo: str = ""
    righe: SafeString = SafeString("")  # the monthly table's rows, for the last TREND_MONTHS periods
    percentuale: int | None = None
    chart: dict | None = None
    percentuale_barra: int = 0  # the progress bar stops at 100%
    # the sentences of the public card, translated once
    target_testo: str = ""
    percentuale_testo: str = ""
    avanzamento_aria: str = ""
    andamento: str = ""
    grafico_aria: str = ""

    @property
    def indicatore(self):
        return self.serie.indicatore


def chart(serie: Serie, labels: DateLabels) -> dict | None:
    points = serie.ultimi(TREND_MONTHS)
    if len(points) < 2:
        return None
    return {
        "id": f"grafico-{serie.indicatore.codice.lower()}",
        "label": serie.indicatore.nome,
        "unit": serie.indicatore.unita,
        "labels": [labels[start, "M Y"] for start, _value in points],
        "values": [float(value) for _start, value in points],
    }


def describe(scheda: Scheda, labels: DateLabels, table: dict | None) -> None:
    """The public card's chart, monthly table and sentences."""
    serie, nome = scheda.serie, scheda.serie.indicatore.nome
    if serie.target is not None:
        scheda.target_testo = _("Target al %(data)s:") % {"data": labels[serie.target.data, "j F Y"]}
    if scheda.percentuale is not None:
        scheda.percentuale_barra = min(scheda.percentuale, 100)
        scheda.percentuale_testo = _("%(p)s%% del target") % {"p": scheda.percentuale}
        scheda.avanzamento_aria = _("Avanzamento verso il target: %(nome)s") % {"nome": nome}
    scheda.chart = chart(serie, labels)
    if scheda.chart:
        scheda.righe = format_html_join(
            "",
            '<tr><th scope="row">{}</th><td>{}</td></tr>',
            ((labels[start, "F Y"], number(value, -2, table)) for start, value in serie.ultimi(TREND_MONTHS)),
        )
        scheda.andamento = _("Andamento mensile: %(nome)s") % {"nome": nome}
        scheda.grafico_aria = _("Andamento mensile: %(nome)s. I valori sono nella tabella che segue.") % {"nome": nome}


def schede(series, *, public: bool = True, labels: DateLabels | None = None) -> list[Scheda]:
    """``public``: with the chart, the monthly table and the sentences of the public card; otherwise the staff
    table's cells only."""
    labels = DateLabels() if labels is None else labels
    table = separators()
    result = []
    for serie in series:
        unita = serie.indicatore.unita
        scheda = Scheda(serie=serie, valore=value_html(serie.valore, unita, table), percentuale=serie.percentuale)
        if serie.target is not None:
            scheda.target = value_html(serie.target.valore, unita, table)
            scheda.target_data_breve = labels[serie.target.data, "d/m/Y"]
        if serie.ultimo_periodo:
            scheda.ultimo_periodo = labels[serie.ultimo_periodo, "F Y"]
        if public:
            describe(scheda, labels, table)
        result.append(scheda)
    return result
