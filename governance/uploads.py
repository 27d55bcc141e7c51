"""The one place where governance handles files: storage, checks on upload, and the download response.

It mirrors ``contributi.uploads`` and ``contributi.storage`` (which this layer may not import) until the core
upload component replaces both: switching means changing this module only.
"""

import hashlib
import os

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

SIGNATURES = {
    "application/pdf": (b"%PDF-",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
}
DOCUMENTI = frozenset({"application/pdf"})
IMMAGINI = frozenset({"image/jpeg", "image/png"})


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


def check_upload(uploaded, *, allowed=DOCUMENTI) -> str:
    """Return the content type of ``uploaded`` (read from its first bytes) or raise a message for the field."""
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
    content_type = next(
        (kind for kind, signatures in SIGNATURES.items() if any(head.startswith(s) for s in signatures)), ""
    )
    if content_type not in allowed:
        if allowed == IMMAGINI:
            message = _("Il file non è un'immagine JPEG o PNG.")
        elif allowed >= IMMAGINI:
            message = _("Il file non è un PDF né un'immagine JPEG o PNG: carica un documento in uno di questi formati.")
        else:
            message = _("Il file non è un PDF: carica il documento in formato PDF.")
        raise ValidationError(message, code="bad_type")
    return content_type


def upload_sha256(uploaded) -> str:
    digest = hashlib.sha256()
    for chunk in uploaded.chunks():
        digest.update(chunk)
    uploaded.seek(0)
    return digest.hexdigest()


def file_response(fieldfile, *, content_type: str, filename: str) -> FileResponse:
    """A private file as a download: attachment, no sniffing, no script can run from it."""
    response = FileResponse(fieldfile.open("rb"), content_type=content_type, as_attachment=True, filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response
