"""In Chromium: "Entra con SPID" on the login page, the identity provider menu, the proxy, the personal area."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from costellazioni.models import User
from tests.identita.test_login import MARCO

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

AXE = Axe()
POSTE = "https://posteid.poste.it"


@pytest.fixture
def spid_with_menu(oidc_op, settings):
    settings.ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"  # the live server speaks plain HTTP
    spid = settings.SOCIALACCOUNT_PROVIDERS["openid_connect"]["APPS"][0]
    spid["settings"]["idps"] = [
        {"nome": "Poste Italiane", "valore": POSTE},
        {"nome": "Aruba PEC", "valore": "https://loginspid.aruba.it"},
    ]
    return oidc_op


def blocking(page) -> list[str]:
    violations = AXE.run(page).response["violations"]
    return [f"{v['id']}: {v['help']}" for v in violations if v["impact"] in {"serious", "critical"}]


def test_sign_in_with_spid_through_the_idp_menu(live_server, page, spid_with_menu):
    spid_with_menu.sign_in_as(codice_fiscale=MARCO, nome="Marco", cognome="Zanon", email="marco.zanon@example.it")

    page.goto(f"{live_server.url}/accounts/login/")
    expect(page.get_by_role("button", name="Entra con CIE")).to_be_visible()
    page.locator("summary", has_text="Entra con SPID").focus()
    page.keyboard.press("Enter")  # the menu opens from the keyboard
    menu = page.get_by_role("list", name="Scegli il tuo gestore di identità SPID")
    expect(menu).to_be_visible()
    menu.get_by_role("button", name="Poste Italiane").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Completa la registrazione")
    expect(page.get_by_text(MARCO)).to_be_visible()
    assert blocking(page) == []
    privacy = page.get_by_label(re.compile("Ho letto l.informativa"))
    privacy.focus()
    page.keyboard.press("Space")  # Bootstrap Italia draws its own box in place of the native checkbox
    page.get_by_role("button", name="Registrati").click()
    page.wait_for_url(re.compile(r"/area-personale/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Area personale")
    assert spid_with_menu.authorize_requests[-1]["idp_hint"] == POSTE
    assert User.objects.get(codice_fiscale=MARCO).email == "marco.zanon@example.it"


@pytest.mark.parametrize("viewport", ["page", "phone_page"])
def test_login_page_with_spid_and_cie_is_accessible(live_server, request, spid_with_menu, viewport):
    page = request.getfixturevalue(viewport)
    page.goto(f"{live_server.url}/accounts/login/")
    assert blocking(page) == []
    page.locator("summary", has_text="Entra con SPID").click()
    expect(page.get_by_role("button", name="Poste Italiane")).to_be_visible()
    box = page.locator("summary", has_text="Entra con SPID").bounding_box()
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= page.viewport_size["width"]
    assert blocking(page) == []


@pytest.mark.parametrize("viewport", ["page", "phone_page"])
def test_sign_in_again_page_is_accessible(live_server, request, spid_with_menu, viewport):
    page = request.getfixturevalue(viewport)
    page.goto(f"{live_server.url}/accounts/identita/livello/?next=/bandi/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Serve un accesso più sicuro")
    assert blocking(page) == []
