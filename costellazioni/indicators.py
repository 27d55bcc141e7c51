"""Automatic monitoring indicators, contributed by each app without the core or monitoring naming its tables.

An app registers its indicators once, in its ``AppConfig.ready()``::

    from costellazioni.indicators import register_indicator

    register_indicator("hubs.prenotazioni", bookings_confirmed, name=_("Prenotazioni"), unit=_("prenotazioni"))

``compute(period_start, period_end)`` receives two dates (both included) and returns rows
``(value, disaggregation)``: one row with ``{}`` for the total, then optional rows broken down by
``{"quartiere": slug}``, ``{"genere": "donne"}``, ``{"fascia_eta": "anziani"}``, ``{"stato": ...}``.
Values are numbers (``int`` or ``Decimal``). Stocks (for instance "antennas active now") are read at
the moment of the call; that is why monitoring snapshots them into measurements periodically.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

Row = tuple[int | Decimal, dict]
Compute = Callable[[date, date], Iterable[Row]]


@dataclass(frozen=True)
class IndicatorDefinition:
    code: str
    compute: Compute
    name: str = ""
    unit: str = ""
    macro_azione: int | None = None
    disaggregations: tuple[str, ...] = field(default_factory=tuple)
    description: str = ""
    records: Callable[[date, date], str] | None = None  # (start, end) -> admin URL of the rows behind the figure


_registry: dict[str, IndicatorDefinition] = {}


def register_indicator(
    code: str,
    compute: Compute,
    *,
    name: str = "",
    unit: str = "",
    macro_azione: int | None = None,
    disaggregations: Iterable[str] = (),
    description: str = "",
    records: Callable[[date, date], str] | None = None,
) -> IndicatorDefinition:
    """Make ``compute`` available to monitoring under ``code`` (``<app>.<name>``); registering twice is harmless."""
    definition = IndicatorDefinition(
        code=code,
        compute=compute,
        name=name,
        unit=unit,
        macro_azione=macro_azione,
        disaggregations=tuple(disaggregations),
        description=description,
        records=records,
    )
    existing = _registry.get(code)
    if existing is not None and existing.compute is not compute:
        raise ValueError(f"Indicator {code!r} is already registered by another function.")
    _registry[code] = definition
    return definition


def get_indicator(code: str) -> IndicatorDefinition | None:
    return _registry.get(code)


def registered_indicators() -> list[IndicatorDefinition]:
    return sorted(_registry.values(), key=lambda definition: definition.code)


def compute_indicator(code: str, period_start: date, period_end: date) -> list[Row]:
    definition = _registry.get(code)
    if definition is None:
        raise KeyError(code)
    return [
        (value if value is not None else 0, dict(disaggregation))
        for value, disaggregation in definition.compute(period_start, period_end)
    ]


def records_url(definition_code: str, period_start: date, period_end: date) -> str:
    """The admin list of the records an indicator counted in a period ("" when its app offers none)."""
    definition = _registry.get(definition_code)
    if definition is None or definition.records is None:
        return ""
    return definition.records(period_start, period_end)


def admin_changelist(app_label: str, model: str, **lookups) -> Callable[[date, date], str]:
    """A ``records`` callable: the model's admin list filtered by ``lookups``, where the values ``"{start}"`` and
    ``"{end}"`` become the period's dates (``admin_changelist("antenne", "attivita", svolta_il__date__gte="{start}",
    svolta_il__date__lte="{end}")``)."""
    from urllib.parse import urlencode

    from django.urls import reverse

    def url(period_start: date, period_end: date) -> str:
        values = {
            key: value.format(start=period_start.isoformat(), end=period_end.isoformat())
            for key, value in lookups.items()
        }
        changelist = reverse(f"admin:{app_label}_{model}_changelist")
        return f"{changelist}?{urlencode(values)}" if values else changelist

    return url


def period_bounds(period_start: date, period_end: date) -> tuple[datetime, datetime]:
    """Aware datetimes ``[start, end)`` in the portal's time zone covering both dates entirely."""
    tz = timezone.get_current_timezone()
    start = datetime.combine(period_start, time.min, tzinfo=tz)
    end = datetime.combine(period_end + timedelta(days=1), time.min, tzinfo=tz)
    return start, end


def rows_by(queryset_values, key: str, *, value: str = "n", label: str | None = None) -> list[Row]:
    """``[(value, {label: key_value})]`` from ``.values(key).annotate(n=...)`` rows, skipping empty keys."""
    label = label or key
    return [(row[value] or 0, {label: row[key]}) for row in queryset_values if row[key] not in (None, "")]
