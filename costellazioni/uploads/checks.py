"""What a file is, decided by its content: PDFs are parsed (not sniffed), images decoded with a pixel limit.

Each use names its allow-list (``PDF``, ``IMMAGINI``, ``PDF_O_IMMAGINI``); the browser's declared type and the
file name are never trusted.
"""

import hashlib
import io
import re
import unicodedata
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

PDF_TYPE = "application/pdf"
JPEG_TYPE = "image/jpeg"
PNG_TYPE = "image/png"

PDF = frozenset({PDF_TYPE})
IMMAGINI = frozenset({JPEG_TYPE, PNG_TYPE})
PDF_O_IMMAGINI = PDF | IMMAGINI

SIGNATURES = {
    PDF_TYPE: (b"%PDF-",),
    JPEG_TYPE: (b"\xff\xd8\xff",),
    PNG_TYPE: (b"\x89PNG\r\n\x1a\n",),
}
EXTENSIONS = {PDF_TYPE: ".pdf", JPEG_TYPE: ".jpg", PNG_TYPE: ".png"}

# Names that make a PDF act rather than show: scripts, actions run on opening or on events, launched programs,
# files carried inside.
PDF_ACTIVE_NAMES = frozenset({"/JS", "/JavaScript", "/OpenAction", "/Launch", "/EmbeddedFiles", "/AA"})
PDF_MAX_OBJECTS = 200_000


def sniff(head: bytes) -> str:
    """The type a file's first bytes claim (a claim only: ``check_upload`` verifies it by parsing)."""
    for content_type, signatures in SIGNATURES.items():
        if any(head.startswith(signature) for signature in signatures):
            return content_type
    return ""


def _wrong_type(allowed: frozenset) -> ValidationError:
    if allowed == PDF:
        message = _("Il file non è un PDF: carica il documento in formato PDF.")
    elif allowed == IMMAGINI:
        message = _("Il file non è un'immagine JPEG o PNG.")
    else:
        message = _("Il file non è un PDF né un'immagine JPEG o PNG: carica un documento in uno di questi formati.")
    return ValidationError(message, code="bad_type")


def check_upload(uploaded, *, allowed: frozenset = PDF) -> str:
    """Return the verified content type of ``uploaded`` or raise ValidationError with a message for the field."""
    limit = settings.UPLOAD_MAX_BYTES
    if uploaded.size > limit:
        raise ValidationError(
            _("Il file supera la dimensione massima di %(limit)s.") % {"limit": filesizeformat(limit)}, code="too_big"
        )
    if uploaded.size == 0:
        raise ValidationError(_("Il file è vuoto."), code="empty")
    uploaded.seek(0)
    data = uploaded.read()
    uploaded.seek(0)
    content_type = sniff(data[:16])
    if content_type not in allowed:
        raise _wrong_type(allowed)
    if content_type == PDF_TYPE:
        check_pdf(data)
    else:
        check_image(data, content_type)
    return content_type


def check_pdf(data: bytes) -> None:
    """Parse the PDF and refuse one that is not a PDF at all or that carries something active."""
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if len(reader.pages) < 1:
            raise ValueError("no pages")
        active = _pdf_active_names(reader)
    except (PyPdfError, ValueError, TypeError, KeyError, AttributeError, IndexError, RecursionError) as error:
        raise ValidationError(
            _("Il file non è un PDF leggibile: esportalo di nuovo in PDF e riprova."), code="bad_pdf"
        ) from error
    if active:
        raise ValidationError(
            _(
                "Il PDF contiene script, azioni automatiche o file incorporati (%(nomi)s), che non accettiamo: "
                "stampalo di nuovo come PDF semplice e riprova."
            )
            % {"nomi": ", ".join(sorted(name.lstrip("/") for name in active))},
            code="active_pdf",
        )


def _pdf_active_names(reader: PdfReader) -> set[str]:
    """Every active name reachable from the trailer (names are decoded by pypdf, so ``/J#53`` is ``/JS``)."""
    found: set[str] = set()
    seen: set[tuple[int, int]] = set()
    stack = [reader.trailer]
    visited = 0
    while stack:
        node = stack.pop()
        visited += 1
        if visited > PDF_MAX_OBJECTS:
            raise ValueError("too many objects")
        if isinstance(node, IndirectObject):
            key = (node.idnum, node.generation)
            if key in seen:
                continue
            seen.add(key)
            node = node.get_object()
        if isinstance(node, DictionaryObject):
            for name, value in node.items():
                if name in PDF_ACTIVE_NAMES:
                    found.add(name)
                if name == "/S" and isinstance(value, NameObject) and value in PDF_ACTIVE_NAMES:
                    found.add(str(value))
                stack.append(value)
        elif isinstance(node, ArrayObject):
            stack.extend(node)
    return found


def check_image(data: bytes, content_type: str) -> None:
    """Decode the whole image under a pixel limit: a non-image or a decompression bomb gets a clear message."""
    limit = settings.UPLOAD_MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = limit
    expected = {JPEG_TYPE: "JPEG", PNG_TYPE: "PNG"}[content_type]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                if image.format != expected:
                    raise UnidentifiedImageError(image.format)
                if image.width * image.height > limit:
                    raise Image.DecompressionBombError("too many pixels")
                image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValidationError(
            _("L'immagine è troppo grande (più di %(limit)s milioni di pixel): riducila e riprova.")
            % {"limit": limit // 1_000_000},
            code="too_many_pixels",
        ) from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(_("Il file non è un'immagine leggibile."), code="bad_image") from error


def upload_sha256(uploaded) -> str:
    """The SHA-256 digest of an uploaded file, read in chunks; the file is left ready to be saved."""
    digest = hashlib.sha256()
    uploaded.seek(0)
    for chunk in uploaded.chunks():
        digest.update(chunk)
    uploaded.seek(0)
    return digest.hexdigest()


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_filename(name: str, *, default: str = "documento", max_length: int = 120) -> str:
    """A file name reduced to ASCII letters, digits, dot, dash and underscore; never hidden, never a path."""
    name = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    name = _UNSAFE.sub("-", name).strip(".-_")
    name = re.sub(r"-*\.-*", ".", re.sub(r"-{2,}", "-", name))
    if len(name) > max_length:
        stem, dot, ext = name.rpartition(".")
        name = (stem[: max_length - len(ext) - 1] + dot + ext) if dot and len(ext) <= 10 else name[:max_length]
    return name or default
