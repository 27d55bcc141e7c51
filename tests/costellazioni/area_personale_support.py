"""Helpers of the area personale tests: a fresh codice fiscale, the error shown next to a field."""

import re

from stdnum import luhn


def new_codice_fiscale() -> str:
    """A valid 11-digit codice fiscale that no factory sequence reaches (digits 8-10: a province office)."""
    body = "8765432" + "099"
    return body + luhn.calc_check_digit(body)


def field_error(html: str, field: str) -> str:
    """The text of the error block tied to ``field`` by aria-describedby."""
    assert re.search(rf'id="id_{field}"[^>]*aria-describedby="[^"]*id_{field}_error', html) or re.search(
        rf'aria-describedby="[^"]*id_{field}_error[^"]*"[^>]*id="id_{field}"', html
    ), f"{field} is not described by its error"
    match = re.search(rf'<div id="id_{field}_error" class="invalid-feedback">(.*?)</div>', html, re.S)
    assert match, f"no error block for {field}"
    return re.sub(r"<[^>]+>", "", match.group(1)).strip()
