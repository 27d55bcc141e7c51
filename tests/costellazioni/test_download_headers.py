"""Every view that serves a stored file answers through the one file response: typed, nosniff, sandboxed."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from contributi import services
from contributi.models import DocumentoBando, Spesa
from costellazioni.services.notifications import notify
from tests.antenne.factories import AttivitaFactory
from tests.contributi.factories import (
    PDF_BYTES,
    SubmittedCandidaturaFactory,
    closed_bando,
    complete_draft,
    open_bando,
    referente,
    with_checklist,
)
from tests.contributi.factories_erogazioni import accepted, complete_report
from tests.files import image_bytes

pytestmark = pytest.mark.django_db


def assert_served(response, content_type, disposition):
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].split(";")[0] == disposition
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"


def test_public_call_documents(client, staff_user):
    bando = open_bando()
    bando.documento.save("bando.pdf", ContentFile(PDF_BYTES))
    doc = DocumentoBando.objects.create(bando=bando, titolo="Modulo", file=ContentFile(PDF_BYTES, name="modulo.pdf"))
    services.rettifica_publish(
        bando=bando, actor=staff_user, oggetto="Errata", testo="T", documento=SimpleUploadedFile("a.pdf", PDF_BYTES)
    )
    for url in (
        reverse("contributi:testo", kwargs={"slug": bando.slug}),
        reverse("contributi:documento", kwargs={"slug": bando.slug, "pk": doc.pk}),
        reverse("contributi:rettifica", kwargs={"slug": bando.slug, "numero": 1}),
    ):
        assert_served(client.get(url), "application/pdf", "inline")


def test_a_legacy_html_call_document_is_downloaded_never_rendered(client):
    """A file stored before content checks existed: served as bytes to save, not as a page of this site."""
    bando = open_bando()
    doc = DocumentoBando.objects.create(
        bando=bando, titolo="Modulo", file=ContentFile(b"<script>alert(1)</script>", name="modulo.html")
    )
    response = client.get(reverse("contributi:documento", kwargs={"slug": bando.slug, "pk": doc.pk}))
    assert_served(response, "application/octet-stream", "attachment")


def test_application_attachment_and_receipt(client):
    bando = open_bando()
    user, ente = referente()
    candidatura = complete_draft(bando=bando, user=user, ente=ente)
    allegato = candidatura.allegati.first()
    client.force_login(user)
    assert_served(client.get(allegato.file.url), "application/pdf", "attachment")
    candidatura = services.candidatura_submit(candidatura=candidatura, actor=user, veridicita=True, privacy=True)
    response = client.get(reverse("area_personale_candidatura_ricevuta", kwargs={"pk": candidatura.pk}))
    assert_served(response, "application/pdf", "attachment")


def test_integration_document(client, staff_user):
    user, ente = referente()
    c = with_checklist(SubmittedCandidaturaFactory(bando=closed_bando(), ente=ente))
    c = services.istruttoria_start(candidatura=c, actor=staff_user)
    richiesta = services.integrazioni_request(
        candidatura=c, actor=staff_user, testo="Statuto.", scadenza=timezone.now() + timedelta(days=5)
    )
    services.integrazioni_reply(
        richiesta=richiesta, actor=user, risposta="Ecco.", files=[SimpleUploadedFile("statuto.pdf", PDF_BYTES)]
    )
    documento = richiesta.documenti.get()
    client.force_login(user)
    assert_served(client.get(documento.file.url), "application/pdf", "attachment")


def test_expense_receipt(client):
    concessione, user, _staff, _t = accepted()
    complete_report(concessione, user)
    spesa = Spesa.objects.get()
    client.force_login(user)
    assert_served(client.get(spesa.giustificativo.url), "application/pdf", "attachment")


def test_field_log_photo(client):
    attivita = AttivitaFactory()
    attivita.foto.save("foto.jpg", ContentFile(image_bytes("JPEG")), save=True)
    client.force_login(attivita.operatore.user)
    assert_served(client.get(attivita.foto.url), "image/jpeg", "inline")


def test_message_attachment(client, staff_user):
    (messaggio,) = notify(
        destinatari=[staff_user],
        tipo="prenotazione",
        oggetto="Prenotazione confermata",
        testo="La sala è tua.",
        link="",
        allegati=[("prenotazione.ics", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")],
    )
    allegato = messaggio.allegati.get()
    client.force_login(staff_user)
    response = client.get(reverse("area_personale_messaggio_allegato", args=[messaggio.pk, allegato.pk]))
    assert_served(response, "text/calendar", "attachment")
    assert response["Content-Disposition"] == 'attachment; filename="prenotazione.ics"'


def test_hub_photo(client):
    from tests.hubs.factories import HubFactory

    hub = HubFactory(foto_alt="La sala grande del centro civico")
    hub.foto.save("sala.png", ContentFile(image_bytes("PNG")), save=True)
    assert hub.foto.url == f"/hub/{hub.slug}/foto/"
    assert f'src="{hub.foto.url}"' in client.get(hub.get_absolute_url()).content.decode()
    assert_served(client.get(hub.foto.url), "image/png", "inline")


def test_an_html_hub_photo_is_refused_by_the_admin_form():
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.forms import modelform_factory

    from hubs.models import Hub

    form = modelform_factory(Hub, fields=["foto"])({}, {"foto": SimpleUploadedFile("x.png", b"<svg onload=alert(1)>")})
    assert not form.is_valid()
    assert "non è un'immagine JPEG o PNG" in form.errors["foto"][0]
