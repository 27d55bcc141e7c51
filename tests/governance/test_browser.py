"""A member answers a convocation and reads private minutes on a phone; axe on the public pages."""

import pytest

from governance.services import azioni, verbali
from tests.costellazioni.test_accessibility import blocking_violations
from tests.governance.conftest import hold
from tests.governance.factories import MembroOrganoFactory, OrganoFactory, PuntoFactory, RiunioneFactory, at

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def comitato(staff):
    organo = OrganoFactory(comitato=True, nome="Comitato di gestione", slug="comitato-di-gestione")
    presidente = MembroOrganoFactory(organo=organo, presidente=True).user
    membro = MembroOrganoFactory(organo=organo).user
    passata = RiunioneFactory(organo=organo, titolo="Budget delle antenne", inizio=at(-10), visibilita="privata")
    punto = PuntoFactory(riunione=passata, ordine=1, titolo="Ripartizione del budget")
    hold(passata, staff, presenti=2)
    verbali.verbale_write(riunione=passata, actor=staff, testi={punto.pk: "Cifre riservate alle isole."})
    decisione = verbali.decisione_record(
        punto=punto, actor=staff, testo="Il 30% del budget alle antenne delle isole.", favorevoli=2, contrari=0
    )
    azioni.azione_create(
        decisione=decisione,
        actor=staff,
        descrizione="Preparare il riparto",
        scadenza=at(20).date(),
        responsabile=presidente,
    )
    prossima = RiunioneFactory(organo=organo, titolo="Verifica delle azioni", inizio=at(9), visibilita="privata")
    PuntoFactory(riunione=prossima, ordine=1, titolo="Stato delle azioni aperte")
    return membro, passata, prossima


def test_a_member_answers_and_reads_the_private_minutes(live_server, phone_page, browser_login, comitato):
    membro, passata, prossima = comitato
    page = phone_page
    assert page.goto(f"{live_server.url}{passata.get_absolute_url()}").status == 404
    browser_login(page, membro)
    page.goto(f"{live_server.url}/governance/")
    page.get_by_role("link", name="Comitato di gestione").first.click()
    page.get_by_role("link", name="Verifica delle azioni").click()
    page.wait_for_url(f"**{prossima.get_absolute_url()}")
    assert page.get_by_test_id("risposta").inner_text() == "Nessuna risposta"
    assert page.get_by_text("Preparare il riparto").is_visible()  # carried over from the last meeting
    page.get_by_role("button", name="Parteciperò", exact=True).click()
    page.wait_for_url(f"**{prossima.get_absolute_url()}")
    assert page.get_by_test_id("risposta").inner_text() == "Parteciperò"
    assert prossima.partecipazioni.get(user=membro).risposta == "partecipo"
    page.goto(f"{live_server.url}{passata.get_absolute_url()}")
    assert page.get_by_text("Bozza in attesa di approvazione").is_visible()
    assert page.get_by_text("Cifre riservate alle isole.").is_visible()
    assert page.get_by_text("Il 30% del budget alle antenne delle isole.").is_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Scarica il verbale (PDF)").click()
    assert download.value.suggested_filename == f"verbale-riunione-{passata.pk}-v1.pdf"


@pytest.mark.parametrize("viewport", ["page", "phone_page"])
def test_axe_on_the_public_governance_pages(live_server, request, svolta, successiva, staff, viewport):
    page = request.getfixturevalue(viewport)
    punto = svolta.punti.get(ordine=1)
    verbale = verbali.verbale_write(riunione=svolta, actor=staff, testi={punto.pk: "Gli enti discutono."})
    verbali.decisione_record(punto=punto, actor=staff, tipo="orientamento", testo="Priorità agli anziani soli.")
    verbali.verbale_approve(verbale=verbale, in_riunione=successiva, favorevoli=5, contrari=0, astenuti=0, actor=staff)
    aperta = RiunioneFactory(organo=svolta.organo, titolo="Assemblea aperta", inizio=at(15), iscrizioni_aperte=True)
    for path in [
        "/governance/",
        svolta.organo.get_absolute_url(),
        svolta.get_absolute_url(),
        aperta.get_absolute_url(),
        "/governance/decisioni/",
        "/governance/orientamenti/",
        "/",
    ]:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        report = blocking_violations(page)
        assert not report, f"{path} at {page.viewport_size['width']} px:\n{report}"
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= page.viewport_size["width"], f"{path} scrolls sideways: {width} px"


@pytest.mark.parametrize("viewport", ["page", "phone_page"])
def test_axe_on_the_working_pages(live_server, request, browser_login, svolta, staff, viewport):
    from tests.costellazioni.factories import EnteFactory, MembershipFactory
    from tests.governance.factories import contratto

    page = request.getfixturevalue(viewport)
    referente = MembershipFactory(verified=True, ente=EnteFactory(verified=True)).user
    contratto(referente.memberships.get().ente)
    browser_login(page, referente)
    paths = ["/governance/relazioni/", "/governance/relazioni/nuova/"]
    for path in paths:
        assert page.goto(f"{live_server.url}{path}").status == 200, path
        report = blocking_violations(page)
        assert not report, f"{path} at {page.viewport_size['width']} px:\n{report}"
    page.context.clear_cookies()
    browser_login(page, staff)
    for path in [f"/governance/riunioni/{svolta.pk}/gestione/", svolta.get_absolute_url()]:
        assert page.goto(f"{live_server.url}{path}").status == 200, path
        report = blocking_violations(page)
        assert not report, f"{path} at {page.viewport_size['width']} px:\n{report}"
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= page.viewport_size["width"], f"{path} scrolls sideways: {width} px"
