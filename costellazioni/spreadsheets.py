"""Exports people open in a spreadsheet: cells that the spreadsheet would run as formulas are defused."""

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """Text starting like a formula gets a leading apostrophe (OWASP "CSV injection"); numbers pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def safe_row(values):
    return [spreadsheet_safe(value) for value in values]
