"""axe-core in Chromium: no serious or critical violation, at desktop width and on a 360 px phone."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from stdnum import luhn

from tests.costellazioni.factories import MembershipFactory, MessaggioFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

AXE = Axe()
BLOCKING = {"serious", "critical"}
VIEWPORTS = ["page", "phone_page"]

PUBLIC_PAGES = ["/", "/il-progetto/", "/accounts/login/", "/accounts/signup/"]
PERSONAL_PAGES = [
    "/area-personale/",
    "/area-personale/profilo/",
    "/area-personale/enti/",
    "/area-personale/enti/richiesta/",
]


def blocking_violations(page) -> str:
    """The serious and critical violations on the page, written out so a failure says what and where."""
    violations = [v for v in AXE.run(page).response["violations"] if v["impact"] in BLOCKING]
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} — {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"    at {' '.join(map(str, node['target']))}: {node['html'][:200]}")
            lines.append(f"       {node['failureSummary']}".replace("\n", "\n       "))
    return "\n".join(lines)


def check(page, url):
    response = page.goto(url)
    assert response.status == 200, f"{url} answered {response.status}"
    report = blocking_violations(page)
    assert not report, f"{page.url} at {page.viewport_size['width']} px:\n{report}"


@pytest.fixture
def persona():
    user = UserFactory(first_name="Giulia")
    MembershipFactory(user=user, ente__denominazione="APS Ponte dei Pugni")
    MembershipFactory(user=user, verified=True, ente__verified=True, ente__denominazione="ODV Sestiere Castello")
    MessaggioFactory(destinatario=user)
    return user


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages(live_server, request, viewport, path):
    check(request.getfixturevalue(viewport), f"{live_server.url}{path}")


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("path", PERSONAL_PAGES)
def test_area_personale(live_server, request, browser_login, persona, viewport, path):
    page = request.getfixturevalue(viewport)
    browser_login(page, persona)
    check(page, f"{live_server.url}{path}")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_signup_with_errors(live_server, request, viewport):
    page = request.getfixturevalue(viewport)
    page.goto(f"{live_server.url}/accounts/signup/")
    page.get_by_role("button", name="Registrati").click()
    page.wait_for_selector(".is-invalid")

    report = blocking_violations(page)

    assert not report, f"signup with errors at {page.viewport_size['width']} px:\n{report}"


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_ente_registration_with_errors(live_server, request, browser_login, persona, viewport):
    page = request.getfixturevalue(viewport)
    browser_login(page, persona)
    body = "8555555" + "027"
    page.goto(f"{live_server.url}/area-personale/enti/richiesta/")
    page.get_by_label("Codice fiscale dell'ente").fill(body + luhn.calc_check_digit(body))
    page.get_by_role("button", name="Continua").click()
    page.get_by_label("Partita IVA").fill("12345678901")
    page.get_by_role("button", name="Registra l'ente e invia la richiesta").click()
    page.wait_for_selector(".is-invalid")

    report = blocking_violations(page)

    assert not report, f"ente registration with errors at {page.viewport_size['width']} px:\n{report}"
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
