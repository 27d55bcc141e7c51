"""In Chromium: a referente accepts the grant and writes the final report on a phone; axe on each page."""

import pytest

from contributi.models import Candidatura, Spesa
from tests.browser_fixtures import follow
from tests.contributi.factories import PDF_BYTES
from tests.contributi.factories_erogazioni import ConcessioneFactory, financed_candidatura_set_by_queryset, piano
from tests.costellazioni.test_accessibility import blocking_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def assert_accessible(page):
    report = blocking_violations(page)
    assert not report, f"{page.url} at {page.viewport_size['width']} px:\n{report}"


def test_referente_accepts_and_reports_on_a_phone(live_server, phone_page, browser_login, tmp_path):
    page = phone_page
    candidatura, user = financed_candidatura_set_by_queryset()
    piano(candidatura.bando)
    browser_login(page, user)
    base = live_server.url

    page.goto(f"{base}{candidatura.get_absolute_url()}")
    assert_accessible(page)
    follow(page.get_by_role("link", name="Accetta il contributo o rinuncia"))
    assert_accessible(page)
    page.get_by_label("Inizio del progetto").fill("2027-03-01")
    page.get_by_label("Fine del progetto").fill("2027-01-31")
    page.locator("label[for=id_conferma]").click()
    follow(page.get_by_role("button", name="Accetta il contributo"))
    assert page.locator(".invalid-feedback", has_text="non può precedere").is_visible()
    assert_accessible(page)
    page.get_by_label("Fine del progetto").fill("2027-12-31")
    assert page.get_by_label("Accetto il contributo").is_checked()  # kept from the refused submission
    follow(page.get_by_role("button", name="Accetta il contributo"))

    page.wait_for_url("**/contributo/")
    assert_accessible(page)
    follow(page.get_by_role("button", name="Scrivi il rendiconto finale"))
    page.wait_for_url("**/rendiconti/*/")
    assert_accessible(page)
    page.get_by_label("Attività svolte").fill("Laboratori di cucina ogni martedì.")
    page.get_by_label("Anziani (65 anni e oltre)").fill("30")
    follow(page.get_by_role("button", name="Salva", exact=True))

    pdf = tmp_path / "fattura.pdf"
    pdf.write_bytes(PDF_BYTES)
    page.get_by_label("Voce di budget").select_option("personale")
    page.get_by_label("Descrizione").fill("Educatore")
    page.get_by_label("Data del documento").fill("2027-05-31")
    page.get_by_label("Importo (EUR)").fill("2500")
    page.get_by_label("Giustificativo (PDF, JPEG o PNG)").set_input_files(str(pdf))
    follow(page.get_by_role("button", name="Aggiungi la spesa"))
    assert page.get_by_role("link", name="fattura.pdf").is_visible()
    assert_accessible(page)
    follow(page.get_by_role("button", name="Presenta il rendiconto"))
    page.wait_for_url("**/contributo/")
    candidatura.refresh_from_db()
    assert candidatura.stato == Candidatura.Stato.RENDICONTATA
    assert Spesa.objects.get().importo == 2500


@pytest.mark.parametrize("viewport", ["page", "phone_page"])
def test_transparency_page_is_accessible(live_server, request, viewport):
    page = request.getfixturevalue(viewport)
    for _i in range(3):
        ConcessioneFactory(published=True)
    ConcessioneFactory(published=True, oscura_beneficiario=True)
    response = page.goto(f"{live_server.url}/trasparenza/contributi/")
    assert response.status == 200
    assert_accessible(page)
    follow(page.get_by_role("link", name="CC-", exact=False).first)
    assert_accessible(page)
