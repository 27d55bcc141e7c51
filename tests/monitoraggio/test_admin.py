"""The admin calls the services: a report on demand, validation of values, bulk import."""

from datetime import date

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile

from costellazioni.models import EventoAudit
from monitoraggio.models import Importazione, Misurazione, Report
from tests.costellazioni.factories import StaffFactory, UserFactory
from tests.files import PDF_BYTES
from tests.monitoraggio.factories import MisurazioneFactory, catalogue

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(StaffFactory())
    return client


def test_staff_ask_for_a_report_on_demand_and_see_it_ready(staff_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            "/admin/monitoraggio/report/add/", {"tipo": "trimestrale", "riferimento": "15/08/2026"}, follow=True
        )
    assert response.status_code == 200
    report = Report.objects.get()
    assert (report.periodo_inizio, report.periodo_fine) == (date(2026, 7, 1), date(2026, 9, 30))
    assert report.stato == Report.Stato.PRONTO
    page = staff_client.get(f"/admin/monitoraggio/report/{report.pk}/change/").content.decode()
    assert "Pronto" in page and "Scarica il PDF" in page and "Report pronto" in page  # the timeline


def test_a_period_in_the_future_is_refused_next_to_the_field(staff_client):
    response = staff_client.post("/admin/monitoraggio/report/add/", {"tipo": "annuale", "riferimento": "01/01/2099"})
    assert "Il periodo non è ancora cominciato." in response.content.decode()
    assert not Report.objects.exists()


def test_validate_and_reject_actions(staff_client):
    a = MisurazioneFactory(indicatore=catalogue("CC-18"), stato="da_validare", inserita_da=StaffFactory())
    b = MisurazioneFactory(indicatore=catalogue("CC-04"), stato="da_validare")
    staff_client.post(
        "/admin/monitoraggio/misurazione/", {"action": "validate", "_selected_action": [a.pk], "nota": ""}
    )
    staff_client.post(
        "/admin/monitoraggio/misurazione/", {"action": "reject", "_selected_action": [b.pk], "nota": "Manca il verbale"}
    )
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.stato, b.stato) == (Misurazione.Stato.VALIDATA, Misurazione.Stato.RESPINTA)


def test_a_manual_value_entered_in_the_admin(staff_client):
    response = staff_client.post(
        "/admin/monitoraggio/misurazione/add/",
        {
            "indicatore": catalogue("CC-18").pk,
            "periodo_inizio": "01/01/2025",
            "periodo_fine": "31/12/2025",
            "valore": "82",
            "disaggregazione": "{}",
            "evidenza": SimpleUploadedFile("questionari.pdf", PDF_BYTES),
            "nota": "214 questionari",
        },
    )
    assert response.status_code == 302
    m = Misurazione.objects.get()
    assert m.stato == Misurazione.Stato.DA_VALIDARE and len(m.evidenza_sha256) == 64
    download = staff_client.get(f"/monitoraggio/staff/evidenze/{m.pk}/")
    assert download["Content-Disposition"] == f'attachment; filename="evidenza-{m.pk}.pdf"'


def test_import_from_the_admin_shows_the_rejected_rows(staff_client, django_capture_on_commit_callbacks):
    content = b"indicatore,periodo_inizio,periodo_fine,valore\nEECO01,2026-07-01,2026-09-30,molti\n"
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            "/admin/monitoraggio/importazione/add/",
            {"tipo": "misurazioni", "file": SimpleUploadedFile("d.csv", content)},
        )
    importazione = Importazione.objects.get()
    assert importazione.stato == Importazione.Stato.RESPINTA
    page = staff_client.get(f"/admin/monitoraggio/importazione/{importazione.pk}/change/").content.decode()
    assert "riga 2: valore: «molti» non è un numero positivo." in page


def test_an_evaluation_activity_informs_indicators_and_shows_in_the_report(
    staff_client, django_capture_on_commit_callbacks
):
    import io

    from pypdf import PdfReader

    response = staff_client.post(
        "/admin/monitoraggio/rilevazione/add/",
        {
            "tipo": "questionario",
            "titolo": "Soddisfazione dei partecipanti",
            "svolta_il": "15/08/2026",
            "indicatori": [catalogue("CC-18").pk],
            "partecipanti": "40",
            "soddisfatti": "50",
            "sintesi": "Chiesti più orari serali.",
        },
    )
    assert "I soddisfatti non possono superare i partecipanti." in response.content.decode()
    response = staff_client.post(
        "/admin/monitoraggio/rilevazione/add/",
        {
            "tipo": "questionario",
            "titolo": "Soddisfazione dei partecipanti",
            "svolta_il": "15/08/2026",
            "indicatori": [catalogue("CC-18").pk],
            "partecipanti": "40",
            "soddisfatti": "33",
            "sintesi": "Chiesti più orari serali.",
        },
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post("/admin/monitoraggio/report/add/", {"tipo": "trimestrale", "riferimento": "15/08/2026"})
    report = Report.objects.get()
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(report.file.read())).pages).split())
    assert "Questionario: Soddisfazione dei partecipanti" in text and "83%" in text and "CC-18" in text  # 33 of 40


class TestImportazioneForm:
    """Uploading a file calls ``importazione_create``: a coded log row, or the refusal next to the form."""

    CSV = b"indicatore,periodo_inizio,periodo_fine,valore\n"

    def test_an_upload_is_logged_with_its_code(self, client):
        staff = StaffFactory()
        client.force_login(staff)
        response = client.post(
            "/admin/monitoraggio/importazione/add/",
            {"tipo": "misurazioni", "file": SimpleUploadedFile("d.csv", self.CSV)},
        )
        assert response.status_code == 302, response.content.decode()[:3000]
        importazione = Importazione.objects.get()
        riga = EventoAudit.objects.for_object(importazione).get()
        assert (riga.evento, riga.autore, riga.stato_a) == ("monitoraggio.file_caricato", staff, "in_coda")

    def test_a_refusal_is_shown_next_to_the_form_without_a_success_message(self, client):
        # May add imports in the admin, but is not staff comunale: the service refuses.
        impiegato = UserFactory(is_staff=True)
        impiegato.user_permissions.add(
            *Permission.objects.filter(codename__in=["view_importazione", "add_importazione"])
        )
        client.force_login(impiegato)
        response = client.post(
            "/admin/monitoraggio/importazione/add/",
            {"tipo": "misurazioni", "file": SimpleUploadedFile("d.csv", self.CSV)},
        )
        assert response.status_code == 200
        form = response.context["adminform"].form
        assert form.non_field_errors() == ["Il cruscotto completo è riservato al personale del Comune."]
        assert list(get_messages(response.wsgi_request)) == []
        assert not Importazione.objects.exists()
        assert not EventoAudit.objects.exists()
