"""Upload checks: type by content (magic bytes), never by name or the browser's declared type; size from settings."""

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

SIGNATURES = {
    "application/pdf": (b"%PDF-",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
}
EXTENSIONS = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}


def sniff(head: bytes) -> str:
    for content_type, signatures in SIGNATURES.items():
        if any(head.startswith(signature) for signature in signatures):
            return content_type
    return ""


def check_upload(uploaded, *, images_allowed: bool = False) -> str:
    """Return the content type of ``uploaded`` or raise ValidationError with a message for the field."""
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
    content_type = sniff(head)
    allowed = {"application/pdf"} | ({"image/jpeg", "image/png"} if images_allowed else set())
    if content_type not in allowed:
        if images_allowed:
            message = _("Il file non è un PDF né un'immagine JPEG o PNG: carica un documento in uno di questi formati.")
        else:
            message = _("Il file non è un PDF: carica il documento in formato PDF.")
        raise ValidationError(message, code="bad_type")
    return content_type


def upload_sha256(uploaded) -> str:
    """The SHA-256 digest of an uploaded file, read in chunks; the file is left ready to be saved."""
    digest = hashlib.sha256()
    for chunk in uploaded.chunks():
        digest.update(chunk)
    uploaded.seek(0)
    return digest.hexdigest()
