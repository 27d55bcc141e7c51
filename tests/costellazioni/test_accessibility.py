"""axe-core in Chromium: no serious or critical violation, at desktop width and on a 360 px phone.

The pages of the newer apps (ricerca, coprogrammazione, governance, monitoraggio) are not listed by hand: they are
found in the URLconf and on the demo data (``newer_app_pages``), so a page is scanned the day it lands.
"""

import importlib
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django.test import Client
from django.urls import URLResolver, get_resolver, resolve, reverse
from django.urls.exceptions import Resolver404
from stdnum import luhn

from costellazioni.models import User
from tests.browser_fixtures import DESKTOP, PHONE
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


def scan(page, url):
    """axe at desktop width, then at phone width, on one navigation; the report of both, empty if clean."""
    page.set_viewport_size(DESKTOP)
    response = page.goto(url)
    if response.status != 200:
        return f"{url} answered {response.status}"
    reports = []
    for viewport in (DESKTOP, PHONE):
        page.set_viewport_size(viewport)
        report = blocking_violations(page)
        if report:
            reports.append(f"{url} at {viewport['width']} px:\n{report}")
    return "\n".join(reports)


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


# The apps whose public and personal-area pages are discovered rather than listed.
NEWER_APPS = ("ricerca", "coprogrammazione", "governance", "monitoraggio")
# Who looks: anonymous first, then the demo accounts (staff last, for the pages only staff may open).
DEMO_VISITORS = [
    None,
    "organo@costellazioni.example",
    "referente@costellazioni.example",
    "operatrice@costellazioni.example",
    "cittadina@costellazioni.example",
    "staff@costellazioni.example",
]
DOWNLOAD_SUFFIXES = (".pdf", ".csv", ".json", ".xlsx", ".ics")
NEWER_APP_CHUNKS = 2


def newer_app_namespaces():
    """The URL namespaces that the newer apps' URLconfs declare, read from the project's URLconf."""
    namespaces = {}
    for entry in get_resolver().url_patterns:
        if not isinstance(entry, URLResolver) or not entry.namespace:
            continue
        module = entry.urlconf_module
        module = importlib.import_module(module) if isinstance(module, str) else module
        if getattr(module, "__name__", "").split(".")[0] in NEWER_APPS:
            namespaces[entry.namespace] = entry
    return namespaces


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def _links(path, html):
    parser = _Links()
    parser.feed(html)
    for href in parser.hrefs:
        parts = urlsplit(urljoin(f"http://testserver{path}", href))
        if parts.netloc == "testserver" and not parts.path.endswith(DOWNLOAD_SUFFIXES):
            yield parts.path


def newer_app_pages():
    """(visitor, path) for every HTML page of the newer apps that the demo data lets someone open.

    Each visitor starts from the home page, the personal area and every URL of the newer apps that takes no
    argument, and follows the links that lead into the newer apps. A URL pattern is scanned once, for the
    first visitor who can open it (anonymous first); the pages a signed-in visitor's personal area links to
    are scanned for that visitor too (what a member of an organ sees of a meeting is not the public page), and
    so is the personal area itself, for the cards the newer apps add to it.
    """
    namespaces = newer_app_namespaces()
    roots = [
        reverse(f"{namespace}:{pattern.name}")
        for namespace, resolver in namespaces.items()
        for pattern in resolver.url_patterns
        if pattern.name and not pattern.pattern.regex.groups
    ]
    pages, scanned = [], set()
    for email in DEMO_VISITORS:
        client = Client()
        personal = set()
        if email:
            client.force_login(User.objects.get(email=email))
            pages.append((email, "/area-personale/"))
            area = client.get("/area-personale/").content.decode()
            # The links of the personal area's own content, not those of the header and the menu.
            personal = set(_links("/area-personale/", area[area.index("<main") : area.index("</main>")]))
        queue, seen = ["/", *sorted(personal), *roots], set()
        while queue:
            path = queue.pop(0)
            if path in seen:
                continue
            seen.add(path)
            try:
                match = resolve(path)
            except Resolver404:
                continue
            inside = match.namespace in namespaces
            key = (email, match.view_name) if path in personal else match.view_name
            if path != "/" and (not inside or key in scanned):
                continue
            response = client.get(path)
            if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
                continue
            if inside:
                scanned.add(key)
                pages.append((email, path))
            queue.extend(_links(path, response.content.decode()))
    return pages


@pytest.mark.parametrize("chunk", range(NEWER_APP_CHUNKS))
def test_newer_apps_public_and_personal_pages(live_server, page, browser_login, chunk):
    call_command("seed_demo", verbosity=0)
    pages = newer_app_pages()
    # Every newer app has pages on the demo data, public and for signed-in people.
    for app in NEWER_APPS:
        prefix = f"/{app}/" if app != "ricerca" else "/ricerca-azione/"
        assert any(email is None and path.startswith(prefix) for email, path in pages), f"no public page of {app}"
    assert any(email and path != "/area-personale/" for email, path in pages), "no personal page of the newer apps"
    reports = []
    signed_in = object()
    for email, path in pages[chunk::NEWER_APP_CHUNKS]:
        if email != signed_in:
            page.context.clear_cookies()
            if email:
                browser_login(page, User.objects.get(email=email))
            signed_in = email
        if report := scan(page, f"{live_server.url}{path}"):
            reports.append(f"as {email or 'anonymous'}: {report}")
    assert not reports, "\n".join(reports)
