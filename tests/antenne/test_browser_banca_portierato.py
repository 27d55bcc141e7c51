"""On a 360 px phone: a member writes to the one offering through the portal and they agree an exchange before
it happens, then both confirm it; an operator sees who asked the antenna for a service and how to reach them."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from antenne import services
from antenne.models import Offerta, Scambio
from tests.antenne.factories import AntennaFactory, OperatoreFactory, SocioFactory
from tests.browser_fixtures import follow
from tests.costellazioni.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

AXE = Axe()


def blocking(page) -> list:
    return [v["id"] for v in AXE.run(page).response["violations"] if v["impact"] in {"serious", "critical"}]


def test_members_write_through_the_portal_and_agree_an_exchange(live_server, phone_page, browser_login):
    page = phone_page
    giulia = SocioFactory(user=UserFactory(first_name="Giulia", last_name="Rossi", email="giulia@example.org"))
    alvise = SocioFactory(user=UserFactory(first_name="Alvise", last_name="Zen", email="alvise@example.org"))
    Offerta.objects.create(socio=alvise, categoria="riparazioni", titolo="Aggiusto biciclette")

    browser_login(page, giulia.user)
    page.goto(f"{live_server.url}/banca-del-tempo/")
    follow(page.get_by_role("link", name="Scrivi a Alvise Z. — Aggiusto biciclette"))
    assert page.get_by_role("heading", name="Scrivi a Alvise Z.").is_visible()
    assert "alvise@example.org" not in page.content()
    assert not blocking(page)
    page.get_by_label("Il tuo messaggio").fill("Ciao! Ho i freni che non tengono: sabato mattina puoi?")
    page.get_by_role("button", name="Invia il messaggio").click()
    page.get_by_text("Messaggio inviato a Alvise Z. attraverso il portale.").wait_for()

    offerta = page.locator("li", has_text="Aggiusto biciclette")
    offerta.get_by_text("Ho ricevuto questo aiuto").click()
    offerta.get_by_label("Che cosa è stato fatto").fill("Sistemare i freni")
    offerta.get_by_label("Quando, se non è ancora avvenuto").fill("2026-12-05")
    offerta.get_by_role("button", name="Proponi lo scambio").click()
    page.get_by_text("Scambio proposto: ora l'altra persona può accettarlo.").wait_for()
    assert page.locator("[data-scambio]").get_by_text("In attesa che l'altra persona accetti.").is_visible()

    browser_login(page, alvise.user)
    page.goto(f"{live_server.url}/area-personale/messaggi/")
    messaggio = page.locator("body").inner_text()
    assert "Giulia R. ti scrive per «Aggiusto biciclette»" in messaggio
    assert "giulia@example.org" not in page.content()
    page.goto(f"{live_server.url}/banca-del-tempo/")
    scambio = page.locator("[data-scambio]", has_text="Sistemare i freni")
    assert "Proposto" in scambio.inner_text() and "5 dicembre 2026" in scambio.inner_text()
    scambio.get_by_role("button", name="Accetta lo scambio").click()
    page.get_by_text("Scambio concordato: dopo che è avvenuto, confermalo.").wait_for()
    scambio = page.locator("[data-scambio]", has_text="Sistemare i freni")
    assert "Concordato" in scambio.inner_text()
    assert not blocking(page)
    scambio.get_by_role("button", name="Conferma che è avvenuto").click()
    page.locator("[data-scambio]", has_text="In attesa dell'altra persona.").wait_for()

    browser_login(page, giulia.user)
    page.goto(f"{live_server.url}/banca-del-tempo/")
    page.locator("[data-scambio]", has_text="Sistemare i freni").get_by_role(
        "button", name="Conferma che è avvenuto"
    ).click()
    page.get_by_text("Scambio confermato.").wait_for()
    assert page.locator("[data-saldo]").inner_text() == "-1"
    assert Scambio.objects.get().stato == Scambio.Stato.CONFERMATO


def test_operator_sees_who_asked_and_how_to_reach_them(live_server, phone_page, browser_login):
    operatore = OperatoreFactory()
    antenna = AntennaFactory(operatore=operatore, nome_pubblico="Edicola di prova")
    persona = UserFactory(first_name="Marta", last_name="Scarpa", email="marta@example.org")
    services.portierato_request(
        antenna=antenna, richiedente=persona, servizio="ritiro_pacchi", descrizione="Pacco", telefono="041 123 4567"
    )
    browser_login(phone_page, operatore.user)
    phone_page.goto(f"{live_server.url}/operatori/")
    richiesta = phone_page.locator("[data-richiedente]")
    assert " ".join(richiesta.inner_text().split()) == "Chiede: Marta Scarpa · 041 123 4567 · marta@example.org"
    assert richiesta.get_by_role("link", name="041 123 4567").get_attribute("href") == "tel:041 123 4567"
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360
    assert not blocking(phone_page)
