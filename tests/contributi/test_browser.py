"""A referente fills every wizard step in Chromium, uploads a PDF, submits and downloads the receipt; axe throughout."""

from datetime import timedelta

import pytest
from django.utils import timezone

from contributi.models import Candidatura
from tests.browser_fixtures import follow
from tests.contributi.factories import PDF_BYTES, complete_draft, open_bando, referente
from tests.costellazioni.test_accessibility import blocking_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def assert_accessible(page):
    report = blocking_violations(page)
    assert not report, f"{page.url}:\n{report}"


def test_referente_applies_in_the_browser(live_server, page, browser_login, tmp_path):
    bando = open_bando()
    user, ente = referente()
    browser_login(page, user)
    base = live_server.url

    page.goto(f"{base}/bandi/")
    assert_accessible(page)
    page.goto(f"{base}{bando.get_absolute_url()}")
    assert_accessible(page)
    follow(page.get_by_role("link", name="Presenta la candidatura"))
    assert_accessible(page)
    follow(page.get_by_role("button", name="Inizia o riprendi la candidatura"))

    # (a) ente: an empty required field is refused next to the field, then accepted
    page.locator("[name=indirizzo]").fill("")
    follow(page.get_by_role("button", name="Salva e continua"))
    assert page.locator(".invalid-feedback").first.is_visible()
    assert_accessible(page)
    page.locator("[name=indirizzo]").fill("Via Bissuola 32")
    page.locator("[name=comune]").fill("Venezia")
    page.locator("[name=email]").fill("info@bissuola.example.it")
    follow(page.get_by_role("button", name="Salva e continua"))

    # (b) progetto
    assert_accessible(page)
    page.locator("[name=titolo]").fill("Portineria di quartiere")
    page.locator("[name=sintesi]").fill("Un presidio di prossimità.")
    page.locator("[name=obiettivi]").fill("Ridurre l'isolamento.")
    page.locator("[name=destinatari]").fill("Anziani soli")
    page.locator("[name=numero_destinatari]").fill("80")
    page.locator("[name=attivita]").fill("Apertura — gennaio 2027")
    follow(page.get_by_role("button", name="Salva e continua"))

    # (c) budget, left and resumed: the draft keeps what was saved
    assert_accessible(page)
    page.locator("[name=voci-0-categoria]").select_option("personale")
    page.locator("[name=voci-0-descrizione]").fill("Educatore")
    page.locator("[name=voci-0-importo]").fill("12000")
    page.locator("[name=cofinanziamento]").fill("2000")
    follow(page.get_by_role("button", name="Salva la bozza"))
    page.goto(f"{base}/area-personale/candidature/")
    assert_accessible(page)
    follow(page.get_by_role("link", name="Portineria di quartiere"))
    follow(page.get_by_role("link", name="Riprendi la candidatura"))
    follow(page.get_by_role("link", name="3. Budget"))
    assert page.locator("[name=voci-0-importo]").input_value().startswith("12000")
    follow(page.get_by_role("button", name="Salva e continua"))

    # (d) impatto
    assert_accessible(page)
    page.locator("[name=impatto]").fill("Più legami di vicinato.")
    page.locator("[name=indicatori]").fill("Persone raggiunte: 80")
    follow(page.get_by_role("button", name="Salva e continua"))

    # (e) allegati
    assert_accessible(page)
    pdf = tmp_path / "statuto.pdf"
    pdf.write_bytes(PDF_BYTES)
    page.locator("input[type=file]").first.set_input_files(str(pdf))
    follow(page.get_by_role("button", name="Carica").first)
    assert page.get_by_role("link", name="statuto.pdf").is_visible()
    follow(page.get_by_role("button", name="Continua"))

    # (f) invio
    assert_accessible(page)
    page.locator("label[for=id_veridicita]").click()
    page.locator("label[for=id_privacy]").click()
    follow(page.get_by_role("button", name="Presenta la candidatura"))
    assert_accessible(page)
    candidatura = Candidatura.objects.get()
    assert candidatura.stato == Candidatura.Stato.PRESENTATA
    assert candidatura.numero_protocollo in page.content()
    with page.expect_download() as download:
        page.get_by_role("link", name="Scarica la ricevuta (PDF)").click()
    assert download.value.path().read_bytes().startswith(b"%PDF-")


def test_every_wizard_step_passes_axe_on_a_phone(live_server, phone_page, browser_login):
    bando = open_bando()
    user, ente = referente()
    c = complete_draft(bando=bando, user=user, ente=ente)
    browser_login(phone_page, user)
    base = live_server.url
    for path in ("/bandi/", bando.get_absolute_url(), f"{bando.get_absolute_url()}candidatura/"):
        phone_page.goto(f"{base}{path}")
        assert_accessible(phone_page)
        no_sideways_scroll(phone_page)
    for passo in Candidatura.Passo:
        response = phone_page.goto(f"{base}/bandi/{bando.slug}/candidatura/{c.pk}/{passo}/")
        assert response.status == 200
        assert phone_page.get_by_role("heading", level=1).inner_text() == passo.label
        assert_accessible(phone_page)
        no_sideways_scroll(phone_page)
    # with errors next to the fields
    phone_page.goto(f"{base}/bandi/{bando.slug}/candidatura/{c.pk}/ente/")
    phone_page.locator("[name=indirizzo]").fill("")
    phone_page.locator("[name=email]").fill("non-una-email")
    follow(phone_page.get_by_role("button", name="Salva e continua"))
    assert phone_page.locator(".invalid-feedback").first.is_visible()
    assert_accessible(phone_page)


def no_sideways_scroll(page):
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow} px at {page.viewport_size['width']} px"


def test_countdown_ticks_and_flips_to_closed(live_server, phone_page):
    """The page's clock is the test's: it ticks a second, then ten minutes, with no real waiting."""
    bando = open_bando(chiusura=timezone.now() + timedelta(minutes=10))
    phone_page.clock.install()
    phone_page.goto(f"{live_server.url}{bando.get_absolute_url()}")
    countdown = phone_page.locator("[data-countdown]")
    first = countdown.inner_text()
    assert "secondi" in first
    assert_accessible(phone_page)
    phone_page.clock.run_for(1_000)
    assert countdown.inner_text() != first
    assert phone_page.get_by_role("link", name="Presenta la candidatura").is_visible()
    phone_page.clock.run_for("10:00")
    assert phone_page.locator("[data-countdown-status]").inner_text().startswith("Il bando è chiuso")
    assert countdown.inner_text().startswith("Il bando è chiuso")
    assert not phone_page.get_by_role("link", name="Presenta la candidatura").is_visible()


def test_budget_totals_and_limits_follow_the_typing(live_server, page, browser_login):
    bando = open_bando()
    user, ente = referente()
    c = complete_draft(bando=bando, user=user, ente=ente)
    browser_login(page, user)
    page.goto(f"{live_server.url}/bandi/{bando.slug}/candidatura/{c.pk}/budget/")
    page.locator("[name=voci-0-importo]").fill("40000")
    page.locator("[name=voci-1-importo]").fill("")
    page.locator("[name=cofinanziamento]").fill("0")
    assert page.locator("[data-budget-totale]").inner_text() == "40.000,00 €"
    warnings = page.locator("[data-budget-avvisi]")
    assert "supera il massimo di 30.000,00 €" in warnings.inner_text()
    assert "Il cofinanziamento deve coprire almeno il 10%" in warnings.inner_text()
    assert_accessible(page)
    page.locator("[name=cofinanziamento]").fill("12000")
    assert page.locator("[data-budget-richiesto]").inner_text() == "28.000,00 €"
    assert warnings.inner_text() == ""
