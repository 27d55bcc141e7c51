"""Reporting periods: months, quarters and years, in dates (both ends included)."""

import calendar
from datetime import date, timedelta

from django.utils.formats import date_format
from django.utils.translation import gettext as _

MENSILE, TRIMESTRALE, ANNUALE = "mensile", "trimestrale", "annuale"


def month_of(day: date) -> tuple[date, date]:
    return day.replace(day=1), day.replace(day=calendar.monthrange(day.year, day.month)[1])


def quarter_of(day: date) -> tuple[date, date]:
    first_month = 3 * ((day.month - 1) // 3) + 1
    start = date(day.year, first_month, 1)
    end = month_of(date(day.year, first_month + 2, 1))[1]
    return start, end


def year_of(day: date) -> tuple[date, date]:
    return date(day.year, 1, 1), date(day.year, 12, 31)


PERIOD_OF = {MENSILE: month_of, TRIMESTRALE: quarter_of, ANNUALE: year_of}


def previous_period(kind: str, today: date) -> tuple[date, date]:
    """The last complete period of ``kind`` before ``today``."""
    start, _end = PERIOD_OF[kind](today)
    return PERIOD_OF[kind](start - timedelta(days=1))


def months_between(start: date, end: date) -> list[tuple[date, date]]:
    months = []
    current = start.replace(day=1)
    while current <= end:
        months.append(month_of(current))
        current = months[-1][1] + timedelta(days=1)
    return months


def period_label(kind: str, start: date, end: date) -> str:
    if kind == MENSILE:
        return date_format(start, "F Y")
    if kind == TRIMESTRALE:
        return _("%(trimestre)s° trimestre %(anno)s") % {"trimestre": (start.month - 1) // 3 + 1, "anno": start.year}
    if kind == ANNUALE:
        return str(start.year)
    return f"{date_format(start, 'SHORT_DATE_FORMAT')} – {date_format(end, 'SHORT_DATE_FORMAT')}"
