"""In Chromium: staff open the admin on "Da fare", see counts and deadlines, and reach the filtered list."""

from datetime import timedelta

import pytest
from django.utils import timezone

from contributi import services
from tests.contributi.factories import SubmittedCandidaturaFactory, with_checklist
from tests.costellazioni.factories import MembershipFactory, StaffFactory
from tests.costellazioni.test_accessibility import blocking_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_staff_open_the_admin_on_their_queue(live_server, page, browser_login):
    staff = StaffFactory()
    MembershipFactory.create_batch(2)
    SubmittedCandidaturaFactory.create_batch(3)
    candidatura = with_checklist(SubmittedCandidaturaFactory())
    services.istruttoria_start(candidatura=candidatura, actor=staff)
    services.integrazioni_request(
        candidatura=candidatura, actor=staff, testo="Serve lo statuto.", scadenza=timezone.now() + timedelta(days=4)
    )
    browser_login(page, staff)
    page.goto(f"{live_server.url}/admin/")

    assert not blocking_violations(page)
    queue = page.locator("#da-fare")
    assert queue.get_by_role("heading", name="Da fare").is_visible()
    soccorso = queue.locator("tr", has_text="Soccorso istruttorio")
    assert soccorso.locator(".work-count").inner_text() == "1"
    assert "tra 4 giorni" in soccorso.inner_text()

    row = queue.locator("tr", has_text="Candidature in attesa di istruttoria")
    assert row.locator(".work-count").inner_text() == "3"
    row.get_by_role("link").click()
    page.wait_for_url("**/admin/contributi/candidatura/?da_fare=istruttoria")
    assert page.locator("#result_list tbody tr").count() == 3
    assert page.locator("#changelist-filter li.selected", has_text="In attesa di istruttoria").is_visible()
