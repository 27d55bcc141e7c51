"""The one place where this app checks, stores and serves files.

It follows ``contributi/uploads.py`` and ``contributi/storage.py`` (content sniffing, size limit, SHA-256,
private storage with no URL) without importing a sibling app; when the core upload component lands, only
this module changes.
"""

import hashlib
import os

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

PDF_MAGIC = b"%PDF-"


class PrivateStorage(FileSystemStorage):
    @property
    def base_location(self):
        return os.path.join(settings.MEDIA_ROOT, "privato")

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no public URL; serve them through a view that checks permission.")


def private_storage():
    return PrivateStorage()


def check_pdf(uploaded) -> None:
    """Raise ValidationError (with a message for the field) unless ``uploaded`` is a PDF, by content."""
    limit = settings.UPLOAD_MAX_BYTES
    if uploaded.size > limit:
        raise ValidationError(
            _("Il file supera la dimensione massima di %(limit)s.") % {"limit": filesizeformat(limit)}, code="too_big"
        )
    if uploaded.size == 0:
        raise ValidationError(_("Il file è vuoto."), code="empty")
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    if not head.startswith(PDF_MAGIC):
        raise ValidationError(_("Il file non è un PDF: carica il documento in formato PDF."), code="bad_type")


def read_all(uploaded) -> bytes:
    uploaded.seek(0)
    data = b"".join(uploaded.chunks())
    uploaded.seek(0)
    return data


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_response(fieldfile, *, filename: str) -> FileResponse:
    """Serve a private file as a download: attachment, nosniff and a sandboxing CSP."""
    response = FileResponse(fieldfile.open("rb"), as_attachment=True, filename=filename, content_type="application/pdf")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response
