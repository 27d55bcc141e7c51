"""The field log on a 360 px phone, with the network off: logged twice offline, stored exactly twice."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from antenne import services
from antenne.models import Antenna, Attivita
from ricerca.models import Bisogno
from tests.antenne.factories import AntennaFactory, AttivitaFactory, OperatoreFactory
from tests.ricerca.factories import categoria_bisogno

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

AXE = Axe()
BLOCKING = {"serious", "critical"}


def log_activity(page, *, persone: str, bisogno: str) -> None:
    page.get_by_label("Tipo di attività").select_option("presidio")
    page.get_by_label("Persone raggiunte").fill(persone)
    page.get_by_label("Descrizione del bisogno").fill(bisogno)
    page.get_by_role("button", name="Registra l'attività").click()


def record_posts(page) -> list[str]:
    """The activity uploads (POSTs to the form) the page sends from now on."""
    posts = []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" and "/attivita/nuova/" in r.url else None)
    return posts


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
    posts = record_posts(page)

    log_activity(page, persone="7", bisogno="Anziano solo, chiede compagnia")
    page.wait_for_function("document.querySelector('[data-coda-count]').textContent === '1'")
    log_activity(page, persone="3", bisogno="Famiglia senza connessione internet")
    page.wait_for_function("document.querySelector('[data-coda-count]').textContent === '2'")
    assert page.locator("[data-coda]").is_visible()
    assert posts == []  # offline the form queues at once: nothing waits on the network
    assert Attivita.objects.count() == 0

    page.context.set_offline(False)
    page.wait_for_function("document.querySelector('[data-coda]').hidden", timeout=20_000)
    assert Attivita.objects.count() == 2
    assert sorted(Attivita.objects.values_list("persone_raggiunte", flat=True)) == [3, 7]
    assert Bisogno.objects.count() == 2
    assert len(posts) == 2


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
    [
        "/operatori/",
        "/operatori/attivita/",
        "/operatori/attivita/nuova/",
        "antenna",
        "/banca-del-tempo/",
        "dettaglio",
        "/operatori/banca-del-tempo/soci/",
    ],
)
def test_operator_pages_accessible_on_a_phone(live_server, phone_page, browser_login, path):
    from ricerca.services import bisogno_report
    from tests.costellazioni.factories import UserFactory
    from tests.hubs.factories import HubFactory

    operatore = OperatoreFactory(coordinatore=True)
    services.socio_join(user=UserFactory())
    bisogno_report(categoria=categoria_bisogno("casa"), descrizione="Muffa", quartiere=None)
    HubFactory()
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
    from tests.hubs.factories import HubFactory

    antenna = AntennaFactory(hub=HubFactory())
    url = antenna.get_absolute_url() if path == "antenna" else path
    assert phone_page.goto(f"{live_server.url}{url}").status == 200
    report = blocking(phone_page)
    assert not report, report


def jpeg_with_gps(size=(3000, 2000)) -> bytes:
    import io

    from PIL import Image

    image = Image.new("RGB", size, "teal")
    exif = Image.Exif()
    exif[0x010F] = "Fotocamera"  # Make
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (45.0, 26.0, 12.0)  # GPSLatitudeRef, GPSLatitude
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


QUEUED_FILES = """() => new Promise((resolve, reject) => {
  const open = indexedDB.open("costellazioni-operatori", 1);
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const all = open.result.transaction("coda-attivita", "readonly").objectStore("coda-attivita").getAll();
    all.onsuccess = () => {
      open.result.close();
      resolve(all.result.map((e) => e.fields.filter((p) => p[1] instanceof Blob).map((p) => [p[0], p[1].size])));
    };
  };
})"""


def test_offline_activity_with_a_photo_is_queued_then_uploaded_once(live_server, phone_page, browser_login):
    from PIL import Image

    operatore = OperatoreFactory()
    page = phone_page
    browser_login(page, operatore.user)
    page.goto(f"{live_server.url}/operatori/attivita/nuova/")
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    page.context.set_offline(True)
    page.reload()
    posts = record_posts(page)

    photo = jpeg_with_gps()
    page.get_by_label("Tipo di attività").select_option("evento")
    page.get_by_label("Persone raggiunte").fill("12")
    page.get_by_text("Antenne, cose da fare, persone per fascia, foto").click()
    page.locator("input[name=foto]").set_input_files({"name": "festa.jpg", "mimeType": "image/jpeg", "buffer": photo})
    page.get_by_role("button", name="Registra l'attività").click()
    page.wait_for_function("document.querySelector('[data-coda-count]').textContent === '1'")
    assert page.evaluate(QUEUED_FILES) == [[["foto", len(photo)]]]
    assert posts == [] and not Attivita.objects.exists()

    page.context.set_offline(False)
    page.wait_for_function("document.querySelector('[data-coda]').hidden", timeout=20_000)
    # Said once the flush is over: it sent what the queue held and emptied it, so nothing is left to send again.
    page.get_by_text("Le attività in attesa sono state inviate.").wait_for()
    assert len(posts) == 1
    attivita = Attivita.objects.get()
    assert attivita.persone_raggiunte == 12
    with Image.open(attivita.foto.path) as saved:
        assert max(saved.size) == 1600
        assert not saved.getexif().get_ifd(0x8825) and not saved.getexif()
    assert page.evaluate(QUEUED_FILES) == []


def phone_context(browser, **options):
    return browser.new_context(
        viewport={"width": 360, "height": 740},
        locale="it-IT",
        timezone_id="Europe/Rome",
        is_mobile=True,
        has_touch=True,
        bypass_csp=True,  # wait_for_function's string predicates are evaluated in the page (see browser_fixtures)
        **options,
    )


def two_antennas_far_apart():
    from costellazioni.models import Quartiere

    castello = Quartiere.objects.get(nome="Castello")
    mestre = Quartiere.objects.get(nome="Mestre Centro")
    AntennaFactory(nome_pubblico="Forno Castello", quartiere=castello)
    AntennaFactory(nome_pubblico="Ferramenta di terraferma", quartiere=mestre)
    AntennaFactory(privato=True, quartiere=castello)
    return mestre


def test_near_me_orders_the_list_and_centres_the_map(live_server, browser, settings):
    settings.MAP_TILE_URL = "/static/no-tiles/{z}/{x}/{y}.png"
    mestre = two_antennas_far_apart()
    context = phone_context(
        browser,
        geolocation={"latitude": float(mestre.latitudine) + 0.002, "longitude": float(mestre.longitudine)},
        permissions=["geolocation"],
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/antenne/")
    titles = page.locator("[data-antenne-lista] h2")
    assert titles.first.inner_text() != "Ferramenta di terraferma"  # the server orders by quartiere name
    page.get_by_role("button", name="Vicino a me").click()
    page.wait_for_selector("[data-antenne-lista][data-ordinata=distanza]")
    assert titles.first.inner_text() == "Ferramenta di terraferma"
    assert "a circa 0,2 km da te" in page.locator("[data-antenne-lista] li").first.inner_text()
    assert page.get_by_role("status").filter(has_text="ordinate dalla più vicina").is_visible()
    assert page.locator("path.leaflet-interactive").count() == 1  # "you are here", drawn only in the browser
    # The map is centred on the visitor once Leaflet's pan animation has ended (slower on a busy machine).
    page.wait_for_function(
        "(() => { const r = document.querySelector('[data-antenne-map]').getBoundingClientRect();"
        " const p = document.querySelector('path.leaflet-interactive').getBoundingClientRect();"
        " return Math.abs(p.x + p.width / 2 - r.x - r.width / 2) < 3"
        " && Math.abs(p.y + p.height / 2 - r.y - r.height / 2) < 3; })()",
        timeout=10_000,
    )
    report = blocking(page)
    assert not report, report
    context.close()


def test_near_me_without_permission_keeps_the_list(live_server, browser, settings):
    settings.MAP_TILE_URL = "/static/no-tiles/{z}/{x}/{y}.png"
    two_antennas_far_apart()
    context = phone_context(browser)
    page = context.new_page()
    page.goto(f"{live_server.url}/antenne/")
    before = page.locator("[data-antenne-lista] h2").all_inner_texts()
    page.get_by_role("button", name="Vicino a me").click()
    page.get_by_text("Posizione non disponibile").wait_for()
    assert page.locator("[data-antenne-lista] h2").all_inner_texts() == before
    context.close()


def test_coordinator_verifies_a_member_on_a_phone(live_server, phone_page, browser_login):
    from antenne.models import SocioBancaDelTempo
    from tests.costellazioni.factories import UserFactory

    socio = services.socio_join(user=UserFactory(first_name="Ivana", last_name="Tagliapietra"))
    altro = services.socio_join(user=UserFactory(first_name="Bepi", last_name="Molin"))
    browser_login(phone_page, OperatoreFactory(coordinatore=True).user)
    phone_page.goto(f"{live_server.url}/operatori/")
    phone_page.get_by_role("link", name="Iscrizioni alla banca del tempo da verificare").click()
    report = blocking(phone_page)
    assert not report, report
    card = phone_page.locator("li", has_text="Bepi Molin")
    card.get_by_text("Non accogliere", exact=True).click()
    card.get_by_role("button", name="Non accogliere l'iscrizione").click()
    phone_page.get_by_text("Scrivi la motivazione: verrà comunicata all'interessato.").wait_for()
    assert not blocking(phone_page)
    phone_page.locator("li", has_text="Bepi Molin").get_by_label("Motivo").fill("Non risiede nel comune")
    phone_page.locator("li", has_text="Bepi Molin").get_by_role("button", name="Non accogliere l'iscrizione").click()
    phone_page.locator("li", has_text="Ivana Tagliapietra").get_by_role("button", name="Verifica").click()
    phone_page.get_by_text("Nessuna iscrizione da verificare.").wait_for()
    socio.refresh_from_db()
    altro.refresh_from_db()
    assert socio.stato == SocioBancaDelTempo.Stato.VERIFICATO and altro.stato == SocioBancaDelTempo.Stato.RESPINTO
