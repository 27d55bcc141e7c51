import io
import socket

import pytest
from pypdf import PdfReader

from costellazioni.services import pdf as pdf_service
from costellazioni.services.pdf import PortalURLFetcher, font_face_css, page_counter_css, pdf_render


def read(data: bytes) -> PdfReader:
    assert data.startswith(b"%PDF-")
    return PdfReader(io.BytesIO(data))


def text_of(reader: PdfReader) -> list[str]:
    return [page.extract_text() for page in reader.pages]


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a socket fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError("PDF rendering tried to use the network")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)


@pytest.fixture
def template_dir(tmp_path, settings):
    """A directory of throw-away templates searched before the project's."""
    directory = tmp_path / "templates"
    (directory / "prova").mkdir(parents=True)
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [directory, *settings.TEMPLATES[0]["DIRS"]]}]
    return directory / "prova"


class TestPdfRender:
    def test_letterhead_content_and_page_numbers(self, no_network):
        data = pdf_render(
            template_name="pdf/esempio.html",
            context={
                "titolo": "Verbale della riunione del tavolo di quartiere",
                "paragrafi": ["Presenti: dodici associazioni del Lido e di Pellestrina."],
                "righe": [("Spese di segreteria", "1.250,00")],
                "interruzione_pagina": "Allegato A",
            },
        )
        reader = read(data)
        assert len(reader.pages) == 2
        first, second = text_of(reader)
        assert "Verbale della riunione del tavolo di quartiere" in first
        assert "Presenti: dodici associazioni del Lido e di Pellestrina." in first
        assert "1.250,00" in first
        assert "Allegato A" in second
        assert "Pagina 1 di 2" in first
        assert "Pagina 2 di 2" in second
        for page in (first, second):
            assert "COMUNE DI VENEZIA" in page.upper()
            assert "Costellazioni civiche" in page
            assert "Cofinanziato dall'Unione europea" in page
        assert reader.metadata.title == "Verbale della riunione del tavolo di quartiere"

    def test_a4(self):
        page = read(pdf_render(template_name="pdf/esempio.html", context={})).pages[0]
        width_mm, height_mm = (float(v) * 25.4 / 72 for v in (page.mediabox.width, page.mediabox.height))
        assert round(width_mm) == 210 and round(height_mm) == 297

    def test_embeds_titillium_when_the_kit_is_vendored(self):
        if not font_face_css():
            pytest.skip("Bootstrap Italia fonts are not vendored")
        page = read(pdf_render(template_name="pdf/esempio.html", context={})).pages[0]
        fonts = {str(font.get_object()["/BaseFont"]) for font in page["/Resources"]["/Font"].values()}
        assert any("Titillium" in name for name in fonts)

    def test_falls_back_to_dejavu_without_the_kit(self, monkeypatch):
        monkeypatch.setattr(pdf_service, "font_face_css", lambda: "")
        monkeypatch.setattr(pdf_service._local, "resources", None, raising=False)  # the thread's fonts, built again
        page = read(pdf_render(template_name="pdf/esempio.html", context={"titolo": "Ricevuta"})).pages[0]
        fonts = {str(font.get_object()["/BaseFont"]) for font in page["/Resources"]["/Font"].values()}
        assert any("DejaVu" in name for name in fonts)
        assert "Ricevuta" in page.extract_text()

    def test_fonts_and_letterhead_are_parsed_once_and_reused(self, monkeypatch):
        monkeypatch.setattr(pdf_service._local, "resources", None, raising=False)
        parsed = []
        real = pdf_service.letterhead_css
        monkeypatch.setattr(pdf_service, "letterhead_css", lambda: parsed.append(1) or real())
        first = read(pdf_render(template_name="pdf/esempio.html", context={"titolo": "Prima"}, pdfa=True))
        second = read(pdf_render(template_name="pdf/esempio.html", context={"titolo": "Seconda"}, pdfa=True))
        assert parsed == [1]
        for reader, titolo in ((first, "Prima"), (second, "Seconda")):
            page = reader.pages[0]
            fonts = {str(font.get_object()["/BaseFont"]) for font in page["/Resources"]["/Font"].values()}
            assert any("Titillium" in name for name in fonts), fonts
            # The letterhead's CSS applies: its header writes the Comune in capitals (text-transform).
            assert titolo in page.extract_text() and "COMUNE DI VENEZIA" in page.extract_text()
            assert 'pdfaid:part="3"' in reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()

    def test_pdfa_has_identification_and_metadata(self):
        reader = read(pdf_render(template_name="pdf/esempio.html", context={"titolo": "Ricevuta"}, pdfa=True))
        xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
        assert 'pdfaid:part="3"' in xmp
        assert 'pdfaid:conformance="B"' in xmp
        assert "Ricevuta" in xmp
        assert "/OutputIntents" in reader.trailer["/Root"]
        assert reader.pdf_header.endswith("1.7")

    def test_plain_pdf_is_not_pdfa(self):
        reader = read(pdf_render(template_name="pdf/esempio.html", context={}))
        metadata = reader.trailer["/Root"].get("/Metadata")
        assert metadata is None or b"pdfaid" not in metadata.get_object().get_data()

    def test_context_is_escaped(self):
        text = text_of(read(pdf_render(template_name="pdf/esempio.html", context={"titolo": "<b>A & B</b>"})))[0]
        assert "<b>A & B</b>" in text


class TestNoNetwork:
    def test_external_images_are_skipped_without_error(self, template_dir, no_network):
        (template_dir / "esterna.html").write_text(
            '{% extends "pdf/base.html" %}{% block content %}'
            '<p>Prima</p><img src="http://example.com/x.png" alt="logo"><p>Dopo</p>'
            '<link rel="stylesheet" href="https://example.com/style.css">'
            '<img src="file:///etc/hostname" alt="file di sistema">'
            "{% endblock %}"
        )
        text = text_of(read(pdf_render(template_name="prova/esterna.html", context={})))[0]
        assert "Prima" in text and "Dopo" in text

    def test_static_files_are_read_from_disk(self, template_dir, settings, tmp_path, no_network):
        static = tmp_path / "static"
        (static / "img").mkdir(parents=True)
        (static / "img" / "quadrato.svg").write_text(
            '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'
        )
        settings.STATICFILES_DIRS = [static, *settings.STATICFILES_DIRS]
        (template_dir / "statica.html").write_text(
            '{% extends "pdf/base.html" %}{% load static %}{% block content %}'
            '<img src="{% static "img/quadrato.svg" %}" alt="">'
            "{% endblock %}"
        )
        fetched = []
        original = PortalURLFetcher.fetch

        def spy(self, url, headers=None):
            response = original(self, url, headers)
            fetched.append(response.url)
            return response

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(PortalURLFetcher, "fetch", spy)
            pdf_render(template_name="prova/statica.html", context={})
        assert (static / "img" / "quadrato.svg").resolve().as_uri() in fetched

    def test_fetcher_refuses(self):
        fetcher = PortalURLFetcher()
        network = "Network access refused"
        for url, message in [
            ("http://example.com/x.png", network),
            ("https://example.com/x.png", network),
            ("ftp://example.com/x.png", network),
            ("file:///etc/passwd", "File outside the static directories refused"),
            ("https://pdf.invalid/static/../../etc/passwd", "Static file not found"),
            ("https://pdf.invalid/media/privato.pdf", network),
        ]:
            with pytest.raises(ValueError, match=message):
                fetcher.fetch(url)

    def test_fetcher_allows_data_urls(self):
        response = PortalURLFetcher().fetch("data:text/plain;base64,Y2lhbw==")
        assert response.read() == b"ciao"


def test_page_counter_is_one_translatable_sentence():
    assert page_counter_css() == '"Pagina " counter(page) " di " counter(pages)'
