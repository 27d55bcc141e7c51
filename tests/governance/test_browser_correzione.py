"""A minutes correction after approval and the committee chain, walked in Chromium by the chair and by staff."""

import pytest

from governance.models import Verbale
from governance.services import azioni, verbali
from tests.browser_fixtures import follow
from tests.costellazioni.test_accessibility import blocking_violations
from tests.governance.factories import MembroOrganoFactory, OrganoFactory, PuntoFactory, RiunioneFactory, at

from .conftest import hold

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def check(page, path):
    report = blocking_violations(page)
    assert not report, f"{path} at {page.viewport_size['width']} px:\n{report}"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{path} scrolls sideways: {width} px"


@pytest.fixture
def catena(svolta, successiva, membri, staff):
    """Approved minutes of the assembly with an orientation that the committee turned into an action and a result."""
    punto = svolta.punti.get(ordine=1)
    verbale = verbali.verbale_write(riunione=svolta, actor=staff, testi={punto.pk: "Gli enti discutono."})
    orientamento = verbali.decisione_record(
        punto=punto, actor=staff, tipo="orientamento", testo="Priorità agli anziani soli delle isole."
    )
    verbali.verbale_approve(verbale=verbale, in_riunione=successiva, favorevoli=5, contrari=0, astenuti=0, actor=staff)
    comitato = OrganoFactory(comitato=True, nome="Comitato di gestione", slug="comitato-di-gestione")
    MembroOrganoFactory(organo=comitato, presidente=True)
    riunione = RiunioneFactory(organo=comitato, titolo="Dalle priorità alle attività", inizio=at(-3))
    punto_c = PuntoFactory(riunione=riunione, ordine=1, titolo="Punti di ascolto")
    hold(riunione, staff, presenti=1)
    decisione = verbali.decisione_record(
        punto=punto_c, actor=staff, testo="Aprire due punti di ascolto al Lido.", orientamento=orientamento
    )
    azioni.azione_create(
        decisione=decisione, actor=staff, descrizione="Trovare la sede", scadenza=at(20).date(), responsabile=staff
    )
    azioni.risultato_create(
        decisione=decisione, actor=staff, descrizione="Anziani ascoltati", indicatore="Persone over 75", target="120"
    )
    verbale_c = verbali.verbale_write(riunione=riunione, actor=staff, testi={punto_c.pk: "Si parte dal Lido."})
    seguente = RiunioneFactory(organo=comitato, titolo="Verifica", inizio=at(-1))
    hold(seguente, staff, presenti=1)
    verbali.verbale_approve(verbale=verbale_c, in_riunione=seguente, favorevoli=1, contrari=0, astenuti=0, actor=staff)
    return svolta, membri[0].user


@pytest.mark.parametrize("viewport", ["page", "phone_page"])
@pytest.mark.parametrize("who", ["presidente", "staff"])
def test_a_correction_after_approval_and_the_chain(live_server, request, browser_login, catena, staff, viewport, who):
    page = request.getfixturevalue(viewport)
    svolta, presidente = catena
    browser_login(page, presidente if who == "presidente" else staff)
    path = f"/governance/riunioni/{svolta.pk}/gestione/"
    assert page.goto(f"{live_server.url}{path}").status == 200
    check(page, path)
    follow(page.get_by_role("button", name="Salva il verbale"))
    assert page.get_by_text("Scrivi il motivo della correzione.").is_visible()
    check(page, path)
    page.get_by_label("Motivo della correzione").fill("Refuso nel nome di un ente")
    page.get_by_label("Priorità per il 2027").fill("Gli enti discutono delle isole.")
    page.get_by_role("button", name="Salva il verbale").click()
    page.wait_for_url(f"**{path}")
    assert page.get_by_text("Verbale salvato in bozza").is_visible()
    correzione = Verbale.objects.get(riunione=svolta, stato=Verbale.Stato.BOZZA)
    assert correzione.motivo_correzione == "Refuso nel nome di un ente"
    assert Verbale.objects.filter(riunione=svolta, stato=Verbale.Stato.APPROVATO).exists()
    for path in [svolta.get_absolute_url(), "/governance/orientamenti/"]:
        assert page.goto(f"{live_server.url}{path}").status == 200, path
        check(page, path)
    assert page.get_by_text("Aprire due punti di ascolto al Lido.").first.is_visible()
    assert page.get_by_text("Anziani ascoltati").first.is_visible()


@pytest.mark.parametrize("viewport", ["page", "phone_page"])
def test_axe_on_the_site_visit_page(live_server, request, browser_login, staff, viewport):
    import datetime

    from django.utils import timezone

    from governance.services import appalto, seguiti

    page = request.getfixturevalue(viewport)
    visita = appalto.sopralluogo_record(
        actor=staff, data=timezone.localdate(), luogo="Forte Marghera", partecipanti="Staff", esiti="Da sistemare."
    )
    seguiti.seguito_create(
        sopralluogo=visita,
        actor=staff,
        descrizione="Cartello all'ingresso",
        scadenza=timezone.localdate() + datetime.timedelta(days=7),
        responsabile=staff,
    )
    browser_login(page, staff)
    for path in ["/governance/sopralluoghi/", visita.get_absolute_url()]:
        assert page.goto(f"{live_server.url}{path}").status == 200, path
        check(page, path)
    follow(page.get_by_role("button", name="Registra l'azione"))
    assert page.get_by_text("Controlla i campi segnalati.").first.is_visible()
    check(page, visita.get_absolute_url())
