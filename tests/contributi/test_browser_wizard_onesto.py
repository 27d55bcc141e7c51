"""In Chromium, at 1280 and 360 px: a budget short of co-financing is not called complete and its error shows on
its own step; the summary lists what will be sent and offers the PDF preview; the submitted copy can be reread."""

import pytest
from pypdf import PdfReader

from contributi import services
from contributi.models import Candidatura
from tests.browser_fixtures import follow
from tests.contributi.factories import complete_draft, open_bando, referente
from tests.contributi.test_browser import assert_accessible, no_sideways_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.mark.parametrize("device", ["page", "phone_page"])
def test_a_failing_budget_is_not_marked_complete(live_server, browser_login, request, device):
    page = request.getfixturevalue(device)
    bando = open_bando()
    user, ente = referente()
    c = complete_draft(bando=bando, user=user, ente=ente)
    browser_login(page, user)
    page.goto(f"{live_server.url}/bandi/{bando.slug}/candidatura/{c.pk}/budget/")
    budget_item = page.locator("nav li", has_text="3. Budget")
    assert "(completato)" in budget_item.inner_text()

    page.locator("[name=voci-0-importo]").fill("20000")
    page.locator("[name=cofinanziamento]").fill("500")
    page.get_by_role("button", name="Salva e continua").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Budget"
    errori = page.locator("[data-errori-passo]")
    assert "almeno il 10% del costo totale" in errori.inner_text()
    assert "(completato)" not in budget_item.inner_text()
    assert "(da correggere)" in budget_item.inner_text()
    assert page.locator("[name=cofinanziamento]").input_value().startswith("500")  # nothing typed is lost
    assert_accessible(page)
    no_sideways_scroll(page)

    # The summary says so too, and nothing is submitted.
    follow(page.get_by_role("link", name="6. Riepilogo e invio"))
    assert "almeno il 10% del costo totale" in page.get_by_role("alert").first.inner_text()


@pytest.mark.parametrize("device", ["page", "phone_page"])
def test_summary_preview_and_the_submitted_copy(live_server, browser_login, request, device):
    page = request.getfixturevalue(device)
    bando = open_bando()
    user, ente = referente()
    c = complete_draft(bando=bando, user=user, ente=ente)
    services.candidatura_mark_step(candidatura=c, actor=user, passo=Candidatura.Passo.ALLEGATI)
    browser_login(page, user)
    page.goto(f"{live_server.url}/bandi/{bando.slug}/candidatura/{c.pk}/invio/")
    budget = page.locator("[data-contenuto-budget]")
    assert "Educatore" in budget.inner_text() and "Attrezzature" in budget.inner_text()
    assert page.locator("[data-contenuto-totale]").inner_text() == "15.000,00 €"
    assert "statuto.pdf" in page.locator("[data-contenuto-allegati]").inner_text()
    assert_accessible(page)
    no_sideways_scroll(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Scarica anteprima PDF").click()
    reader = PdfReader(download.value.path())
    assert all("BOZZA" in p.extract_text() for p in reader.pages)

    page.locator("label[for=id_veridicita]").click()
    page.locator("label[for=id_privacy]").click()
    follow(page.get_by_role("button", name="Presenta la candidatura"))
    follow(page.get_by_role("link", name="Leggi la candidatura presentata"))
    assert page.get_by_role("heading", level=1).inner_text() == "Candidatura presentata"
    c.refresh_from_db()
    assert c.numero_protocollo in page.content()
    assert page.locator("[data-contenuto-totale]").inner_text() == "15.000,00 €"
    assert_accessible(page)
    no_sideways_scroll(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Scarica la candidatura (PDF)").click()
    text = "".join(p.extract_text() for p in PdfReader(download.value.path()).pages)
    assert c.numero_protocollo in text and "BOZZA" not in text
