"""In Chromium: staff publish an approved ranking from the admin; a page names the consequences first, and only
"Sì, confermo" publishes it."""

from datetime import date

import pytest

from contributi import services
from contributi.models import Graduatoria
from tests.contributi.test_admin_conferme import ranked  # noqa: F401  (fixture)
from tests.costellazioni.test_accessibility import blocking_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_publishing_a_ranking_asks_first(live_server, page, browser_login, staff_user, ranked):  # noqa: F811
    services.graduatoria_approve(
        graduatoria=ranked, actor=staff_user, determina_numero="DD 9", determina_data=date(2026, 11, 20)
    )
    browser_login(page, staff_user)
    page.goto(f"{live_server.url}/admin/contributi/graduatoria/")
    page.locator(f"input[name=_selected_action][value='{ranked.pk}']").check()
    page.locator("select[name=action]").select_option("pubblica")
    page.locator(".actions button[name=index]").click()

    assert page.get_by_role("heading", name="Che cosa succede").is_visible()
    assert page.get_by_text("2 candidature ricevono il loro esito").is_visible()
    assert page.get_by_text("L'operazione non può essere annullata.").is_visible()
    assert not blocking_violations(page)
    page.get_by_role("link", name="No, torna indietro").click()
    page.wait_for_url("**/admin/contributi/graduatoria/")
    assert Graduatoria.objects.get(pk=ranked.pk).stato == Graduatoria.Stato.APPROVATA

    page.locator(f"input[name=_selected_action][value='{ranked.pk}']").check()
    page.locator("select[name=action]").select_option("pubblica")
    page.locator(".actions button[name=index]").click()
    page.get_by_role("button", name="Sì, confermo").click()
    page.wait_for_url("**/admin/contributi/graduatoria/")
    assert page.locator(".messagelist .success").is_visible()
    assert Graduatoria.objects.get(pk=ranked.pk).stato == Graduatoria.Stato.PUBBLICATA
