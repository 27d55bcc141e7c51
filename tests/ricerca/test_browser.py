import pytest
from axe_playwright_python.sync_playwright import Axe

from ricerca.models import Compilazione, Risposta
from tests.ricerca.factories import questionario_completo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
AXE = Axe()
BLOCKING = {"serious", "critical"}


def scegli(page, domanda, opzione):
    """Bootstrap Italia draws radios and checkboxes on the label, which is what a person taps."""
    page.get_by_role("group", name=domanda.testo).locator("label", has_text=opzione).click()


def blocking_violations(page):
    return [
        (v["id"], [n["target"] for n in v["nodes"]])
        for v in AXE.run(page).response["violations"]
        if v["impact"] in BLOCKING
    ]


def test_a_citizen_answers_a_survey_on_a_phone(live_server, phone_page):
    q, d = questionario_completo()
    page = phone_page
    page.goto(f"{live_server.url}{q.get_absolute_url()}")
    perche = page.get_by_label(d["perche"].testo)
    assert not perche.is_visible()  # shown only when «Spesso» is chosen
    scegli(page, d["zona"], "Lido")
    page.get_by_role("button", name="Salva e continua più tardi").click()
    page.get_by_text("Risposte salvate").wait_for()
    page.reload()  # progress survives a reload
    assert page.get_by_role("group", name=d["zona"].testo).get_by_label("Lido").is_checked()
    scegli(page, d["sola"], "Spesso")
    assert perche.is_visible()
    perche.fill("Vivo da sola")
    scegli(page, d["fiducia"], "4")
    page.get_by_label(d["ore"].testo).fill("2,5")
    page.get_by_label(d["quando"].testo).fill("2026-09-01")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_role("button", name="Invia le risposte").click()
    page.get_by_role("heading", name="Grazie per le tue risposte").wait_for()
    compilazione = Compilazione.objects.get()
    assert compilazione.inviata
    valori = {r.domanda_id: r.valore for r in Risposta.objects.filter(compilazione=compilazione)}
    assert valori[d["perche"].pk] == "Vivo da sola" and valori[d["ore"].pk] == 2.5 and valori[d["fiducia"].pk] == 4


def test_a_missing_answer_is_shown_next_to_its_question(live_server, phone_page):
    q, d = questionario_completo()
    phone_page.goto(f"{live_server.url}{q.get_absolute_url()}")
    phone_page.get_by_role("button", name="Invia le risposte").click()
    errore = phone_page.locator(".invalid-feedback, .alert-danger").first
    errore.wait_for()
    assert "obbligatoria" in phone_page.content()
    assert blocking_violations(phone_page) == []


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("path", ["survey", "/bisogni/segnala/", "/ricerca-azione/"])
def test_survey_and_need_report_pages_have_no_serious_axe_violation(live_server, browser, path, width):
    q, _d = questionario_completo()
    url = q.get_absolute_url() if path == "survey" else path
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="it-IT")
    page = context.new_page()
    try:
        assert page.goto(f"{live_server.url}{url}").status == 200
        assert blocking_violations(page) == []
    finally:
        context.close()


@pytest.fixture
def dati_ricerca():
    """A stakeholder, a maturity round and an approved theory of change, made through the services."""
    import datetime

    from costellazioni import roles
    from ricerca import services
    from ricerca.models import DimensioneMaturita, RilevazioneMaturita, Stakeholder, TeoriaCambiamento
    from tests.costellazioni.factories import StaffFactory, UserFactory
    from tests.ricerca.factories import BisognoFactory, ElementoFactory, TeoriaFactory

    staff = StaffFactory()
    BisognoFactory.create_batch(6)
    services.stakeholder_livello_set(
        stakeholder=Stakeholder.objects.create(nome="Auser Lido", interesse=5, influenza=2),
        livello=3,
        data=datetime.date(2026, 4, 1),
    )
    base = RilevazioneMaturita.objects.create(fase="baseline", data=datetime.date(2026, 5, 1))
    for ordine, nome in enumerate(["Reti", "Risorse", "Competenze"]):
        dimensione = DimensioneMaturita.objects.create(
            nome=nome, ordine=ordine, **{f"livello_{n}": f"Descrittore {n}" for n in range(1, 6)}
        )
        services.maturita_valuta(rilevazione=base, dimensione=dimensione, punteggio=ordine + 2, actor=staff)
    teoria = TeoriaFactory()
    problema = ElementoFactory(teoria=teoria, tipo="problema", titolo="Isolamento degli anziani nelle isole")
    impatto = ElementoFactory(teoria=teoria, tipo="impatto", titolo="Una città sicura di sé")
    services.teoria_collegamento_add(da=problema, a=impatto, actor=staff)
    teoria = services.teoria_transition(teoria=teoria, to=TeoriaCambiamento.Stato.IN_CONSULTAZIONE, actor=staff)
    services.teoria_transition(
        teoria=teoria, to=TeoriaCambiamento.Stato.APPROVATA, actor=UserFactory(groups=[roles.MEMBRO_ORGANO])
    )
    return staff


@pytest.mark.parametrize(
    "path",
    [
        "/ricerca-azione/maturita/",
        "/ricerca-azione/teoria-del-cambiamento/",
        "/ricerca-azione/dati/",
        "/ricerca/bisogni/",
        "/ricerca/stakeholder/",
    ],
)
def test_research_pages_with_charts_are_accessible_on_a_phone(
    live_server, phone_page, browser_login, dati_ricerca, path
):
    browser_login(phone_page, dati_ricerca)
    assert phone_page.goto(f"{live_server.url}{path}").status == 200
    assert phone_page.locator("h1").first.is_visible()
    assert blocking_violations(phone_page) == []
