"""In Chromium: staff record an answer on a need's page from a phone; the home shows the open surveys."""

import pytest

from tests.ricerca.factories import BisognoFactory, QuestionarioFactory
from tests.ricerca.test_browser import blocking_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_staff_add_who_answered_a_need_on_a_phone(live_server, phone_page, browser_login):
    from tests.costellazioni.factories import EnteFactory, StaffFactory

    bisogno = BisognoFactory(descrizione="Signora sola al terzo piano senza ascensore")
    EnteFactory(denominazione="Auser Lido")
    browser_login(phone_page, StaffFactory())
    assert phone_page.goto(f"{live_server.url}/ricerca/bisogni/{bisogno.pk}/").status == 200
    phone_page.get_by_role("button", name="Registra la risposta").click()
    phone_page.get_by_text("Questo campo è obbligatorio.").first.wait_for()
    assert blocking_violations(phone_page) == []
    phone_page.get_by_label("Chi ha risposto e come").fill("Le volontarie la chiamano ogni mattina")
    phone_page.get_by_label("Collega a (facoltativo)").select_option(label="Auser Lido")
    phone_page.get_by_role("button", name="Registra la risposta").click()
    phone_page.get_by_text("Risposta registrata.").wait_for()
    assert phone_page.get_by_text("Le volontarie la chiamano ogni mattina").is_visible()
    assert blocking_violations(phone_page) == []


def test_the_home_slot_of_open_surveys_is_accessible_on_a_phone(live_server, phone_page):
    QuestionarioFactory(titolo="Come si vive a Pellestrina", descrizione="Dieci minuti, in forma anonima.")
    assert phone_page.goto(f"{live_server.url}/").status == 200
    slot = phone_page.get_by_role("region", name="Questionari aperti")
    assert slot.get_by_role("link", name="Come si vive a Pellestrina").is_visible()
    assert blocking_violations(phone_page) == []
