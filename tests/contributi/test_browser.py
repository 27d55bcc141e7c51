"""A referente fills every wizard step in Chromium, uploads a PDF, submits and downloads the receipt; axe throughout."""

import pytest

from contributi.models import Candidatura
from tests.contributi.factories import PDF_BYTES, open_bando, referente
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
    page.get_by_role("link", name="Presenta la candidatura").click()
    assert_accessible(page)
    page.get_by_role("button", name="Inizia o riprendi la candidatura").click()

    # (a) ente: an empty required field is refused next to the field, then accepted
    page.locator("[name=indirizzo]").fill("")
    page.get_by_role("button", name="Salva e continua").click()
    assert page.locator(".invalid-feedback").first.is_visible()
    assert_accessible(page)
    page.locator("[name=indirizzo]").fill("Via Bissuola 32")
    page.locator("[name=comune]").fill("Venezia")
    page.locator("[name=email]").fill("info@bissuola.example.it")
    page.get_by_role("button", name="Salva e continua").click()

    # (b) progetto
    assert_accessible(page)
    page.locator("[name=titolo]").fill("Portineria di quartiere")
    page.locator("[name=sintesi]").fill("Un presidio di prossimità.")
    page.locator("[name=obiettivi]").fill("Ridurre l'isolamento.")
    page.locator("[name=destinatari]").fill("Anziani soli")
    page.locator("[name=numero_destinatari]").fill("80")
    page.locator("[name=attivita]").fill("Apertura — gennaio 2027")
    page.get_by_role("button", name="Salva e continua").click()

    # (c) budget, left and resumed: the draft keeps what was saved
    assert_accessible(page)
    page.locator("[name=voci-0-categoria]").select_option("personale")
    page.locator("[name=voci-0-descrizione]").fill("Educatore")
    page.locator("[name=voci-0-importo]").fill("12000")
    page.locator("[name=cofinanziamento]").fill("2000")
    page.get_by_role("button", name="Salva la bozza").click()
    page.goto(f"{base}/area-personale/candidature/")
    assert_accessible(page)
    page.get_by_role("link", name="Portineria di quartiere").click()
    page.get_by_role("link", name="Riprendi la candidatura").click()
    page.get_by_role("link", name="3. Budget").click()
    assert page.locator("[name=voci-0-importo]").input_value().startswith("12000")
    page.get_by_role("button", name="Salva e continua").click()

    # (d) impatto
    assert_accessible(page)
    page.locator("[name=impatto]").fill("Più legami di vicinato.")
    page.locator("[name=indicatori]").fill("Persone raggiunte: 80")
    page.get_by_role("button", name="Salva e continua").click()

    # (e) allegati
    assert_accessible(page)
    pdf = tmp_path / "statuto.pdf"
    pdf.write_bytes(PDF_BYTES)
    page.locator("input[type=file]").first.set_input_files(str(pdf))
    page.get_by_role("button", name="Carica").first.click()
    assert page.get_by_role("link", name="statuto.pdf").is_visible()
    page.get_by_role("button", name="Continua").click()

    # (f) invio
    assert_accessible(page)
    page.locator("label[for=id_veridicita]").click()
    page.locator("label[for=id_privacy]").click()
    page.get_by_role("button", name="Presenta la candidatura").click()
    assert_accessible(page)
    candidatura = Candidatura.objects.get()
    assert candidatura.stato == Candidatura.Stato.PRESENTATA
    assert candidatura.numero_protocollo in page.content()
    with page.expect_download() as download:
        page.get_by_role("link", name="Scarica la ricevuta (PDF)").click()
    assert download.value.path().read_bytes().startswith(b"%PDF-")
