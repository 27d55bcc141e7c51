"""How the portal writes amounts and deadlines, in one place for pages, the admin, e-mails and PDFs.

Italian: "300.000,00 €" and "entro giovedì 10 dicembre 2026 alle 12:00"; English: "€300,000.00" and
"by Thursday 10 December 2026 at 12:00". CSV and XLSX cells keep plain numbers.
"""

from datetime import date, datetime
from decimal import Decimal

from django.utils import formats, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _


def euro(value: Decimal | int | float | str | None) -> str:
    """An amount in euros with two decimals and grouped thousands, the symbol where the language puts it."""
    if value is None or value == "":
        return ""
    amount = Decimal(value)
    digits = formats.number_format(abs(amount), 2, use_l10n=True, force_grouping=True)
    sign = "-" if amount < 0 else ""
    if (get_language() or "it").startswith("it"):
        return f"{sign}{digits} €"
    return f"{sign}€{digits}"


def deadline(value: datetime | date | None) -> str:
    """A moment as people read a deadline: the weekday, the date in words, the time in Rome.

    A plain date (a day-long deadline) reads without the time: "giovedì 10 dicembre 2026".
    """
    if value is None or value == "":
        return ""
    if not isinstance(value, datetime):
        return formats.date_format(value, "l j F Y")
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return _("%(day)s alle %(time)s") % {
        "day": formats.date_format(local, "l j F Y"),
        "time": formats.time_format(local, "H:i"),
    }
