"""The offline queue on a 360 px phone never gets stuck: an activity the server refuses stays on the phone,
shown as refused with the server's message, until the operator corrects and resends it or discards it."""

import pytest

from antenne.models import Attivita
from tests.antenne.factories import OperatoreFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

FORM = "/operatori/attivita/nuova/"
DETAILS = "Antenne, cose da fare, persone per fascia, foto"


def log_activity(page, *, tipo: str, persone: str, fascia: tuple[str, str] | None = None):
    page.get_by_label("Tipo di attività").select_option(tipo)
    page.get_by_label("Persone raggiunte").fill(persone)
    if fascia is not None:
        if not page.get_by_label(fascia[0], exact=True).is_visible():
            page.get_by_text(DETAILS).click()
        page.get_by_label(fascia[0], exact=True).fill(fascia[1])
    page.get_by_role("button", name="Registra l'attività").click()


def counts(page) -> tuple[str, str]:
    return (
        page.locator("[data-coda-count]").text_content(),
        page.locator("[data-coda-rifiutate]").text_content(),
    )


def wait_counts(page, pending: int, refused: int):
    page.wait_for_function(
        "([p, r]) => document.querySelector('[data-coda-count]').textContent === p"
        " && document.querySelector('[data-coda-rifiutate]').textContent === r",
        arg=[str(pending), str(refused)],
        timeout=20_000,
    )


def offline_form(live_server, page, browser_login, operatore):
    browser_login(page, operatore.user)
    page.goto(f"{live_server.url}{FORM}")
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    page.context.set_offline(True)
    page.reload()  # served by the service worker


def test_refused_activity_is_kept_corrected_and_resent_and_another_discarded(live_server, phone_page, browser_login):
    operatore = OperatoreFactory()
    page = phone_page
    offline_form(live_server, page, browser_login, operatore)

    log_activity(page, tipo="presidio", persone="3", fascia=("di cui minori", "5"))  # refused: 5 minors of 3
    wait_counts(page, 1, 0)
    log_activity(page, tipo="evento", persone="4")
    wait_counts(page, 2, 0)
    log_activity(page, tipo="mediazione", persone="2", fascia=("di cui donne", "9"))  # refused too
    wait_counts(page, 3, 0)
    assert not page.locator("[data-coda-rifiutate-box]").is_visible()
    queued_uuid = page.locator("[data-coda-entry]", has_text="Presidio").get_attribute("data-uuid")

    page.context.set_offline(False)
    wait_counts(page, 0, 2)  # the good one is sent; the refused ones are not counted as waiting
    coda = page.locator("[data-coda]")
    assert coda.is_visible()
    assert " ".join(coda.locator("p").first.inner_text().split()) == "0 da inviare, 2 rifiutate"
    assert list(Attivita.objects.values_list("persone_raggiunte", flat=True)) == [4]

    presidio = page.locator("[data-coda-entry][data-state=rifiutata]", has_text="Presidio")
    assert "di cui minori: Non può superare le persone raggiunte." in presidio.inner_text()
    assert presidio.get_attribute("data-uuid") == queued_uuid
    mediazione = page.locator("[data-coda-entry][data-state=rifiutata]", has_text="Mediazione")
    assert "di cui donne: Non può superare le persone raggiunte." in mediazione.inner_text()

    # Open, correct, resend: the same key, stored once.
    presidio.get_by_role("button", name="Apri e correggi: Presidio").click()
    minori = page.get_by_label("di cui minori", exact=True)
    assert minori.input_value() == "5" and page.get_by_label("Persone raggiunte").input_value() == "3"
    assert page.locator("#js-error-persone_minori").inner_text() == "Non può superare le persone raggiunte."
    assert page.locator("input[name=uuid]").input_value() == queued_uuid
    minori.fill("2")
    page.get_by_role("button", name="Registra l'attività").click()
    page.get_by_text("Attività registrata.").wait_for()
    wait_counts(page, 0, 1)
    corretta = Attivita.objects.get(tipo="presidio")
    assert (str(corretta.uuid), corretta.persone_raggiunte, corretta.persone_minori) == (queued_uuid, 3, 2)
    assert " ".join(coda.locator("p").first.inner_text().split()) == "0 da inviare, 1 rifiutata"

    # Discard, after a confirmation that can be declined.
    mediazione.get_by_role("button", name="Elimina: Mediazione").click()
    mediazione.get_by_role("button", name="No, tienila").click()
    assert mediazione.is_visible()
    mediazione.get_by_role("button", name="Elimina: Mediazione").click()
    assert "non si potrà recuperare" in mediazione.locator("[data-entry-confirm]").inner_text()
    mediazione.get_by_role("button", name="Sì, elimina").click()
    page.get_by_text("Attività eliminata dal telefono.").wait_for()
    page.wait_for_function("document.querySelector('[data-coda]').hidden")
    assert sorted(Attivita.objects.values_list("tipo", flat=True)) == ["evento", "presidio"]


def test_refused_online_stays_in_the_queue_until_corrected(live_server, phone_page, browser_login):
    operatore = OperatoreFactory()
    page = phone_page
    browser_login(page, operatore.user)
    page.goto(f"{live_server.url}{FORM}")
    log_activity(page, tipo="presidio", persone="1", fascia=("di cui over 65", "3"))
    page.get_by_text("Controlla i campi segnalati.").wait_for()
    wait_counts(page, 0, 1)
    assert page.locator("#js-error-persone_anziane").is_visible()

    page.reload()  # the refused activity is still on the phone, and can be reopened
    wait_counts(page, 0, 1)
    page.get_by_role("button", name="Apri e correggi: Presidio").click()
    page.get_by_label("di cui over 65", exact=True).fill("1")
    page.get_by_role("button", name="Registra l'attività").click()
    page.get_by_text("Attività registrata.").wait_for()
    page.wait_for_function("document.querySelector('[data-coda]').hidden")
    assert Attivita.objects.get().persone_anziane == 1


def test_leaving_or_logging_out_with_unsent_activities_warns(live_server, phone_page, browser_login):
    operatore = OperatoreFactory()
    page = phone_page
    offline_form(live_server, page, browser_login, operatore)
    log_activity(page, tipo="presidio", persone="2")
    wait_counts(page, 1, 0)

    dialogs = []

    def dismiss(dialog):
        dialogs.append((dialog.type, dialog.message))
        dialog.dismiss()

    page.on("dialog", dismiss)
    # Back online but the server unreachable: the activity stays unsent.
    page.route(
        "**/attivita/nuova/", lambda route: route.abort() if route.request.method == "POST" else route.continue_()
    )
    page.context.set_offline(False)
    page.get_by_role("link", name="Il mio diario").click()
    page.wait_for_function("true")
    assert dialogs and dialogs[0][0] == "beforeunload"
    assert page.url.endswith(FORM)  # declined: still on the form

    # The question comes once the phone's queue has been counted (IndexedDB answers asynchronously).
    with page.expect_event("dialog") as asked:
        page.get_by_role("button", name="Esci").click()
    assert asked.value.type == "confirm"
    assert "1 attività del diario di campo non ancora inviata" in asked.value.message
    assert page.url.endswith(FORM) and page.get_by_role("button", name="Esci").is_visible()
    assert not Attivita.objects.exists()
