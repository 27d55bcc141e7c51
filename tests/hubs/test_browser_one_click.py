"""A double click on "Invia la richiesta" in Chromium sends one request: the button disables itself."""

import re
from urllib.parse import quote

import pytest

from hubs.models import Prenotazione
from tests.costellazioni.factories import UserFactory
from tests.hubs.factories import SpazioFactory, next_weekday

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_double_click_sends_the_booking_once(live_server, phone_page, browser_login):
    spazio = SpazioFactory(capienza=40)
    person = UserFactory()
    browser_login(phone_page, person)
    inizio = next_weekday(2, hour=10)
    posts = []
    phone_page.on("request", lambda request: posts.append(request.url) if request.method == "POST" else None)

    phone_page.goto(f"{live_server.url}{spazio.get_absolute_url()}?inizio={quote(inizio.isoformat())}")
    phone_page.get_by_label("Attività prevista").fill("Prove del coro")
    phone_page.get_by_label("Partecipanti previsti").fill("12")
    phone_page.get_by_role("button", name="Invia la richiesta").dblclick()
    phone_page.wait_for_url(re.compile(r"/area-personale/prenotazioni/(#.*)?$"))

    assert len(posts) == 1
    assert Prenotazione.objects.filter(richiedente=person).count() == 1
