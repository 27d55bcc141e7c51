"""The ranking's PDF keeps its table on the page: landscape A4, long titles wrap instead of being cut."""

from io import BytesIO

import pytest
from pypdf import PdfReader

from contributi.services.graduatoria import GRADUATORIA_PDF_TEMPLATE, graduatoria_pdf_context
from costellazioni.services.pdf import pdf_render
from tests.contributi.test_graduatoria import ranked  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

# 300 characters: longer than the field allows, so the rendering is tested past any title a person can save.
WORDS = (
    "Laboratori intergenerazionali di quartiere per la cura condivisa degli spazi comuni tra Castello, "
    "Cannaregio e la Giudecca, con percorsi di accompagnamento digitale per anziani soli, doposcuola "
    "solidale, orti in cortile, cene di vicinato e una rete di portierato sociale animata da volontarie"
)
LONG_TITLE = (WORDS + " e volontari della Municipalità")[:300]


def _render(graduatoria) -> bytes:
    context = graduatoria_pdf_context(graduatoria=graduatoria)
    context["bando"].titolo = LONG_TITLE
    for posizione in context["posizioni"]:
        posizione.candidatura.titolo = LONG_TITLE
        posizione.candidatura.ente.denominazione = "Associazione di promozione sociale Venezia Solidale ETS"
    return pdf_render(template_name=GRADUATORIA_PDF_TEMPLATE, context=context, pdfa=True)


def test_a_300_character_title_wraps_on_a_landscape_page(ranked):  # noqa: F811
    _bando, graduatoria, _user = ranked
    assert len(LONG_TITLE) == 300

    pdf = _render(graduatoria)

    reader = PdfReader(BytesIO(pdf))
    for page in reader.pages:
        assert float(page.mediabox.width) > float(page.mediabox.height)  # landscape
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    # Every word of the title is in the text of the page: nothing was cut at the table's edge.
    for word in LONG_TITLE.replace(",", " ").split():
        assert word in text, word
    for header in ("Pos.", "Protocollo", "Ente", "Progetto", "Totale", "Esito", "Contributo"):
        assert header in text
    assert "Finanziata parzialmente" in text
