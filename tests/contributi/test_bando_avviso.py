"""The call page as an official notice: its text and determina as documents, the responsabile del procedimento and
the office's contacts, the FAQ; and an acceptance form that does not ask for dates staff already set."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from contributi import services
from contributi.models import Bando, Candidatura, Concessione, FaqBando
from costellazioni.uploads import file_store
from tests.contributi.factories import PDF_BYTES, open_bando
from tests.contributi.factories_erogazioni import financed_candidatura_set_by_queryset
from tests.contributi.test_browser import assert_accessible, no_sideways_scroll
from tests.costellazioni.factories import StaffFactory


def official_bando() -> Bando:
    bando = open_bando(
        responsabile_procedimento="Dott.ssa Elena Zanin",
        determina_estremi="Determinazione dirigenziale n. 2461 del 3 novembre 2026",
        ufficio="Ufficio di progetto Costellazioni civiche",
        ufficio_indirizzo="Via Antonio Cecchini 15, 30174 Mestre (VE)",
        ufficio_email="costellazioni@comune.venezia.it",
        ufficio_pec="coesionesociale@pec.comune.venezia.it",
        ufficio_telefono="+39 041 274 9000",
    )
    file_store(instance=bando, field_name="documento", uploaded=SimpleUploadedFile("b.pdf", PDF_BYTES), stem="t")
    file_store(instance=bando, field_name="determina", uploaded=SimpleUploadedFile("d.pdf", PDF_BYTES), stem="d")
    FaqBando.objects.create(
        bando=bando, domanda="Come si calcola il cofinanziamento?", risposta="Almeno il 10% del costo totale."
    )
    return bando


@pytest.mark.django_db
class TestCallPage:
    def test_documents_officer_and_contacts_are_on_the_page(self, client):
        bando = official_bando()
        html = client.get(bando.get_absolute_url()).content.decode()
        assert reverse("contributi:testo", kwargs={"slug": bando.slug}) in html
        assert reverse("contributi:determina", kwargs={"slug": bando.slug}) in html
        assert "Determinazione dirigenziale n. 2461 del 3 novembre 2026, di approvazione del bando (PDF)" in html
        for text in (
            "Responsabile del procedimento",
            "Dott.ssa Elena Zanin",
            "Via Antonio Cecchini 15",
            "mailto:costellazioni@comune.venezia.it",
            "coesionesociale@pec.comune.venezia.it",
            "tel:+390412749000",
            "Almeno il 10% del costo totale.",
        ):
            assert text in html, text

    def test_the_deadline_reads_with_its_weekday_in_italian_and_english(self, client):
        bando = open_bando(chiusura=datetime(2037, 12, 10, 12, 0, tzinfo=ZoneInfo("Europe/Rome")))
        client.cookies["django_language"] = "it"
        italian = client.get(bando.get_absolute_url()).content.decode()
        assert "presentale entro <strong><time" in italian
        assert ">giovedì 10 dicembre 2037 alle 12:00</time>" in italian
        assert "entro giovedì 10 dicembre 2037 alle 12:00</dd>" in italian
        assert "10 dicembre 2037, 12:00" not in italian
        client.cookies["django_language"] = "en"
        english = client.get(bando.get_absolute_url()).content.decode()
        assert ">Thursday 10 December 2037 at 12:00</time>" in english
        assert "giovedì" not in english

    def test_the_determina_downloads_as_a_pdf(self, client):
        bando = official_bando()
        response = client.get(reverse("contributi:determina", kwargs={"slug": bando.slug}))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content).startswith(b"%PDF-")
        assert bando.download_url("determina") == reverse("contributi:determina", kwargs={"slug": bando.slug})

    def test_no_determina_or_draft_call_is_404(self, client):
        bando = open_bando()
        assert client.get(reverse("contributi:determina", kwargs={"slug": bando.slug})).status_code == 404
        draft = official_bando()
        Bando.objects.filter(pk=draft.pk).update(stato=Bando.Stato.BOZZA)
        assert client.get(reverse("contributi:determina", kwargs={"slug": draft.slug})).status_code == 404

    def test_demo_calls_are_official_notices_with_real_answers(self):
        from django.core.management import call_command

        call_command("seed_demo")
        for bando in Bando.objects.public():
            assert bando.responsabile_procedimento and bando.ufficio_email and bando.determina and bando.documento
            risposte = list(bando.faq.values_list("risposta", flat=True))
            assert len(risposte) >= 5
            assert not any(r.startswith("Dipende dal bando") for r in risposte)
        aperto = Bando.objects.get(slug="idee-in-comune-2026")
        cofin = aperto.faq.get(domanda="Come si calcola il cofinanziamento?").risposta
        assert "almeno il 10% del costo totale" in cofin and "tra 5.000 e 30.000 euro" in cofin


@pytest.mark.django_db
class TestAcceptanceDates:
    def test_dates_set_by_staff_are_shown_not_asked(self, client):
        c, user = financed_candidatura_set_by_queryset()
        staff = StaffFactory()
        services.concessione_create(
            candidatura=c, actor=staff, data_inizio=date(2027, 2, 1), data_fine=date(2027, 11, 30)
        )
        client.force_login(user)
        target = reverse("area_personale_accettazione", kwargs={"pk": c.pk})
        html = client.get(target).content.decode()
        assert 'name="data_inizio"' not in html and 'name="data_fine"' not in html
        assert "1 febbraio 2027" in html and "30 novembre 2027" in html
        response = client.post(target, {"conferma": "on"})
        assert response.status_code == 302
        c.refresh_from_db()
        assert c.stato == Candidatura.Stato.AVVIATA
        assert (c.concessione.data_inizio, c.concessione.data_fine) == (date(2027, 2, 1), date(2027, 11, 30))

    def test_without_staff_dates_they_are_asked_and_required(self, client):
        c, user = financed_candidatura_set_by_queryset()
        client.force_login(user)
        target = reverse("area_personale_accettazione", kwargs={"pk": c.pk})
        assert 'name="data_inizio"' in client.get(target).content.decode()
        response = client.post(target, {"conferma": "on"})
        assert "Questo campo è obbligatorio" in response.content.decode()
        assert not Concessione.objects.filter(candidatura=c, accettata_il__isnull=False).exists()

    def test_the_service_refuses_missing_dates_next_to_the_field(self):
        from django.core.exceptions import ValidationError

        c, user = financed_candidatura_set_by_queryset()
        with pytest.raises(ValidationError, match="Indica la data") as error:
            services.concessione_accept(candidatura=c, actor=user, data_inizio=date(2027, 1, 1))
        assert list(error.value.message_dict) == ["data_fine"]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("device", ["page", "phone_page"])
def test_the_call_page_reads_as_an_official_notice(live_server, request, device):
    page = request.getfixturevalue(device)
    bando = official_bando()
    page.goto(f"{live_server.url}{bando.get_absolute_url()}")
    contatti = page.locator("[data-contatti-bando]")
    assert "Responsabile del procedimento" in contatti.inner_text()
    assert "Dott.ssa Elena Zanin" in contatti.inner_text()
    assert contatti.get_by_role("link", name="costellazioni@comune.venezia.it").is_visible()
    assert page.get_by_role("heading", name="Domande frequenti").is_visible()
    assert_accessible(page)
    no_sideways_scroll(page)
    link = page.get_by_role("link", name="Determinazione dirigenziale n. 2461 del 3 novembre 2026", exact=False)
    response = page.request.get(f"{live_server.url}{link.get_attribute('href')}")
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
