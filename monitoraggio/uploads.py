"""Every file this app stores or serves goes through here (evidence, imports, report PDFs).

For now it reuses the grants' checks and private storage; the core upload component replaces them in this
one place.
"""

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils.translation import gettext as _

from costellazioni.uploads import PDF_O_IMMAGINI, check_upload, upload_sha256
from costellazioni.uploads.checks import sniff
from costellazioni.uploads.storage import private_storage

__all__ = [
    "check_evidence",
    "check_import",
    "file_response",
    "private_storage",
    "sniff_type",
    "upload_sha256",
]

sniff_type = sniff

SPREADSHEET_SIGNATURE = b"PK\x03\x04"  # XLSX is a zip archive
IMPORT_MAX_BYTES = 5 * 1024 * 1024


def check_evidence(uploaded) -> str:
    """Evidence of a manual measurement: a PDF or an image, checked by content."""
    return check_upload(uploaded, allowed=PDF_O_IMMAGINI)


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


def file_response(content: bytes, *, filename: str, content_type: str) -> HttpResponse:
    """A private file as a download: never rendered inline, never sniffed, sandboxed."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response
