"""Keyboard-only journeys (Playwright presses keys, never clicks): each asserts where focus is after every
step that changes the page — a new page, an htmx swap, a rejected submit."""

import re

import pytest

from antenne.models import Attivita
from costellazioni.models import ValutazionePagina
from hubs.models import Prenotazione
from tests.antenne.factories import OperatoreFactory
from tests.contributi.factories import complete_draft, open_bando, referente
from tests.costellazioni.factories import DEFAULT_PASSWORD, UserFactory
from tests.hubs.factories import HubFactory, SpazioFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ACTIVE = """() => {
  const el = document.activeElement;
  return {tag: el.tagName.toLowerCase(), id: el.id, name: el.getAttribute("name") || "",
          text: (el.innerText || "").trim().replace(/\\s+/g, " ").slice(0, 120),
          errorSummary: el.hasAttribute("data-error-summary")};
}"""


def active(page) -> dict:
    return page.evaluate(ACTIVE)


def tab_to(page, selector, *, key="Tab", limit=250):
    """Press Tab (or Shift+Tab) until the focused element matches ``selector``; fail if it is never reached."""
    for _ in range(limit):
        page.keyboard.press(key)
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return active(page)
    raise AssertionError(f"{selector} cannot be reached with {key}; focus is on {active(page)}")


def assert_focus_at_page_start(page):
    """After a page load focus is on the document, and the first Tab reaches the skip link."""
    assert active(page)["tag"] == "body", page.evaluate("() => document.activeElement.outerHTML.slice(0, 2000)")
    page.keyboard.press("Tab")
    assert active(page)["text"] == "Vai al contenuto"


def test_sign_in_from_the_home_page(live_server, page):
    user = UserFactory(email="giulia.zen@example.it", first_name="Giulia")
    page.goto(f"{live_server.url}/")
    assert_focus_at_page_start(page)

    tab_to(page, '[data-element="personal-area-login"]')
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/accounts/login/"))
    assert_focus_at_page_start(page)

    tab_to(page, '[name="login"]')
    page.keyboard.type(user.email)
    page.keyboard.press("Tab")
    assert active(page)["name"] == "password"
    page.keyboard.type(DEFAULT_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/area-personale/$"))
    assert active(page)["tag"] == "body", page.evaluate("() => document.activeElement.outerHTML.slice(0, 2000)")
    assert page.get_by_role("heading", level=1).is_visible()


def test_rating_widget_by_keyboard(live_server, page):
    page.goto(f"{live_server.url}/il-progetto/")
    first = tab_to(page, '[name="stelle"]')
    assert first["id"] == "rating-stelle-1", "Tab enters the stars at one star"

    xs = [page.locator(f'label[for="rating-stelle-{n}"]').bounding_box()["x"] for n in range(1, 6)]
    assert xs == sorted(xs), "the stars run 1 → 5 from left to right"

    for expected in (2, 3, 4):
        page.keyboard.press("ArrowRight")
        assert active(page)["id"] == f"rating-stelle-{expected}"
    page.keyboard.press("ArrowLeft")
    assert active(page)["id"] == "rating-stelle-3"
    assert page.locator('[name="stelle"]:checked').get_attribute("value") == "3"
    # Stars up to the chosen one are filled, the others are outlines.
    for n in range(1, 6):
        label = page.locator(f'label[for="rating-stelle-{n}"]')
        assert label.locator(".portal-star-full").is_visible() is (n <= 3)
        assert label.locator(".portal-star-outline").is_visible() is (n > 3)

    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert active(page)["id"] == "rating-stelle-5"
    tab_to(page, '[name="aspetto"]')
    assert page.evaluate("() => !!document.activeElement.closest('[data-rating-side=positive]')"), (
        "with five stars Tab reaches the aspects one preferred"
    )
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    assert active(page)["id"] == "rating-commento"
    page.keyboard.type("Chiaro e completo.")
    page.keyboard.press("Tab")
    assert active(page)["text"] == "Invia la valutazione"
    page.keyboard.press("Enter")

    page.wait_for_selector("#rating-feedback")
    assert active(page)["id"] == "rating-feedback", "after the swap focus is on the answer's heading"
    page.wait_for_function("() => document.getElementById('portal-live-region').textContent.startsWith('Grazie')")
    valutazione = ValutazionePagina.objects.get()
    assert (valutazione.pagina, valutazione.stelle, valutazione.commento) == ("/il-progetto/", 5, "Chiaro e completo.")


def test_booking_a_space_across_a_week_change(live_server, page, browser_login):
    hub = HubFactory(nome="HUB Bissuola", slug="hub-bissuola")
    spazio = SpazioFactory(hub=hub, nome="Sala Parco", slug="sala-parco", capienza=40)
    user = UserFactory()
    browser_login(page, user)
    page.goto(f"{live_server.url}{spazio.get_absolute_url()}")
    assert_focus_at_page_start(page)
    first_week = page.locator("#calendario-title").inner_text()

    assert tab_to(page, "#calendario a[hx-get]")["text"] == "Settimana successiva"
    page.keyboard.press("Enter")
    page.wait_for_function("(t) => document.getElementById('calendario-title').innerText !== t", arg=first_week)
    heading = active(page)
    assert heading["id"] == "calendario-title", "after the swap focus is on the new week's heading"
    assert heading["text"] != first_week
    page.wait_for_function(
        "(t) => document.getElementById('portal-live-region').textContent === t", arg=heading["text"]
    )
    page.keyboard.press("Tab")
    assert active(page)["text"] == "Settimana precedente", "the next Tab stays in the new week"

    slot = tab_to(page, "a[data-slot]")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"inizio="))
    assert active(page)["tag"] == "body", page.evaluate("() => document.activeElement.outerHTML.slice(0, 2000)")
    page.keyboard.press("Tab")
    assert page.evaluate("() => !!document.activeElement.closest('form[method=post]')"), (
        f"after the slot ({slot['text']}) the next Tab is in the booking form, not at the top of the page"
    )

    tab_to(page, '[name="partecipanti"]')
    page.keyboard.type("20")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # "Attività prevista" is still empty: the server refuses the request
    # focus.js moves focus once the page has loaded (after the browser's scroll to #modulo).
    page.wait_for_function("() => document.activeElement !== document.body")
    assert active(page)["errorSummary"], "after a refused submit focus is on the error summary"
    page.keyboard.press("Tab")
    assert active(page)["text"].startswith("Attività prevista")
    page.keyboard.press("Enter")
    assert active(page)["name"] == "scopo", "the summary's link moves focus to its field"
    page.keyboard.type("Assemblea dei soci")
    assert tab_to(page, "main form[method=post] button[type=submit]")["text"] == "Invia la richiesta"
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "inizio=" not in url)
    assert active(page)["tag"] == "body", page.evaluate("() => document.activeElement.outerHTML.slice(0, 2000)")
    prenotazione = Prenotazione.objects.get()
    assert (prenotazione.spazio, prenotazione.scopo, prenotazione.partecipanti) == (spazio, "Assemblea dei soci", 20)


def test_field_log_on_a_phone(live_server, phone_page, browser_login):
    page = phone_page
    operatore = OperatoreFactory(quartieri=[])  # no quartiere to suggest: the field starts empty
    browser_login(page, operatore.user)
    page.goto(f"{live_server.url}/operatori/attivita/nuova/")
    assert_focus_at_page_start(page)

    tab_to(page, '[name="persone_raggiunte"]')
    page.keyboard.press("Control+A")
    page.keyboard.type("4")
    assert tab_to(page, "[data-attivita-form] button[type=submit]")["text"] == "Registra l'attività"
    page.keyboard.press("Enter")  # the quartiere is missing: the server answers with the errors

    page.wait_for_selector("#js-error-quartiere")
    field = active(page)
    assert field["name"] == "quartiere", "after the refused submit focus is on the first field to correct"
    quartiere = page.locator('[name="quartiere"]')
    assert quartiere.get_attribute("aria-invalid") == "true"
    described = quartiere.get_attribute("aria-describedby").split()
    assert "js-error-quartiere" in described
    assert any(
        page.locator(f"#{id_}").inner_text() == "Suggerito dalla posizione, se la condividi." for id_ in described
    ), "the error is added to the field's help text, not put in its place"

    page.keyboard.press("ArrowDown")  # a closed select takes the next option
    assert quartiere.input_value() != ""
    tab_to(page, "[data-attivita-form] button[type=submit]")
    page.keyboard.press("Enter")
    page.get_by_text("Attività registrata.").wait_for()
    assert active(page)["name"] == "tipo", "the form is ready for the next activity, focus on its first field"
    assert quartiere.get_attribute("aria-invalid") is None
    attivita = Attivita.objects.get()
    assert (attivita.operatore, attivita.persone_raggiunte) == (operatore, 4)


def press_button(page, text):
    """Tab to the page's button (or link styled as one) named ``text`` and press Enter, waiting for the new page."""
    for _ in range(250):
        page.keyboard.press("Tab")
        if active(page)["text"] == text:
            break
    else:
        raise AssertionError(f"no button {text!r} reachable with Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state("load")


def test_grant_wizard_up_to_the_summary(live_server, page, browser_login):
    bando = open_bando()
    user, ente = referente()
    candidatura = complete_draft(bando=bando, user=user, ente=ente)
    browser_login(page, user)
    page.goto(f"{live_server.url}/bandi/{bando.slug}/candidatura/{candidatura.pk}/ente/")
    assert_focus_at_page_start(page)

    tab_to(page, '[name="indirizzo"]')
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    press_button(page, "Salva e continua")  # the address is required: the step is refused
    page.wait_for_function("() => document.activeElement !== document.body")
    assert active(page)["errorSummary"], "after a refused step focus is on the error summary"
    page.keyboard.press("Tab")
    assert active(page)["text"].startswith("Indirizzo")
    page.keyboard.press("Enter")
    assert active(page)["name"] == "indirizzo", "the summary's link moves focus to its field"
    page.keyboard.type("Via Bissuola 32")

    steps = [
        ("Progetto", "Salva e continua", {}),
        (
            "Budget",
            "Salva e continua",
            {
                "obiettivi": "Ridurre l'isolamento.",
                "destinatari": "Anziani soli",
                "numero_destinatari": "80",
                "attivita": "Apertura — gennaio 2027",
            },
        ),
        ("Impatto e indicatori", "Salva e continua", {}),
        ("Allegati", "Salva e continua", {"impatto": "Più legami di vicinato.", "indicatori": "Persone raggiunte: 80"}),
        ("Riepilogo e invio", "Continua", {}),
    ]
    for step, button, typed_before in steps:
        for name, text in typed_before.items():
            tab_to(page, f'[name="{name}"]')
            page.keyboard.press("Control+A")
            page.keyboard.type(text)
        press_button(page, button)
        assert_focus_at_page_start(page)
        assert page.get_by_role("heading", level=1).inner_text() == step, f"after {button!r} the step is {step}"

    assert page.get_by_role("heading", name="Riepilogo", exact=True).is_visible()
    candidatura.refresh_from_db()
    assert candidatura.dati_ente["indirizzo"] == "Via Bissuola 32"


def test_hub_map_controls_in_italian_and_esc_closes_a_popup(live_server, page):
    page.route(re.compile(r"^https://tile\."), lambda route: route.abort())  # no internet here
    HubFactory(nome="HUB Bissuola", slug="hub-bissuola")
    page.goto(f"{live_server.url}/hub/")
    assert page.locator(".leaflet-control-zoom-in").get_attribute("title") == "Ingrandisci la mappa"
    assert page.locator(".leaflet-control-zoom-out").get_attribute("title") == "Riduci la mappa"

    tab_to(page, '.leaflet-marker-icon[title="HUB Bissuola"]')
    page.keyboard.press("Enter")
    close = page.locator(".leaflet-popup-close-button")
    close.wait_for()
    assert close.get_attribute("aria-label") == "Chiudi il riquadro"
    page.keyboard.press("Tab")
    assert active(page)["text"] in {"HUB Bissuola", "×"}, "Tab goes into the open popup"
    page.keyboard.press("Escape")
    page.locator(".leaflet-popup").wait_for(state="detached")
    assert page.evaluate("() => document.activeElement.matches('.leaflet-marker-icon')"), (
        "Esc closes the popup and gives focus back to its marker"
    )
