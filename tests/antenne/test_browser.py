"""The field log on a 360 px phone, with the network off: logged twice offline, stored exactly twice."""

import time

import pytest
from axe_playwright_python.sync_playwright import Axe

from antenne import services
from antenne.models import Antenna, Attivita
from ricerca.models import Bisogno
from tests.antenne.factories import AntennaFactory, AttivitaFactory, OperatoreFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

AXE = Axe()
BLOCKING = {"serious", "critical"}


def log_activity(page, *, persone: str, bisogno: str) -> float:
    started = time.monotonic()
    page.get_by_label("Tipo di attività").select_option("presidio")
    page.get_by_label("Persone raggiunte").fill(persone)
    page.get_by_label("Descrizione del bisogno").fill(bisogno)
    page.get_by_role("button", name="Registra l'attività").click()
    return time.monotonic() - started


def test_offline_activities_arrive_exactly_once(live_server, phone_page, browser_login):
    operatore = OperatoreFactory()
    page = phone_page
    browser_login(page, operatore.user)
    page.goto(f"{live_server.url}/operatori/attivita/nuova/")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.wait_for_function("navigator.serviceWorker.controller !== null")

    page.context.set_offline(True)
    page.reload()  # served by the service worker from its cache
    assert page.get_by_role("heading", name="Registra un'attività").is_visible()

    seconds = log_activity(page, persone="7", bisogno="Anziano solo, chiede compagnia")
    page.wait_for_function("document.querySelector('[data-coda-count]').textContent === '1'")
    log_activity(page, persone="3", bisogno="Famiglia senza connessione internet")
    page.wait_for_function("document.querySelector('[data-coda-count]').textContent === '2'")
    assert page.locator("[data-coda]").is_visible()
    assert Attivita.objects.count() == 0

    page.context.set_offline(False)
    page.wait_for_function("document.querySelector('[data-coda]').hidden", timeout=20_000)
    assert Attivita.objects.count() == 2
    assert sorted(Attivita.objects.values_list("persone_raggiunte", flat=True)) == [3, 7]
    assert Bisogno.objects.count() == 2
    assert seconds < 30
    print(f"\nlogging one activity took {seconds:.2f} s")


def test_online_activity_is_saved_and_the_form_is_ready_again(live_server, phone_page, browser_login):
    operatore = OperatoreFactory()
    page = phone_page
    browser_login(page, operatore.user)
    page.goto(f"{live_server.url}/operatori/attivita/nuova/")
    first_uuid = page.locator("input[name=uuid]").input_value()
    log_activity(page, persone="4", bisogno="Scale senza corrimano")
    page.get_by_text("Attività registrata.").wait_for()
    assert page.locator("input[name=uuid]").input_value() != first_uuid
    assert Attivita.objects.get().bisogni.count() == 1


def blocking(page) -> str:
    violations = [v for v in AXE.run(page).response["violations"] if v["impact"] in BLOCKING]
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} at {' '.join(map(str, n['target']))}"
        for v in violations
        for n in v["nodes"]
    )


@pytest.mark.parametrize(
    "path",
    ["/operatori/", "/operatori/attivita/", "/operatori/attivita/nuova/", "antenna", "/banca-del-tempo/", "dettaglio"],
)
def test_operator_pages_accessible_on_a_phone(live_server, phone_page, browser_login, path):
    operatore = OperatoreFactory()
    antenna = AntennaFactory(operatore=operatore, stato=Antenna.Stato.ATTIVA)
    AttivitaFactory(operatore=operatore)
    services.consenso_record(antenna=antenna, oggetto="nome_pubblico", concesso=True)
    urls = {"antenna": f"/operatori/antenne/{antenna.pk}/", "dettaglio": antenna.get_absolute_url()}
    browser_login(phone_page, operatore.user)
    assert phone_page.goto(f"{live_server.url}{urls.get(path, path)}").status == 200
    report = blocking(phone_page)
    assert not report, report


@pytest.mark.parametrize("path", ["/antenne/", "/antenne/candidati/", "antenna", "/bisogni/segnala/"])
def test_public_pages_accessible_on_a_phone(live_server, phone_page, path):
    antenna = AntennaFactory()
    url = antenna.get_absolute_url() if path == "antenna" else path
    assert phone_page.goto(f"{live_server.url}{url}").status == 200
    report = blocking(phone_page)
    assert not report, report
