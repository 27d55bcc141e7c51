"""Files of governance, co-programming and monitoring leave through the one file response: nosniff, sandboxed."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from coprogrammazione import services as coprogrammazione_services
from coprogrammazione.models import DocumentoPercorso
from governance.services import appalto, rete
from monitoraggio.models import Report
from tests.coprogrammazione.factories import PercorsoFactory, protocollo_with_parties, sign_everyone
from tests.costellazioni.factories import StaffFactory
from tests.costellazioni.test_download_headers import assert_served
from tests.files import PDF_BYTES, image_bytes
from tests.governance.factories import OrganoFactory
from tests.monitoraggio.factories import MisurazioneFactory, ReportFactory

pytestmark = pytest.mark.django_db


def test_governance_document_and_site_visit_photo(client):
    staff = StaffFactory()
    versione = rete.documento_upload(
        organo=OrganoFactory(), actor=staff, titolo="Regolamento", uploaded=SimpleUploadedFile("r.pdf", PDF_BYTES)
    )
    sopralluogo = appalto.sopralluogo_record(
        actor=staff,
        data=timezone.localdate(),
        luogo="Via Bissuola 20/A",
        partecipanti="Staff",
        esiti="Tutto in ordine.",
        foto=[(SimpleUploadedFile("ingresso.png", image_bytes("PNG")), "Ingresso laterale")],
    )
    client.force_login(staff)
    assert_served(client.get(reverse("governance:documento", args=[versione.pk])), "application/pdf", "attachment")
    foto = sopralluogo.foto.get()
    response = client.get(reverse("governance:foto", args=[foto.pk]))
    assert_served(response, "image/png", "attachment")
    assert response["Content-Disposition"] == f'attachment; filename="sopralluogo-{foto.pk}.png"'


def test_coprogramming_notice_documents_and_mou(client):
    percorso = PercorsoFactory()
    percorso.avviso_pdf.save("avviso.pdf", ContentFile(PDF_BYTES), save=True)
    documento = DocumentoPercorso.objects.create(
        percorso=percorso, titolo="Documento istruttorio", file=ContentFile(PDF_BYTES, name="istruttorio.pdf")
    )
    assert_served(client.get(reverse("coprogrammazione:avviso", args=[percorso.slug])), "application/pdf", "attachment")
    response = client.get(reverse("coprogrammazione:documento", args=[percorso.slug, documento.pk]))
    assert_served(response, "application/pdf", "attachment")
    staff = StaffFactory()
    protocollo, parti = protocollo_with_parties()
    coprogrammazione_services.protocollo_send_for_signature(protocollo=protocollo, actor=staff)
    sign_everyone(protocollo, staff)
    response = client.get(reverse("coprogrammazione:protocollo_documento", args=[protocollo.pk]))
    assert_served(response, "application/pdf", "attachment")
    client.force_login(staff)
    response = client.get(reverse("coprogrammazione:firma_scarica", args=[protocollo.pk, parti[0].pk]))
    assert_served(response, "application/pdf", "attachment")


def test_monitoring_evidence_and_report(client):
    misurazione = MisurazioneFactory()
    misurazione.evidenza.save("evidenza.jpg", ContentFile(image_bytes("JPEG")), save=True)
    report = ReportFactory(stato=Report.Stato.PRONTO, pubblicato=True)
    report.file.save("report.pdf", ContentFile(PDF_BYTES), save=True)
    assert_served(client.get(reverse("monitoraggio:report_pdf", args=[report.pk])), "application/pdf", "attachment")
    client.force_login(StaffFactory())
    response = client.get(reverse("monitoraggio:evidenza", args=[misurazione.pk]))
    assert_served(response, "image/jpeg", "attachment")
    assert response["Content-Disposition"] == f'attachment; filename="evidenza-{misurazione.pk}.jpg"'


def test_a_legacy_html_evidence_is_downloaded_as_bytes(client):
    """A file stored before the content checks: never served as a page of this site."""
    misurazione = MisurazioneFactory()
    misurazione.evidenza.save("vecchia.pdf", ContentFile(b"<script>alert(1)</script>"), save=True)
    client.force_login(StaffFactory())
    response = client.get(reverse("monitoraggio:evidenza", args=[misurazione.pk]))
    assert_served(response, "application/octet-stream", "attachment")
