"""The need report's rate limit counts only accepted reports, and when it answers the form keeps what was typed."""

import re

import pytest

from ricerca.models import Bisogno
from ricerca.views.segnala import SEGNALAZIONI_PER_ORA

pytestmark = pytest.mark.django_db
URL = "/bisogni/segnala/"
TESTO = "Manca un doposcuola per i ragazzi delle medie in via Piave"


def data(**extra):
    return {"categoria": "spazi", "descrizione": TESTO, "urgenza": "bassa", **extra}


def test_refused_attempts_do_not_use_up_the_allowance(client):
    for _ in range(SEGNALAZIONI_PER_ORA + 2):
        assert client.post(URL, data(descrizione="")).status_code == 200
    assert client.post(URL, data()).status_code == 302
    assert Bisogno.objects.count() == 1


def test_at_the_limit_the_form_comes_back_with_what_was_typed(client):
    for _ in range(SEGNALAZIONI_PER_ORA):
        assert client.post(URL, data()).status_code == 302
    response = client.post(URL, data(urgenza="alta"))
    assert response.status_code == 429
    html = response.content.decode()
    assert "troppe segnalazioni in poco tempo" in html
    assert re.search(rf"<textarea[^>]*name=\"descrizione\"[^>]*>\s*{TESTO}\s*</textarea>", html)
    assert response.context["form"].data["urgenza"] == "alta"
    assert Bisogno.objects.count() == SEGNALAZIONI_PER_ORA


def test_a_second_click_on_an_accepted_report_is_not_counted(client):
    key = "7d0f3c1e-8a1b-4c55-9d0e-1f2a3b4c5d6e"
    for _ in range(SEGNALAZIONI_PER_ORA + 1):
        assert client.post(URL, data(chiave_idempotenza=key)).status_code == 302
    assert Bisogno.objects.count() == 1
    assert client.post(URL, data()).status_code == 302  # the allowance is intact
    assert Bisogno.objects.count() == 2


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_limit_keeps_the_text_in_the_browser(live_server, phone_page):
    from django.test import RequestFactory

    from costellazioni.ratelimit import limit_count

    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1")
    for _ in range(SEGNALAZIONI_PER_ORA):
        limit_count(request, scope="bisogni")
    phone_page.goto(f"{live_server.url}{URL}")
    phone_page.locator("[name=categoria]").select_option("spazi")
    phone_page.locator("[name=descrizione]").fill(TESTO)
    phone_page.get_by_role("button", name="Invia la segnalazione").click()
    assert "troppe segnalazioni in poco tempo" in phone_page.locator("[data-error-summary]").inner_text()
    assert phone_page.locator("[name=descrizione]").input_value() == TESTO
    assert not Bisogno.objects.exists()
