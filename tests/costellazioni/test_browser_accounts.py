"""The whole journey in Chromium: sign up, confirm the address, log in, profile, ask to represent a new ente."""

import re
import time

import pytest
from django.core import mail
from playwright.sync_api import expect
from stdnum import luhn

from costellazioni.models import Ente, Membership, User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "Laguna-Serena-2026"


def field(page, label: str):
    """A form field by its label; required fields carry crispy-forms' asterisk after the label."""
    return page.get_by_label(re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*$"))


def codice_fiscale_nuovo_ente() -> str:
    body = "8123456" + "027"  # serial number, then the tax office code of Venice
    return body + luhn.calc_check_digit(body)


def test_signup_to_request_for_a_new_ente(live_server, page):
    mail.outbox.clear()
    started = time.monotonic()
    codice_fiscale = codice_fiscale_nuovo_ente()

    page.goto(f"{live_server.url}/accounts/signup/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Registrati")
    field(page, "Nome").fill("Giulia")
    field(page, "Cognome").fill("Zanon")
    field(page, "Indirizzo e-mail").fill("giulia.zanon@example.it")
    field(page, "Password").fill(PASSWORD)
    field(page, "Ripeti la password").fill(PASSWORD)
    # Bootstrap Italia draws its own box in place of the native checkbox: tick it with the keyboard.
    privacy = page.get_by_label(re.compile("Ho letto l.informativa"))
    privacy.focus()
    page.keyboard.press("Space")
    expect(privacy).to_be_checked()
    page.get_by_role("button", name="Registrati").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Conferma il tuo indirizzo e-mail")
    assert User.objects.get(email="giulia.zanon@example.it").emailaddress_set.get().verified is False
    (message,) = mail.outbox
    assert message.subject == "[Costellazioni civiche] Conferma il tuo indirizzo e-mail"
    path = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+/)", message.body).group(1)

    page.goto(f"{live_server.url}{path}")
    expect(page.get_by_text("Conferma che giulia.zanon@example.it è il tuo indirizzo e-mail.")).to_be_visible()
    page.get_by_role("button", name="Conferma").click()

    page.wait_for_url(re.compile(r"/accounts/login/"))
    field(page, "Indirizzo e-mail").fill("giulia.zanon@example.it")
    field(page, "Password").fill(PASSWORD)
    page.get_by_role("button", name="Accedi").click()
    page.wait_for_url(f"{live_server.url}/area-personale/")
    expect(page.get_by_text("Ti diamo il benvenuto, Giulia.")).to_be_visible()

    page.goto(f"{live_server.url}/area-personale/profilo/")
    field(page, "Codice fiscale").fill("rssmra85t10a562s")
    page.get_by_role("button", name="Salva il profilo").click()
    expect(page.get_by_text("Il profilo è stato aggiornato.")).to_be_visible()
    expect(field(page, "Codice fiscale")).to_have_value("RSSMRA85T10A562S")

    page.goto(f"{live_server.url}/area-personale/")
    page.get_by_role("link", name="Chiedi di rappresentare un ente").click()
    field(page, "Codice fiscale dell'ente").fill(codice_fiscale)
    page.get_by_role("button", name="Continua").click()

    expect(page.get_by_role("heading", name="Registra l'ente")).to_be_visible()
    expect(field(page, "Codice fiscale")).to_have_value(codice_fiscale)
    field(page, "Denominazione").fill("Associazione Fondamenta Nove")
    field(page, "Tipo di ente").select_option(label="Associazione di promozione sociale (APS)")
    field(page, "Numero di repertorio RUNTS").fill("123456")
    field(page, "Sezione RUNTS").select_option(value="b")
    field(page, "Indirizzo").fill("Cannaregio 5000")
    field(page, "CAP").fill("30121")
    field(page, "Quartiere").select_option(label="Cannaregio")
    field(page, "E-mail dell'ente").fill("info@fondamentanove.example.it")
    page.locator("label", has_text="Legale rappresentante").click()
    expect(field(page, "Legale rappresentante")).to_be_checked()
    field(page, "Motivazione della richiesta").fill("Presidente eletta dall'assemblea.")
    page.get_by_role("button", name="Registra l'ente e invia la richiesta").click()

    page.wait_for_url(f"{live_server.url}/area-personale/enti/")
    expect(page.get_by_role("heading", level=1)).to_have_text("I tuoi enti")
    request = page.get_by_role("listitem").filter(has=page.get_by_role("heading", name="Associazione Fondamenta Nove"))
    expect(request).to_contain_text("Richiesta")
    expect(request).to_contain_text("Legale rappresentante")

    ente = Ente.objects.get(codice_fiscale=codice_fiscale)
    assert ente.stato_verifica == Ente.StatoVerifica.DA_VERIFICARE
    assert ente.memberships.get().stato == Membership.Stato.RICHIESTA
    assert User.objects.get(email="giulia.zanon@example.it").codice_fiscale == "RSSMRA85T10A562S"
    print(f"\nbrowser journey: {time.monotonic() - started:.1f} s")


def test_withdraw_a_request_on_a_phone(live_server, phone_page, browser_login):
    from tests.costellazioni.factories import MembershipFactory, UserFactory

    user = UserFactory()
    membership = MembershipFactory(user=user, ente__denominazione="APS Ponte dei Pugni")
    browser_login(phone_page, user)

    phone_page.goto(f"{live_server.url}/area-personale/enti/")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360
    phone_page.get_by_role("button", name=re.compile("Ritira la richiesta")).click()

    expect(
        phone_page.get_by_text("La richiesta di rappresentanza di APS Ponte dei Pugni è stata ritirata.")
    ).to_be_visible()
    membership.refresh_from_db()
    assert membership.stato == Membership.Stato.REVOCATA
