"""The upload component: every refusal by content, safe names, the store service and the one file response."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.forms import modelform_factory
from PIL import Image
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from contributi.models import DocumentoBando
from costellazioni.uploads import IMMAGINI, PDF, PDF_O_IMMAGINI, check_upload, file_response, file_store, safe_filename
from tests.contributi.factories import open_bando
from tests.files import PDF_BYTES, image_bytes, js_action, pdf_bytes, pdf_with_javascript

HTML = b"<html><body><script>document.title='pwned'</script></body></html>"


def upload(content: bytes, name: str = "documento.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


class TestPdf:
    def test_a_plain_pdf_is_accepted(self):
        assert check_upload(upload(PDF_BYTES)) == "application/pdf"

    def test_html_is_refused(self):
        with pytest.raises(ValidationError, match="non è un PDF: carica il documento in formato PDF"):
            check_upload(upload(HTML, "modulo.html"))

    def test_html_starting_with_the_pdf_signature_does_not_parse(self):
        with pytest.raises(ValidationError, match="non è un PDF leggibile"):
            check_upload(upload(b"%PDF-1.7\n" + HTML))

    def test_javascript_is_refused(self):
        with pytest.raises(ValidationError, match=r"script, azioni automatiche o file incorporati \(.*JavaScript"):
            check_upload(upload(pdf_with_javascript()))

    @pytest.mark.parametrize(
        ("key", "value", "named"),
        [
            ("/OpenAction", js_action(), "OpenAction"),
            ("/AA", DictionaryObject({NameObject("/O"): js_action()}), "AA"),
            (
                "/OpenAction",
                DictionaryObject(
                    {NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject("calc.exe")}
                ),
                "Launch",
            ),
            (
                "/Names",
                DictionaryObject({NameObject("/EmbeddedFiles"): DictionaryObject()}),
                "EmbeddedFiles",
            ),
        ],
    )
    def test_active_content_is_refused(self, key, value, named):
        with pytest.raises(ValidationError, match=f"file incorporati \\(.*{named}"):
            check_upload(upload(pdf_bytes(extra={key: value})))

    def test_an_encoded_name_is_read_as_what_it_means(self):
        data = pdf_bytes(extra={"/OpenAction": js_action()}).replace(b"/OpenAction", b"/Open#41ction")
        with pytest.raises(ValidationError, match="OpenAction"):
            check_upload(upload(data))

    def test_too_big_and_empty(self, settings):
        settings.UPLOAD_MAX_BYTES = 100
        with pytest.raises(ValidationError, match="supera la dimensione massima"):
            check_upload(upload(PDF_BYTES))
        with pytest.raises(ValidationError, match="vuoto"):
            check_upload(upload(b""))


class TestImages:
    @pytest.mark.parametrize("fmt", ["PNG", "JPEG"])
    def test_images_are_decoded_and_accepted_where_allowed(self, fmt):
        assert check_upload(upload(image_bytes(fmt), "foto"), allowed=IMMAGINI) == f"image/{fmt.lower()}"

    def test_an_image_where_only_pdf_is_allowed(self):
        with pytest.raises(ValidationError, match="non è un PDF"):
            check_upload(upload(image_bytes("PNG"), "foto.png"), allowed=PDF)

    def test_a_pdf_where_only_images_are_allowed(self):
        with pytest.raises(ValidationError, match="non è un'immagine JPEG o PNG"):
            check_upload(upload(PDF_BYTES), allowed=IMMAGINI)

    def test_a_signature_followed_by_garbage_is_not_an_image(self):
        with pytest.raises(ValidationError, match="non è un'immagine leggibile"):
            check_upload(upload(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "x.png"), allowed=PDF_O_IMMAGINI)

    def test_a_decompression_bomb_is_refused_before_decoding(self, settings):
        settings.UPLOAD_MAX_IMAGE_PIXELS = 1_000_000
        out = io.BytesIO()
        Image.new("1", (2000, 2000)).save(out, format="PNG")  # tiny file, four million pixels
        assert len(out.getvalue()) < 10_000
        with pytest.raises(ValidationError, match="troppo grande \\(più di 1 milioni di pixel\\)"):
            check_upload(upload(out.getvalue(), "bomba.png"), allowed=IMMAGINI)


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\x\\Relazione finale (v2).pdf", "Relazione-finale-v2.pdf"),
        ("Città è più bella.pdf", "Citta-e-piu-bella.pdf"),
        ('a"; filename=evil.html\r\n.pdf', "a-filename-evil.html.pdf"),
        (".htaccess", "htaccess"),
        ("", "documento"),
        ("٣٤٥.pdf", "pdf"),
    ],
)
def test_file_names_are_reduced_to_a_safe_set(name, safe):
    assert safe_filename(name) == safe


@pytest.mark.django_db
class TestModelField:
    def test_the_admin_form_of_a_call_document_refuses_html(self):
        bando = open_bando()
        form_class = modelform_factory(DocumentoBando, fields=["bando", "titolo", "file", "ordine"])
        data = {"bando": bando.pk, "titolo": "Modulo", "ordine": 0}
        form = form_class(data, {"file": upload(HTML, "modulo.html")})
        assert not form.is_valid()
        assert "non è un PDF" in form.errors["file"][0]
        form = form_class(data, {"file": upload(PDF_BYTES, "modulo.pdf")})
        assert form.is_valid(), form.errors
        assert form.save().file.url == f"/bandi/{bando.slug}/documenti/{form.instance.pk}/"

    def test_store_fills_the_metadata_and_removes_the_old_file_only_after_commit(
        self, django_capture_on_commit_callbacks
    ):
        from contributi.models import Allegato
        from tests.contributi.factories import complete_draft, referente

        bando = open_bando()
        user, ente = referente()
        candidatura = complete_draft(bando=bando, user=user, ente=ente)
        allegato = Allegato.objects.filter(candidatura=candidatura).first()
        old_name, storage = allegato.file.name, allegato.file.storage
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            file_store(instance=allegato, field_name="file", uploaded=upload(pdf_bytes(text="v2"), "Statuto è.pdf"))
        assert storage.exists(old_name), "the old file stays until the transaction commits"
        for callback in callbacks:
            callback()
        assert not storage.exists(old_name)
        allegato.refresh_from_db()
        assert allegato.nome_originale == "Statuto-e.pdf" and allegato.content_type == "application/pdf"
        assert len(allegato.sha256) == 64 and allegato.file.name.endswith(".pdf")

    def test_a_refused_store_keeps_the_previous_file(self):
        from contributi.models import Allegato
        from tests.contributi.factories import complete_draft, referente

        bando = open_bando()
        user, ente = referente()
        allegato = Allegato.objects.filter(candidatura=complete_draft(bando=bando, user=user, ente=ente)).first()
        before = (allegato.file.name, allegato.sha256)
        with pytest.raises(ValidationError, match="non è un PDF"), transaction.atomic():
            file_store(instance=allegato, field_name="file", uploaded=upload(HTML, "x.html"))
        allegato.refresh_from_db()
        assert (allegato.file.name, allegato.sha256) == before and allegato.file.storage.exists(before[0])


class TestFileResponse:
    def _headers(self, response):
        return {key: response[key] for key in ("Content-Type", "Content-Disposition")}

    def test_every_response_is_sandboxed_and_not_sniffed(self):
        response = file_response(HTML, filename="modulo.html")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Security-Policy"] == "sandbox"
        assert self._headers(response) == {
            "Content-Type": "application/octet-stream",
            "Content-Disposition": 'attachment; filename="modulo.html"',
        }

    def test_only_harmless_types_are_inline_and_only_when_asked(self):
        inline = file_response(PDF_BYTES, filename="bando.pdf", inline=True)
        assert self._headers(inline) == {
            "Content-Type": "application/pdf",
            "Content-Disposition": 'inline; filename="bando.pdf"',
        }
        html_claiming_pdf = file_response(HTML, filename="x.pdf", content_type="text/html", inline=True)
        assert html_claiming_pdf["Content-Type"] == "application/octet-stream"
        assert html_claiming_pdf["Content-Disposition"].startswith("attachment;")

    def test_a_stored_file_is_typed_by_its_first_bytes_when_no_type_was_recorded(self, tmp_path):
        from costellazioni.uploads import private_storage

        name = private_storage().save("prova/x.bin", ContentFile(image_bytes("PNG")))
        field_file = type("F", (), {"open": lambda self, mode: private_storage().open(name, mode)})()
        response = file_response(field_file, filename="é strano.png", inline=True)
        assert response["Content-Type"] == "image/png"
        assert response["Content-Disposition"] == 'inline; filename="e-strano.png"'


@pytest.mark.django_db
def test_the_admin_links_a_private_file_to_its_permission_checked_view(client):
    """Issue 10, item 2: the receipt of a submitted application made its admin change page answer 500."""
    from contributi import services
    from tests.contributi.factories import complete_draft, referente
    from tests.costellazioni.factories import UserFactory

    user, ente = referente()
    candidatura = complete_draft(bando=open_bando(), user=user, ente=ente)
    candidatura = services.candidatura_submit(candidatura=candidatura, actor=user, veridicita=True, privacy=True)
    candidatura = services.ricevuta_generate(candidatura_id=candidatura.pk)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get(f"/admin/contributi/candidatura/{candidatura.pk}/change/")
    assert response.status_code == 200
    assert f'href="/area-personale/candidature/{candidatura.pk}/ricevuta/"' in response.content.decode()
