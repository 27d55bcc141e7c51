"""On a phone, a referente answers a request for additional documents with a PDF and sends observations on a
preavviso di rigetto; axe finds no serious or critical violation on either page, nor on the evaluator's pages."""

from datetime import timedelta

import pytest
from django.utils import timezone

from contributi import services
from contributi.models import Candidatura, Preavviso
from tests.browser_fixtures import follow
from tests.contributi.factories import (
    PDF_BYTES,
    SubmittedCandidaturaFactory,
    board,
    in_valutazione,
    referente,
    with_checklist,
)
from tests.costellazioni.factories import StaffFactory
from tests.costellazioni.test_accessibility import blocking_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def assert_accessible(page):
    report = blocking_violations(page)
    assert not report, f"{page.url}:\n{report}"


def test_referente_answers_integrations_and_preavviso_on_a_phone(live_server, phone_page, browser_login, tmp_path):
    page = phone_page
    staff = StaffFactory()
    user, ente = referente()
    c = with_checklist(SubmittedCandidaturaFactory(ente=ente, titolo="Portineria di quartiere"))
    c = services.istruttoria_start(candidatura=c, actor=staff)
    services.integrazioni_request(
        candidatura=c, actor=staff, testo="Inviate lo statuto firmato.", scadenza=timezone.now() + timedelta(days=7)
    )
    browser_login(page, user)

    page.goto(f"{live_server.url}{c.get_absolute_url()}")
    assert_accessible(page)
    follow(page.get_by_role("link", name="Rispondi e invia i documenti"))
    assert_accessible(page)
    # an empty reply is refused next to the form, nothing is lost
    follow(page.get_by_role("button", name="Invia le integrazioni"))
    assert page.get_by_text("Scrivi una risposta o allega almeno un documento.").is_visible()
    assert_accessible(page)
    pdf = tmp_path / "statuto-firmato.pdf"
    pdf.write_bytes(PDF_BYTES)
    page.get_by_label("Risposta").fill("Alleghiamo lo statuto firmato dal presidente.")
    page.get_by_label("Documenti (PDF)").set_input_files(str(pdf))
    follow(page.get_by_role("button", name="Invia le integrazioni"))
    assert page.get_by_text("Integrazioni inviate: l'istruttoria riprende.").is_visible()
    assert page.get_by_role("link", name="statuto-firmato.pdf").is_visible()
    c.refresh_from_db()
    assert c.stato == Candidatura.Stato.IN_ISTRUTTORIA

    services.preavviso_send(candidatura=c, actor=staff, motivi="La sede non è nel territorio comunale.")
    page.goto(f"{live_server.url}{c.get_absolute_url()}")
    assert_accessible(page)
    follow(page.get_by_role("link", name="Invia le osservazioni"))
    assert_accessible(page)
    page.get_by_label("Osservazioni").fill("La sede operativa è a Mestre, via Piave 12.")
    follow(page.get_by_role("button", name="Invia le osservazioni"))
    assert page.get_by_text("Osservazioni inviate").first.is_visible()
    assert Preavviso.objects.get(candidatura=c).osservazioni_il is not None


def test_evaluator_pages_on_a_phone(live_server, phone_page, browser_login):
    page = phone_page
    staff = StaffFactory()
    c = SubmittedCandidaturaFactory(titolo="Orti che curano")
    (membro,) = board(c.bando, size=1)
    c = in_valutazione(c, staff=staff, membri=[membro], declare=False)
    browser_login(page, membro.utente)
    page.goto(f"{live_server.url}/area-personale/valutazioni/")
    assert_accessible(page)
    follow(page.get_by_role("link", name="Orti che curano"))
    assert_accessible(page)
    page.locator("label[for=id_conflitto_0]").click()
    follow(page.get_by_role("button", name="Registra la dichiarazione"))
    assert_accessible(page)
    for criterio in c.bando.criteri.all():
        page.locator(f"[name=punti_{criterio.pk}]").fill("20")
    follow(page.get_by_role("button", name="Invia la scheda"))
    assert page.get_by_role("heading", name="Vuoi inviare la scheda?").is_visible()
    assert page.get_by_text("L'invio non può essere annullato").is_visible()
    assert_accessible(page)
    follow(page.get_by_role("button", name="Sì, invia la scheda"))
    assert page.get_by_text("Scheda inviata.").is_visible()
    assert_accessible(page)
