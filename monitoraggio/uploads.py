"""The one check this app adds to the core upload component: a bulk import file (CSV or XLSX).

Everything else (evidence, reports, storage, downloads) goes through ``costellazioni.uploads``.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

SPREADSHEET_SIGNATURE = b"PK\x03\x04"  # XLSX is a zip archive
IMPORT_MAX_BYTES = 5 * 1024 * 1024


def check_import(uploaded) -> str:
    """A bulk import file: ``"xlsx"`` or ``"csv"`` (UTF-8 text), decided by content, never by name."""
    if uploaded.size == 0:
        raise ValidationError(_("Il file è vuoto."), code="empty")
    if uploaded.size > IMPORT_MAX_BYTES:
        raise ValidationError(_("Il file supera la dimensione massima di 5 MB."), code="too_big")
    uploaded.seek(0)
    head = uploaded.read(4096)
    uploaded.seek(0)
    if head.startswith(SPREADSHEET_SIGNATURE):
        return "xlsx"
    try:
        text = head.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        if error.start < len(head) - 4:  # not just a character cut by the 4 KB window
            raise ValidationError(
                _("Il file non è un foglio Excel (.xlsx) né un CSV in UTF-8."), code="bad_type"
            ) from error
        text = head[: error.start].decode("utf-8-sig")
    if "\x00" in text or ("," not in text and ";" not in text):
        raise ValidationError(_("Il file non è un foglio Excel (.xlsx) né un CSV in UTF-8."), code="bad_type")
    return "csv"
