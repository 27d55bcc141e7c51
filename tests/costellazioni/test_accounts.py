"""Accounts: sign-up with e-mail verification, log-in, rate limits, the allauth pages in Italian."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from costellazioni.models import EventoAudit, User
from tests.costellazioni.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

SIGNUP = {
    "first_name": "Maria",
    "last_name": "Rossi",
    "email": "maria.rossi@example.it",
    "password1": DEFAULT_PASSWORD,
    "password2": DEFAULT_PASSWORD,
    "privacy": "on",
}


@pytest.fixture
def client(committing_client):
    """Account e-mails leave through the outbox after the commit: each request here ends as if committed."""
    return committing_client


def confirmation_link(message) -> str:
    return re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body).group(0)


class TestSignup:
    def test_creates_unverified_address_and_sends_italian_verification(self, client):
        response = client.post(reverse("account_signup"), SIGNUP)

        assert response.status_code == 302
        assert response.url == reverse("account_email_verification_sent")
        user = User.objects.get(email="maria.rossi@example.it")
        assert (user.first_name, user.last_name) == ("Maria", "Rossi")
        address = EmailAddress.objects.get(user=user)
        assert address.verified is False
        assert len(mail.outbox) == 1
        message = mail.outbox[0]
        assert message.to == ["maria.rossi@example.it"]
        assert message.subject == "[Costellazioni civiche] Conferma il tuo indirizzo e-mail"
        assert "Buongiorno," in message.body
        assert "Per confermare che l'indirizzo è tuo apri questo collegamento" in message.body
        assert "/accounts/confirm-email/" in confirmation_link(message)

    def test_records_the_privacy_acknowledgement(self, client):
        client.post(reverse("account_signup"), SIGNUP)

        user = User.objects.get(email="maria.rossi@example.it")
        evento = EventoAudit.objects.for_object(user).get()
        assert evento.evento == "costellazioni.presa_visione_dell_informativa_privacy"
        assert evento.autore == user

    def test_privacy_acknowledgement_is_required(self, client):
        response = client.post(reverse("account_signup"), {**SIGNUP, "privacy": ""})

        assert response.status_code == 200
        assert not User.objects.filter(email="maria.rossi@example.it").exists()
        html = response.content.decode()
        assert "Per registrarti devi dichiarare di aver letto l&#x27;informativa sulla privacy." in html
        assert 'aria-describedby="id_privacy_error"' in html
        assert 'id="id_privacy_error"' in html

    def test_form_asks_names_passwords_and_links_the_privacy_notice(self, client):
        html = client.get(reverse("account_signup")).content.decode()

        for field, label in [
            ("id_first_name", "Nome"),
            ("id_last_name", "Cognome"),
            ("id_email", "Indirizzo e-mail"),
            ("id_password1", "Password"),
            ("id_password2", "Ripeti la password"),
        ]:
            assert re.search(rf'<label\s+for="{field}"[^>]*>\s*{label}', html), field
        assert '<a href="/privacy/">informativa sul trattamento dei dati personali</a>' in html
        assert "<h1" in html and "Registrati</h1>" in html

    def test_mismatched_passwords_show_allauth_italian_message_next_to_the_field(self, client):
        response = client.post(reverse("account_signup"), {**SIGNUP, "password2": "Altra-Password-2026"})

        html = response.content.decode()
        assert "Devi digitare la stessa password" in html
        assert 'aria-describedby="id_password2_error"' in html
        assert "is-invalid" in html

    def test_existing_address_gets_an_italian_warning_by_email_not_a_second_account(self, client):
        UserFactory(email="maria.rossi@example.it")

        client.post(reverse("account_signup"), SIGNUP)

        assert User.objects.filter(email="maria.rossi@example.it").count() == 1
        assert mail.outbox[-1].subject == "[Costellazioni civiche] Hai già un account"
        assert "esiste già un account con questo indirizzo" in mail.outbox[-1].body


class TestVerificationAndLogin:
    def test_login_refused_before_verification(self, client):
        client.post(reverse("account_signup"), SIGNUP)
        client.logout()

        response = client.post(
            reverse("account_login"), {"login": "maria.rossi@example.it", "password": DEFAULT_PASSWORD}
        )

        assert response.status_code == 302
        assert response.url == reverse("account_email_verification_sent")
        assert "_auth_user_id" not in client.session
        assert client.get(reverse("area_personale")).status_code == 302

    def test_confirm_then_login(self, client):
        client.post(reverse("account_signup"), SIGNUP)
        link = confirmation_link(mail.outbox[0])
        path = link.split("://", 1)[1].split("/", 1)[1]

        page = client.get("/" + path)
        assert page.status_code == 200
        assert (
            "Conferma che <strong>maria.rossi@example.it</strong> è il tuo indirizzo e-mail." in page.content.decode()
        )
        client.post("/" + path)

        assert EmailAddress.objects.get(email="maria.rossi@example.it").verified
        response = client.post(
            reverse("account_login"), {"login": "maria.rossi@example.it", "password": DEFAULT_PASSWORD}
        )
        assert response.status_code == 302
        assert response.url == reverse("area_personale")
        assert client.get(reverse("area_personale")).status_code == 200

    def test_invalid_confirmation_link(self, client):
        response = client.get("/accounts/confirm-email/not-a-key/")

        assert "Il collegamento per la conferma è scaduto o non è valido." in response.content.decode()

    def test_wrong_password_shows_allauth_italian_error(self, client):
        UserFactory(email="persona@example.it")

        response = client.post(reverse("account_login"), {"login": "persona@example.it", "password": "sbagliata"})

        assert response.status_code == 200
        assert "L&#x27;indirizzo email e/o la password che hai usato non sono corretti." in response.content.decode()

    def test_login_page_labels_and_links(self, client):
        html = client.get(reverse("account_login")).content.decode()

        assert re.search(r'<label\s+for="id_login"[^>]*>\s*Indirizzo e-mail', html)
        assert re.search(r'<label\s+for="id_password"[^>]*>\s*Password', html)
        assert 'href="/accounts/password/reset/"' in html
        assert 'href="/accounts/signup/"' in html
        assert "placeholder=" not in html


class TestRateLimit:
    def test_sixth_attempt_refused_with_429_even_with_the_right_password(self, client):
        UserFactory(email="persona@example.it")
        for _ in range(5):
            response = client.post(reverse("account_login"), {"login": "persona@example.it", "password": "sbagliata"})
            assert response.status_code == 200

        response = client.post(reverse("account_login"), {"login": "persona@example.it", "password": DEFAULT_PASSWORD})

        assert response.status_code == 429
        assert "Troppi tentativi" in response.content.decode()
        assert "_auth_user_id" not in client.session

    def test_successful_logins_do_not_count(self, client):
        UserFactory(email="persona@example.it")
        for _ in range(6):
            response = client.post(
                reverse("account_login"), {"login": "persona@example.it", "password": DEFAULT_PASSWORD}
            )
            assert response.status_code == 302
            client.logout()


class TestPasswordReset:
    def test_sends_italian_email_and_resets(self, client):
        UserFactory(email="persona@example.it")

        response = client.post(reverse("account_reset_password"), {"email": "persona@example.it"})

        assert response.status_code == 302
        message = mail.outbox[-1]
        assert message.subject == "[Costellazioni civiche] Reimposta la password"
        assert "Per sceglierne una nuova apri questo collegamento" in message.body
        link = re.search(r"https?://\S+(/accounts/password/reset/key/\S+/)", message.body).group(1)
        form_page = client.get(link, follow=True)
        assert "Scegli una nuova password" in form_page.content.decode()
        response = client.post(
            form_page.redirect_chain[-1][0] if form_page.redirect_chain else link,
            {"password1": "Nuova-Password-Lagunare-1", "password2": "Nuova-Password-Lagunare-1"},
        )
        assert response.status_code == 302
        assert client.login(email="persona@example.it", password="Nuova-Password-Lagunare-1")

    def test_bad_key(self, client):
        response = client.get("/accounts/password/reset/key/zz-set-password/")

        assert "Collegamento non valido" in response.content.decode()


@pytest.mark.parametrize(
    ("url_name", "heading"),
    [
        ("account_login", "Accedi"),
        ("account_signup", "Registrati"),
        ("account_reset_password", "Reimposta la password"),
        ("account_reset_password_done", "Controlla la tua casella di posta"),
        ("account_email_verification_sent", "Conferma il tuo indirizzo e-mail"),
        ("account_inactive", "Account disattivato"),
    ],
)
def test_entrance_pages_in_italian(client, url_name, heading):
    response = client.get(reverse(url_name))

    assert response.status_code == 200
    assert re.search(rf"<h1[^>]*>{heading}</h1>", response.content.decode())


@pytest.mark.parametrize(
    ("url_name", "heading"),
    [
        ("account_email", "Indirizzi e-mail"),
        ("account_change_password", "Cambia la password"),
        ("account_logout", "Esci"),
        ("account_reauthenticate", "Conferma la tua identità"),
    ],
)
def test_account_management_pages_in_italian(client, url_name, heading):
    client.force_login(UserFactory())

    response = client.get(reverse(url_name))

    assert response.status_code == 200
    assert re.search(rf"<h1[^>]*>{heading}</h1>", response.content.decode())


def test_email_page_lists_addresses_with_their_state(client):
    user = UserFactory(email="persona@example.it")
    EmailAddress.objects.create(user=user, email="altra@example.it", verified=False, primary=False)
    client.force_login(user)

    html = client.get(reverse("account_email")).content.decode()

    assert "persona@example.it" in html and "Confermato" in html and "Principale" in html
    assert "altra@example.it" in html and "Da confermare" in html
    assert "<legend" in html


def test_password_set_page_for_accounts_without_password(client):
    user = UserFactory()
    user.set_unusable_password()
    user.save()
    client.force_login(user)

    response = client.get(reverse("account_set_password"))

    assert re.search(r"<h1[^>]*>Imposta la password</h1>", response.content.decode())


def test_change_password_sends_italian_notification(client):
    user = UserFactory(email="persona@example.it")
    client.force_login(user)

    response = client.post(
        reverse("account_change_password"),
        {
            "oldpassword": DEFAULT_PASSWORD,
            "password1": "Nuova-Password-Lagunare-1",
            "password2": "Nuova-Password-Lagunare-1",
        },
    )

    assert response.status_code == 302
    assert mail.outbox[-1].subject == "[Costellazioni civiche] Password cambiata"
    assert "la tua password è stata cambiata." in mail.outbox[-1].body


def test_logout(client):
    client.force_login(UserFactory())

    response = client.post(reverse("account_logout"))

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("template", ["account/signup_closed.html", "account/email_change.html"])
def test_allauth_templates_we_do_not_rewrite_render_with_the_portal_elements(rf, template):
    from django.contrib.auth.models import AnonymousUser
    from django.template.loader import render_to_string

    request = rf.get("/accounts/")
    request.user = AnonymousUser()

    html = render_to_string(template, {"form": None, "user": request.user}, request=request)

    assert '<h1 class="mb-3">' in html
    assert "<main" in html


class TestAccountEmailsNameThePortal:
    """The site's name comes from the ``Site`` row the migration writes; a blank name read "sul portale  del"."""

    def test_confirmation_email_names_the_portal(self, client):
        client.post(reverse("account_signup"), SIGNUP)

        body = mail.outbox[-1].body
        assert "sul portale Costellazioni civiche del Comune di Venezia." in body
        assert "Il gruppo di Costellazioni civiche" in body
        assert "  " not in body

    def test_password_reset_email_names_the_portal(self, client):
        UserFactory(email="persona@example.it")

        client.post(reverse("account_reset_password"), {"email": "persona@example.it"})

        body = mail.outbox[-1].body
        assert "Il gruppo di Costellazioni civiche" in body
        assert "Il gruppo di \n" not in body
