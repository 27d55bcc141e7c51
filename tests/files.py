"""Real files for upload tests: PDFs that parse (optionally with something active inside) and decodable images."""

import io

from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject


def pdf_bytes(*, extra: dict | None = None, text: str = "") -> bytes:
    """A one-page PDF; ``extra`` entries go into the document catalogue (e.g. ``{"/OpenAction": ...}``)."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if text:
        writer.add_metadata({"/Title": text})
    for key, value in (extra or {}).items():
        writer._root_object[NameObject(key)] = value
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def js_action(script: str = "app.alert(1)") -> DictionaryObject:
    return DictionaryObject({NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject(script)})


def pdf_with_javascript() -> bytes:
    names = DictionaryObject(
        {
            NameObject("/JavaScript"): DictionaryObject(
                {NameObject("/Names"): ArrayObject([TextStringObject("x"), js_action()])}
            )
        }
    )
    return pdf_bytes(extra={"/Names": names})


def image_bytes(fmt: str = "PNG", size: tuple[int, int] = (8, 8)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (0, 90, 160)).save(out, format=fmt)
    return out.getvalue()


PDF_BYTES = pdf_bytes()
