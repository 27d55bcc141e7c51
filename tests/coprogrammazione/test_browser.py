"""An ETS expresses interest and registers for a meeting, on a phone; axe on the public pages at 360 and 1280 px."""

import datetime

import pytest
from django.utils import timezone

from coprogrammazione.models import ManifestazioneInteresse, Percorso, ProtocolloIntesa
from coprogrammazione.riunioni import incontro_convene
from governance.models import Organo, Partecipazione, Riunione
from tests.browser_fixtures import follow
from tests.coprogrammazione.factories import (
    ImpegnoFactory,
    ManifestazioneFactory,
    PercorsoFactory,
    RisorsaFactory,
    protocollo_with_parties,
)
from tests.costellazioni.factories import EnteFactory, MembershipFactory, StaffFactory
from tests.costellazioni.test_accessibility import blocking_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def in_days(days, hour=17):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def percorso():
    tavolo = Organo.objects.create(
        nome="Tavolo «Orti e verde condiviso»", slug="tavolo-orti", tipo=Organo.Tipo.TAVOLO, giorni_preavviso=5
    )
    percorso = PercorsoFactory(
        titolo="Orti e verde condiviso nelle periferie", slug="orti-condivisi", aperto=True, tavolo=tavolo
    )
    incontro_convene(
        percorso=percorso,
        titolo="Incontro di presentazione del percorso",
        inizio=in_days(10),
        fine=in_days(10, 19),
        actor=StaffFactory(),
        luogo="Centro civico di Gazzera, Via Gazzera Alta 68",
        punti=["Presentazione dell'avviso"],
    )
    return percorso


def test_an_ets_expresses_interest_and_registers_for_a_meeting(percorso, phone_page, live_server, browser_login):
    ente = EnteFactory(denominazione="Orti di Gazzera APS", verified=True)
    referente = MembershipFactory(ente=ente, verified=True).user
    page = phone_page
    browser_login(page, referente)

    page.goto(f"{live_server.url}/coprogrammazione/")
    page.get_by_role("link", name="Orti e verde condiviso nelle periferie").click()
    page.wait_for_url("**/coprogrammazione/orti-condivisi/")
    page.get_by_role("link", name="Manifesta interesse").click()
    page.get_by_label("Motivazione").fill("Curiamo gli orti di via Gazzera Alta con le scuole del quartiere.")
    page.get_by_label("Competenze").fill("Orticoltura, laboratori con i bambini.")
    page.get_by_label("Risorse offerte").fill("Venti parcelle e gli attrezzi.")
    page.get_by_label("Persona di contatto").fill("Paolo Busetto")
    page.get_by_label("E-mail di contatto").fill("paolo@example.it")
    page.get_by_label("E-mail di contatto").fill("non-una-email")
    follow(page.get_by_role("button", name="Invia la manifestazione di interesse"))
    assert page.get_by_text("Inserisci un indirizzo email valido").is_visible()
    assert page.get_by_label("Motivazione").input_value().startswith("Curiamo gli orti")
    page.get_by_label("E-mail di contatto").fill("paolo@example.it")
    page.get_by_role("button", name="Invia la manifestazione di interesse").click()
    page.wait_for_url("**/coprogrammazione/orti-condivisi/")
    assert page.get_by_text("Manifestazione di interesse inviata").is_visible()
    manifestazione = ManifestazioneInteresse.objects.get()
    assert manifestazione.ente == ente and manifestazione.presentata_da == referente

    page.get_by_role("link", name="Iscriviti — Incontro di presentazione del percorso").click()
    page.wait_for_url("**/governance/riunioni/*/")
    page.get_by_label("Partecipo per").select_option(label="Orti di Gazzera APS")
    follow(page.get_by_role("button", name="Iscriviti"))
    assert page.get_by_text("Sei iscritto alla riunione").is_visible()
    (riunione,) = Riunione.objects.of_context(percorso)
    assert Partecipazione.objects.filter(riunione=riunione, user=referente, ente=ente).count() == 1


@pytest.mark.parametrize("viewport", [{"width": 360, "height": 740}, {"width": 1280, "height": 900}])
def test_public_pages_have_no_serious_accessibility_violation(percorso, page, live_server, viewport):
    page.set_viewport_size(viewport)
    ammessa = ManifestazioneFactory(percorso=percorso, ammessa=True)
    RisorsaFactory(percorso=percorso, ente=ammessa.ente)
    protocollo, parti = protocollo_with_parties()
    ImpegnoFactory(parte=parti[0])
    protocollo.parti.update(firmato_il=protocollo.data_inizio, firma_sha256="a" * 64, firma_versione=1)
    ProtocolloIntesa.objects.filter(pk=protocollo.pk).update(stato="attivo", versione=1, impronta="b" * 64)
    for path in [
        "/coprogrammazione/",
        percorso.get_absolute_url(),
        "/coprogrammazione/risorse/",
        "/coprogrammazione/protocolli/",
        protocollo.get_absolute_url(),
        "/coprogrammazione/protocolli/dati-aperti/",
    ]:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        report = blocking_violations(page)
        assert not report, f"{path}:\n{report}"
        overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
        assert not overflow, f"{path} scrolls sideways at {viewport['width']} px"


def test_a_participant_sees_the_resources_table_without_the_page_scrolling_sideways(
    percorso, page, live_server, browser_login
):
    """The resources table scrolls inside its own region on a phone; its hidden link labels must not widen
    the page (they are positioned against the region)."""
    ammessa = ManifestazioneFactory(percorso=percorso, ammessa=True)
    RisorsaFactory(percorso=percorso, ente=ammessa.ente, descrizione="Sala del parco Bissuola per incontri e merende")
    Percorso.objects.filter(pk=percorso.pk).update(fase=Percorso.Fase.TAVOLI)
    # A desktop browser at phone width: mobile emulation would widen the layout viewport to fit the page.
    phone_page = page
    phone_page.set_viewport_size({"width": 360, "height": 740})
    browser_login(phone_page, MembershipFactory(ente=ammessa.ente, verified=True).user)
    phone_page.goto(f"{live_server.url}{percorso.get_absolute_url()}")
    assert phone_page.get_by_role("link", name="Registra una condivisione — Sala del parco Bissuola").count() == 1
    assert phone_page.evaluate("document.documentElement.scrollWidth - window.innerWidth") == 0
