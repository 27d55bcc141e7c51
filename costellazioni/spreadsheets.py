"""Every CSV and XLSX the portal writes goes through here: no cell is ever read as a formula.

Text that a spreadsheet would run (``=HYPERLINK(…)``, ``+…``, ``-…``, ``@…``, a leading tab or line break) is
defused: in CSV with a leading apostrophe (OWASP "CSV injection"), in XLSX as a text cell with Excel's own quote
prefix, so the value reads exactly as typed but never computes. ``csv``/``openpyxl`` are used only in this module.
"""

import csv
import io
from datetime import datetime

from django.http import HttpResponse
from django.utils import timezone
from django.utils.encoding import iri_to_uri
from django.utils.functional import Promise

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def looks_like_formula(value) -> bool:
    return isinstance(value, str) and value.lstrip(" ").startswith(FORMULA_PREFIXES)


def spreadsheet_safe(value):
    """Text starting like a formula gets a leading apostrophe; numbers and other text pass unchanged."""
    if looks_like_formula(value):
        return "'" + value
    return value


def safe_row(values):
    return [spreadsheet_safe(value) for value in values]


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{iri_to_uri(filename)}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


class SafeCsvWriter:
    """``csv.writer`` whose every row is defused first."""

    def __init__(self, stream, **kwargs):
        self._writer = csv.writer(stream, **kwargs)

    def writerow(self, values):
        return self._writer.writerow(safe_row(values))

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def csv_response(filename: str, *, delimiter: str = ";", excel_bom: bool = True) -> tuple[HttpResponse, SafeCsvWriter]:
    """An attachment response and the safe writer that fills it (UTF-8, with the BOM Excel needs by default)."""
    response = _attachment(HttpResponse(content_type="text/csv; charset=utf-8"), filename)
    if excel_bom:
        response.write("\ufeff")
    return response, SafeCsvWriter(response, delimiter=delimiter)


def xlsx_workbook():
    """A new empty workbook (its first sheet is ``workbook.active``)."""
    from openpyxl import Workbook

    return Workbook()


def xlsx_append(sheet, values) -> None:
    """Append a row: text stays text (never a formula), aware datetimes become naive local ones."""
    row = []
    for value in values:
        if isinstance(value, datetime) and value.tzinfo is not None:
            value = timezone.localtime(value).replace(tzinfo=None)
        elif isinstance(value, Promise):
            value = str(value)
        row.append(value)
    sheet.append(row)
    for cell in sheet[sheet.max_row]:
        if cell.data_type == "f" or looks_like_formula(cell.value):
            cell.data_type = "s"
            cell.quotePrefix = True


def xlsx_bytes(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(filename: str, workbook) -> HttpResponse:
    return _attachment(HttpResponse(xlsx_bytes(workbook), content_type=XLSX_CONTENT_TYPE), filename)


def xlsx_values(content: bytes) -> list[list]:
    """The cell values of the first sheet of an uploaded workbook (formulas read as their cached result)."""
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
    return [["" if cell is None else cell for cell in row] for row in sheet.iter_rows(values_only=True)]
