"""The booking flow end to end on a phone, staff approval in the admin, and axe on the HUB pages."""

import re
from urllib.parse import quote

import pytest
from django.core import mail

from costellazioni.services.notifications import notify
from hubs.models import Prenotazione
from tests.browser_fixtures import follow
from tests.costellazioni.factories import MembershipFactory, StaffFactory, UserFactory
from tests.costellazioni.test_accessibility import blocking_violations
from tests.hubs.factories import EventoHubFactory, HubFactory, ServizioFactory, SpazioFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def spazio():
    hub = HubFactory(nome="HUB Bissuola", slug="hub-bissuola")
    ServizioFactory(hub=hub, nome="Sportello progetti", slug="sportello-progetti")
    return SpazioFactory(hub=hub, nome="Sala Parco", slug="sala-parco", capienza=40)


@pytest.fixture
def evento(spazio):
    return EventoHubFactory(
        hub=spazio.hub,
        spazio=spazio,
        titolo="Open day delle associazioni",
        slug="open-day",
        accessibilita="Con interprete LIS.",
        link_iscrizione="https://example.it/iscrizione",
    )


def no_tiles(page):
    # No internet here: map tiles fail fast instead of waiting for a timeout; the markers still show.
    page.route(re.compile(r"^https://tile\."), lambda route: route.abort())


def book_first_free_slot(page, live_server, ente_name=None):
    no_tiles(page)
    page.goto(f"{live_server.url}/hub/")
    # The citizen finds the HUB on the map: its marker opens a popup with the link to the HUB page.
    page.locator('.leaflet-marker-icon[title="HUB Bissuola"]').click()
    page.locator(".leaflet-popup-content").get_by_role("link", name="HUB Bissuola").click()
    page.wait_for_url("**/hub/hub-bissuola/")
    assert page.get_by_role("heading", name="Servizi").is_visible()
    assert page.get_by_text("Sportello progetti").first.is_visible()
    assert page.get_by_role("heading", name="Orari").is_visible()
    assert page.get_by_text("lunedì").first.is_visible()
    page.get_by_role("link", name="Prenota Sala Parco").click()
    page.get_by_role("link", name="Settimana successiva").click()
    page.wait_for_selector("a[data-slot]")
    page.locator("a[data-slot]").first.click()
    page.wait_for_url("**inizio=**")
    if ente_name:
        page.get_by_label("Per conto dell'ente").select_option(label=ente_name)
    page.get_by_label("Attività prevista").fill("Assemblea dei soci")
    page.get_by_label("Partecipanti previsti").fill("20")
    page.get_by_role("button", name="Invia la richiesta").click()


def test_book_approve_and_refuse_overlap(live_server, phone_page, page, browser_login, spazio):
    staff = StaffFactory()
    membership = MembershipFactory(verified=True, ente__verified=True, ente__denominazione="APS Parco Bissuola")
    browser_login(phone_page, membership.user)

    book_first_free_slot(phone_page, live_server, ente_name="APS Parco Bissuola")

    phone_page.wait_for_url(re.compile(r"/area-personale/prenotazioni/(#.*)?$"))
    assert phone_page.get_by_text("Richiesta inviata").is_visible()
    prenotazione = Prenotazione.objects.get()
    assert prenotazione.stato == Prenotazione.Stato.RICHIESTA and prenotazione.ente == membership.ente

    # Staff are told, and their message leads to the queue in the admin, where they approve the request.
    browser_login(page, staff)
    page.goto(f"{live_server.url}/area-personale/messaggi/")
    message = page.locator("article", has_text="Nuova richiesta di prenotazione: Sala Parco")
    message.get_by_role("link", name=re.compile("^Apri")).click()
    page.wait_for_url("**/admin/hubs/prenotazione/?stato__exact=richiesta")
    page.locator(f'input[name="_selected_action"][value="{prenotazione.pk}"]').check()
    page.locator('select[name="action"]').select_option("confirm")
    page.locator('button[name="index"]').first.click()
    page.wait_for_selector(".messagelist")
    prenotazione.refresh_from_db()
    assert prenotazione.stato == Prenotazione.Stato.CONFERMATA

    # One confirmation e-mail, with the calendar event attached.
    to_member = [m for m in mail.outbox if m.to == [membership.user.email]]
    assert [m.subject.split(":")[0] for m in to_member] == [
        "[Costellazioni civiche] Richiesta di prenotazione ricevuta",
        "[Costellazioni civiche] Prenotazione confermata",
    ]
    [(name, _content, mimetype)] = to_member[1].attachments
    assert name == "prenotazione.ics" and mimetype == "text/calendar"

    # The member finds the same file in their messages.
    phone_page.goto(f"{live_server.url}/area-personale/messaggi/")
    with phone_page.expect_download() as download:
        phone_page.get_by_role("link", name="prenotazione.ics").click()
    assert download.value.suggested_filename == "prenotazione.ics"

    # A second person asks for the same slot: refused, with the reason next to the field.
    other = UserFactory()
    phone_page.context.clear_cookies()
    browser_login(phone_page, other)
    phone_page.goto(f"{live_server.url}{spazio.get_absolute_url()}?inizio={quote(prenotazione.inizio.isoformat())}")
    phone_page.get_by_label("Attività prevista").fill("Festa di compleanno")
    phone_page.get_by_label("Partecipanti previsti").fill("10")
    follow(phone_page.get_by_role("button", name="Invia la richiesta"))
    assert phone_page.get_by_text("Lo spazio è già prenotato in questo orario.").first.is_visible()
    assert Prenotazione.objects.count() == 1


def test_an_event_from_the_hub_page_to_the_calendar(live_server, phone_page, evento):
    no_tiles(phone_page)
    phone_page.goto(f"{live_server.url}/hub/hub-bissuola/")
    phone_page.get_by_role("link", name="Open day delle associazioni").click()
    phone_page.wait_for_url(f"**{evento.get_absolute_url()}")
    assert phone_page.get_by_text("Con interprete LIS.").is_visible()
    with phone_page.expect_download() as download:
        phone_page.get_by_role("link", name=re.compile("^Aggiungi al calendario")).click()
    assert download.value.suggested_filename == "open-day.ics"


@pytest.mark.parametrize("viewport", ["page", "phone_page"])
def test_axe_on_hub_pages_and_booking_form(live_server, request, browser_login, spazio, evento, viewport):
    page = request.getfixturevalue(viewport)
    no_tiles(page)
    user = UserFactory()
    notify(
        destinatari=[user],
        tipo="prenotazione",
        oggetto="Prenotazione confermata",
        testo="La sala è tua.",
        allegati=[("prenotazione.ics", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")],
    )
    browser_login(page, user)
    for path in [
        "/",
        "/hub/",
        "/hub/hub-bissuola/",
        "/hub/hub-bissuola/servizi/sportello-progetti/",
        evento.get_absolute_url(),
        spazio.get_absolute_url(),
        "/area-personale/prenotazioni/",
        "/area-personale/messaggi/",
    ]:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        report = blocking_violations(page)
        assert not report, f"{path} at {page.viewport_size['width']} px:\n{report}"
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= page.viewport_size["width"], f"{path} scrolls sideways: {width} px"
