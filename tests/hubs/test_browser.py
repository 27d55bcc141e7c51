"""The booking flow end to end on a phone, staff approval in the admin, and axe on the HUB pages."""

import re
from urllib.parse import quote

import pytest
from django.core import mail

from hubs.models import Prenotazione
from tests.costellazioni.factories import MembershipFactory, StaffFactory, UserFactory
from tests.costellazioni.test_accessibility import blocking_violations
from tests.hubs.factories import HubFactory, ServizioFactory, SpazioFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def spazio():
    hub = HubFactory(nome="HUB Bissuola", slug="hub-bissuola")
    ServizioFactory(hub=hub, nome="Sportello progetti", slug="sportello-progetti")
    return SpazioFactory(hub=hub, nome="Sala Parco", slug="sala-parco", capienza=40)


def book_first_free_slot(page, live_server, ente_name=None):
    page.goto(f"{live_server.url}/hub/")
    page.get_by_role("link", name="HUB Bissuola").click()
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
    membership = MembershipFactory(verified=True, ente__verified=True, ente__denominazione="APS Parco Bissuola")
    browser_login(phone_page, membership.user)

    book_first_free_slot(phone_page, live_server, ente_name="APS Parco Bissuola")

    phone_page.wait_for_url(re.compile(r"/area-personale/prenotazioni/(#.*)?$"))
    assert phone_page.get_by_text("Richiesta inviata").is_visible()
    prenotazione = Prenotazione.objects.get()
    assert prenotazione.stato == Prenotazione.Stato.RICHIESTA and prenotazione.ente == membership.ente

    # Staff approve it in the admin.
    browser_login(page, StaffFactory())
    page.goto(f"{live_server.url}/admin/hubs/prenotazione/?stato__exact=richiesta")
    page.locator(f'input[name="_selected_action"][value="{prenotazione.pk}"]').check()
    page.locator('select[name="action"]').select_option("confirm")
    page.locator('button[name="index"]').first.click()
    page.wait_for_selector(".messagelist")
    prenotazione.refresh_from_db()
    assert prenotazione.stato == Prenotazione.Stato.CONFERMATA
    ics = [m for m in mail.outbox if m.attachments]
    assert ics and ics[0].to == [membership.user.email]

    # A second person asks for the same slot: refused, with the reason next to the field.
    other = UserFactory()
    phone_page.context.clear_cookies()
    browser_login(phone_page, other)
    phone_page.goto(f"{live_server.url}{spazio.get_absolute_url()}?inizio={quote(prenotazione.inizio.isoformat())}")
    phone_page.get_by_label("Attività prevista").fill("Festa di compleanno")
    phone_page.get_by_label("Partecipanti previsti").fill("10")
    phone_page.get_by_role("button", name="Invia la richiesta").click()
    assert phone_page.get_by_text("Lo spazio è già prenotato in questo orario.").first.is_visible()
    assert Prenotazione.objects.count() == 1


@pytest.mark.parametrize("viewport", ["page", "phone_page"])
def test_axe_on_hub_pages_and_booking_form(live_server, request, browser_login, spazio, viewport):
    page = request.getfixturevalue(viewport)
    browser_login(page, UserFactory())
    for path in [
        "/hub/",
        "/hub/hub-bissuola/",
        "/hub/hub-bissuola/servizi/sportello-progetti/",
        spazio.get_absolute_url(),
        "/area-personale/prenotazioni/",
    ]:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        report = blocking_violations(page)
        assert not report, f"{path} at {page.viewport_size['width']} px:\n{report}"
