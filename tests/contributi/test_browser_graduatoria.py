"""In Chromium: the published ranking and the applicant's scores, on a desktop and on a phone; axe on each page."""

import re
from datetime import date

import pytest

from contributi import services
from tests.contributi.factories import board, closed_bando, evaluated, referente
from tests.costellazioni.factories import StaffFactory
from tests.costellazioni.test_accessibility import blocking_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def published():
    staff = StaffFactory()
    bando = closed_bando()
    membri = board(bando, size=2)
    user, ente = referente()
    prima = evaluated(bando, staff=staff, membri=membri, points=[[35, 45], [33, 47]], titolo="Orti in rete", ente=ente)
    evaluated(bando, staff=staff, membri=membri, points=[[30, 40], [28, 42]], titolo="Cortili aperti")
    graduatoria = services.graduatoria_compute(bando=bando, actor=staff)
    graduatoria = services.graduatoria_approve(
        graduatoria=graduatoria, actor=staff, determina_numero="DD 2026/77", determina_data=date(2026, 11, 20)
    )
    services.graduatoria_publish(graduatoria=graduatoria, actor=staff)
    return bando, prima, user


@pytest.mark.parametrize("viewport", ["page", "phone_page"])
def test_published_ranking_and_the_applicants_scores_are_accessible(
    live_server, request, browser_login, published, viewport
):
    page = request.getfixturevalue(viewport)
    bando, prima, user = published

    page.goto(f"{live_server.url}/bandi/{bando.slug}/")
    page.get_by_role("link", name="graduatoria", exact=False).first.click()
    page.wait_for_url(f"**/bandi/{bando.slug}/graduatoria/")
    assert page.get_by_role("cell", name="Orti in rete").is_visible()
    assert page.get_by_text("DD 2026/77").first.is_visible()
    report = blocking_violations(page)
    assert not report, f"{page.url} at {page.viewport_size['width']} px:\n{report}"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    browser_login(page, user)
    page.goto(f"{live_server.url}{prima.get_absolute_url()}")
    esito = page.locator("section", has=page.get_by_role("heading", name="Esito della valutazione"))
    assert re.search(r"Posizione in graduatoria: 1, con 80([,.]0+)? punti", esito.inner_text())
    report = blocking_violations(page)
    assert not report, f"{page.url} at {page.viewport_size['width']} px:\n{report}"
