"""The main pages under the Content-Security-Policy in Chromium: no violation reported, scripts still working."""

import pytest

from tests.contributi.factories import open_bando, referente
from tests.costellazioni.factories import UserFactory
from tests.hubs.factories import HubFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def watch_violations(page) -> list[str]:
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text)
            if "Content Security Policy" in message.text or "Refused to" in message.text
            else None
        ),
    )
    return violations


def visit(page, url):
    page.goto(url)
    page.wait_for_load_state("load")


def test_public_pages_and_the_wizard(live_server, strict_page, browser_login):
    page = strict_page  # obeys the Content-Security-Policy, like a person's browser
    bando = open_bando()
    HubFactory()
    user, _ente = referente()
    browser_login(page, user)
    violations = watch_violations(page)
    base = live_server.url
    pages = ("/", "/hub/", "/antenne/", "/antenne/candidati/", "/bisogni/segnala/", "/bandi/", "/cerca/?q=orti")
    for url in (*pages, bando.get_absolute_url()):
        visit(page, f"{base}{url}")
    assert page.evaluate("typeof htmx") == "object", "the site's own scripts still run"
    visit(page, f"{base}{bando.get_absolute_url()}")
    page.get_by_role("link", name="Presenta la candidatura").click()
    page.get_by_role("button", name="Inizia o riprendi la candidatura").click()
    page.wait_for_load_state("load")
    assert page.locator("[name=indirizzo]").is_visible()
    assert violations == []


def test_the_admin(live_server, strict_page, browser_login):
    page = strict_page  # obeys the Content-Security-Policy, like a person's browser
    bando = open_bando()
    browser_login(page, UserFactory(is_staff=True, is_superuser=True))
    violations = watch_violations(page)
    base = live_server.url
    for url in (
        "/admin/",
        "/admin/contributi/bando/",
        f"/admin/contributi/bando/{bando.pk}/change/",
        "/admin/contributi/candidatura/",
    ):
        visit(page, f"{base}{url}")
    assert violations == []


def test_participation_pages(live_server, strict_page):
    """Research, surveys, co-programming, MOUs, governance, monitoring and open data: no violation."""
    from coprogrammazione.models import ProtocolloIntesa
    from tests.coprogrammazione.factories import PercorsoFactory, protocollo_with_parties
    from tests.governance.factories import RiunioneFactory, at
    from tests.monitoraggio.factories import IndicatoreFactory, MisurazioneFactory
    from tests.ricerca.factories import questionario_completo

    page = strict_page  # obeys the Content-Security-Policy, like a person's browser
    questionario, _domande = questionario_completo()
    percorso = PercorsoFactory(aperto=True)
    protocollo, _parti = protocollo_with_parties()
    protocollo.parti.update(firmato_il=protocollo.data_inizio, firma_sha256="a" * 64, firma_versione=1)
    ProtocolloIntesa.objects.filter(pk=protocollo.pk).update(
        stato=ProtocolloIntesa.Stato.ATTIVO, versione=1, impronta="b" * 64
    )
    riunione = RiunioneFactory(titolo="Assemblea di rete", inizio=at(5))
    MisurazioneFactory(indicatore=IndicatoreFactory(nome="Persone accolte negli HUB"))
    violations = watch_violations(page)
    base = live_server.url
    for url in (
        "/ricerca-azione/",
        questionario.get_absolute_url(),
        "/coprogrammazione/",
        percorso.get_absolute_url(),
        "/coprogrammazione/protocolli/",
        "/governance/",
        riunione.get_absolute_url(),
        "/monitoraggio/",
        "/dati-aperti/",
    ):
        response = page.goto(f"{base}{url}")
        page.wait_for_load_state("load")
        assert response.status == 200, url
        assert page.evaluate("typeof htmx") == "object", f"the site's own scripts run on {url}"
    assert violations == []
