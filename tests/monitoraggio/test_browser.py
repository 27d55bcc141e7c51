"""The public dashboard in Chromium: charts drawn, tables beside them, axe clean, no sideways scroll."""

import re
from datetime import date

import pytest

from monitoraggio.models import Report
from tests.costellazioni.test_accessibility import blocking_violations
from tests.monitoraggio.test_views import fill

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.mark.parametrize("viewport", ["page", "phone_page"])
def test_public_dashboard_and_reports(live_server, request, viewport):
    page = request.getfixturevalue(viewport)
    page.route(re.compile(r"^https://tile\."), lambda route: route.abort())
    fill(months=6, quartieri=4)
    Report.objects.create(
        tipo="trimestrale",
        periodo_inizio=date(2026, 7, 1),
        periodo_fine=date(2026, 9, 30),
        stato="pronto",
        pubblicato=True,
    )
    for path in ["/monitoraggio/", "/monitoraggio/report/", "/dati-aperti/"]:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        if path == "/monitoraggio/":
            page.wait_for_function("window.Chart && Object.keys(Chart.instances).length > 0")
            assert page.locator("canvas[data-chart]").count() == page.evaluate("Object.keys(Chart.instances).length")
            page.get_by_text("Tabella dei valori mensili").first.click()
            assert page.get_by_role("table", name=re.compile("Andamento mensile")).first.is_visible()
            assert page.locator("#monitoraggio-mappa").is_visible()
        report = blocking_violations(page)
        assert not report, f"{path} at {page.viewport_size['width']} px:\n{report}"
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= page.viewport_size["width"], f"{path} scrolls sideways: {width} px"


@pytest.mark.parametrize("viewport", ["page", "phone_page"])
def test_staff_follow_a_need_from_the_dashboard_to_its_chain(live_server, request, viewport, browser_login):
    from tests.costellazioni.factories import StaffFactory
    from tests.monitoraggio.test_catena import need

    page = request.getfixturevalue(viewport)
    bisogno, antenna = need()
    browser_login(page, StaffFactory())
    page.goto(f"{live_server.url}/monitoraggio/staff/")
    page.get_by_label("Catena di un bisogno: numero del bisogno").fill(str(bisogno.pk))
    page.get_by_role("button", name="Segui la catena").click()
    page.get_by_role("heading", name=f"Catena del bisogno n. {bisogno.pk}").wait_for()
    assert (
        page.get_by_role("link", name=str(antenna)).get_attribute("href")
        == f"/admin/antenne/antenna/{antenna.pk}/change/"
    )
    report = blocking_violations(page)
    assert not report, f"need chain at {page.viewport_size['width']} px:\n{report}"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"the need chain scrolls sideways: {width} px"
