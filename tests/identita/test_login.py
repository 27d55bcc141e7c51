"""SPID/CIE sign-in against a real OpenID Connect provider on localhost: creation, linking, refusals."""

from urllib.parse import urlparse

import pytest
import requests
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.urls import reverse
from stdnum.it import codicefiscale

from costellazioni.identita import livelli
from costellazioni.models import EventoAudit, User
from tests.costellazioni.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def cf(stem: str) -> str:
    return stem + codicefiscale.calc_check_digit(stem)


MARCO = cf("ZNNMRC80A01L736")
GIULIA = cf("BRTGLI92E45L736")


def sign_in(client, *, provider="spid", process="login", next_url="", auth_params=""):
    """The browser's round trip: portal -> proxy (authorize) -> portal callback. Returns the callback's response."""
    url = reverse("openid_connect_login", kwargs={"provider_id": provider})
    if auth_params:
        url += f"?auth_params={auth_params}"
    data = {"process": process}
    if next_url:
        data["next"] = next_url
    to_proxy = client.post(url, data)
    assert to_proxy.status_code == 302, to_proxy.content[:300]
    back = requests.get(to_proxy.url, allow_redirects=False, timeout=10)
    assert back.status_code == 302, back.text
    callback = urlparse(back.headers["Location"])
    return client.get(f"{callback.path}?{callback.query}")


def first_sign_in(client, **kwargs):
    """A first sign-in: the proxy, then the one form (privacy notice, e-mail address). Returns the form's answer."""
    response = sign_in(client, **kwargs)
    assert response.url == reverse("socialaccount_signup")
    initial = client.get(response.url).context["form"].initial
    return client.post(reverse("socialaccount_signup"), {"email": initial["email"], "privacy": "on"})


class TestNewAccount:
    def test_creates_the_account_with_the_verified_claims(self, client, oidc_op):
        oidc_op.sign_in_as(codice_fiscale=MARCO, nome="Marco", cognome="Zanon", email="Marco.Zanon@example.it")

        response = sign_in(client)

        assert response.url == reverse("socialaccount_signup")
        html = client.get(response.url).content.decode()
        assert "Marco Zanon" in html
        assert MARCO in html
        assert 'value="marco.zanon@example.it"' in html
        assert not User.objects.filter(codice_fiscale=MARCO).exists()
        response = client.post(response.url, {"email": "marco.zanon@example.it", "privacy": ""})
        assert "Per registrarti devi dichiarare di aver letto l&#x27;informativa sulla privacy." in (
            response.content.decode()
        )
        response = client.post(reverse("socialaccount_signup"), {"email": "marco.zanon@example.it", "privacy": "on"})

        assert response.status_code == 302
        assert response.url == reverse("area_personale")
        user = User.objects.get(codice_fiscale=MARCO)
        assert (
            EventoAudit.objects.for_object(user).get().evento == "costellazioni.presa_visione_dell_informativa_privacy"
        )
        assert (user.first_name, user.last_name, user.email) == ("Marco", "Zanon", "marco.zanon@example.it")
        assert not user.has_usable_password()
        assert EmailAddress.objects.get(user=user).verified is True
        assert SocialAccount.objects.get(user=user).provider == "spid"
        assert client.session["_auth_user_id"] == str(user.pk)
        assert client.session[livelli.SESSION_KEY] == {"provider": "spid", "livello": 2}

    def test_signing_in_again_finds_the_same_account(self, client, oidc_op):
        oidc_op.sign_in_as(codice_fiscale=MARCO, email="marco@example.it")
        first_sign_in(client)
        client.logout()

        response = sign_in(client)

        assert response.url == reverse("area_personale")
        assert User.objects.filter(codice_fiscale=MARCO).count() == 1
        assert client.session["_auth_user_id"] == str(User.objects.get(codice_fiscale=MARCO).pk)

    def test_cie_after_spid_lands_on_the_same_account(self, client, oidc_op):
        oidc_op.sign_in_as(codice_fiscale=MARCO, email="marco@example.it", sub="spid-sub")
        first_sign_in(client)
        client.logout()
        oidc_op.sign_in_as(codice_fiscale=MARCO, email="marco@example.it", sub="cie-sub")

        sign_in(client, provider="cie")

        user = User.objects.get(codice_fiscale=MARCO)
        assert sorted(SocialAccount.objects.filter(user=user).values_list("provider", flat=True)) == ["cie", "spid"]
        assert client.session[livelli.SESSION_KEY] == {"provider": "cie", "livello": livelli.CIE_LEVEL}

    def test_without_e_mail_the_person_gives_one_and_confirms_it(
        self, client, oidc_op, mailoutbox, django_capture_on_commit_callbacks
    ):
        oidc_op.sign_in_as(codice_fiscale=GIULIA, nome="Giulia", cognome="Bertoldi")

        response = sign_in(client)

        assert response.status_code == 302
        assert response.url == reverse("socialaccount_signup")
        page = client.get(response.url)
        assert "non ci ha comunicato un indirizzo e-mail" in page.content.decode()
        assert page.context["form"].initial["email"] == ""
        with django_capture_on_commit_callbacks(execute=True):  # the confirmation leaves through the outbox
            client.post(reverse("socialaccount_signup"), {"email": "giulia@example.it", "privacy": "on"})
        user = User.objects.get(codice_fiscale=GIULIA)
        assert user.email == "giulia@example.it"
        assert EmailAddress.objects.get(user=user).verified is False
        assert [m.to for m in mailoutbox] == [["giulia@example.it"]]

    @pytest.mark.parametrize(
        ("fiscal_number", "message"),
        [
            ("TINIT-ZNNMRC80A01L736X", "Il codice fiscale non è valido"),
            ("", "non ha comunicato il codice fiscale"),
        ],
    )
    def test_a_missing_or_invalid_codice_fiscale_is_refused(self, client, oidc_op, fiscal_number, message):
        oidc_op.sign_in_as(codice_fiscale=MARCO, email="marco@example.it")
        oidc_op.identity["fiscalNumber"] = fiscal_number

        response = sign_in(client)

        assert response.status_code == 403
        assert message in response.content.decode()
        assert not User.objects.filter(email="marco@example.it").exists()
        assert "_auth_user_id" not in client.session


class TestExistingPasswordAccount:
    def test_same_codice_fiscale_is_never_taken_over(self, client, oidc_op):
        owner = UserFactory(codice_fiscale=MARCO, email="marco@example.it")
        oidc_op.sign_in_as(codice_fiscale=MARCO, email="altro@example.it")

        response = sign_in(client)

        assert response.status_code == 403
        html = response.content.decode()
        assert "Per sicurezza non lo colleghiamo da solo" in html
        assert "Collega SPID" in html
        assert not SocialAccount.objects.exists()
        assert "_auth_user_id" not in client.session
        assert User.objects.get(pk=owner.pk).codice_fiscale == MARCO

    def test_same_e_mail_is_never_linked_silently(self, client, oidc_op):
        UserFactory(email="marco@example.it")
        oidc_op.sign_in_as(codice_fiscale=MARCO, email="MARCO@example.it")

        response = sign_in(client)

        assert response.status_code == 403
        assert "Per sicurezza non lo colleghiamo da solo" in response.content.decode()
        assert not SocialAccount.objects.exists()
        assert not User.objects.filter(codice_fiscale=MARCO).exists()

    def test_linked_after_password_then_spid_from_the_profile(self, client, oidc_op):
        owner = UserFactory(codice_fiscale=MARCO, email="marco@example.it")
        assert client.post(reverse("account_login"), {"login": owner.email, "password": DEFAULT_PASSWORD}).url
        oidc_op.sign_in_as(codice_fiscale=MARCO, email="marco@example.it")

        response = sign_in(client, process="connect", next_url=reverse("area_personale_profilo"))

        assert response.url == reverse("area_personale_profilo")
        assert SocialAccount.objects.get().user == owner
        assert client.session[livelli.SESSION_KEY]["livello"] == 2
        client.logout()
        assert sign_in(client).url == reverse("area_personale")
        assert client.session["_auth_user_id"] == str(owner.pk)

    def test_linking_records_the_codice_fiscale_of_an_account_without_one(self, client, oidc_op):
        owner = UserFactory(email="marco@example.it")
        client.force_login(owner)
        oidc_op.sign_in_as(codice_fiscale=MARCO)

        sign_in(client, process="connect")

        owner.refresh_from_db()
        assert owner.codice_fiscale == MARCO
        assert SocialAccount.objects.get().user == owner

    def test_linking_an_identity_with_another_codice_fiscale_is_refused(self, client, oidc_op):
        owner = UserFactory(codice_fiscale=GIULIA)
        client.force_login(owner)
        oidc_op.sign_in_as(codice_fiscale=MARCO)

        response = sign_in(client, process="connect")

        assert response.status_code == 403
        assert "non corrisponde a quello del tuo account" in response.content.decode()
        assert not SocialAccount.objects.exists()

    def test_linking_a_codice_fiscale_of_another_account_is_refused(self, client, oidc_op):
        UserFactory(codice_fiscale=MARCO)
        intruder = UserFactory()
        client.force_login(intruder)
        oidc_op.sign_in_as(codice_fiscale=MARCO)

        response = sign_in(client, process="connect")

        assert response.status_code == 403
        assert "già collegato a un altro account" in response.content.decode()
        assert not SocialAccount.objects.exists()
        assert User.objects.get(pk=intruder.pk).codice_fiscale == ""


class TestTokens:
    def test_an_id_token_signed_with_another_key_is_refused(self, client, oidc_op):
        oidc_op.sign_in_as(codice_fiscale=MARCO, email="marco@example.it")
        oidc_op.forge = True

        response = sign_in(client)

        assert response.status_code == 401
        assert "Accesso con SPID o CIE non riuscito" in response.content.decode()
        assert not User.objects.filter(codice_fiscale=MARCO).exists()
        assert "_auth_user_id" not in client.session

    def test_an_expired_id_token_is_refused(self, client, oidc_op):
        oidc_op.sign_in_as(codice_fiscale=MARCO, email="marco@example.it")
        oidc_op.expire = True

        response = sign_in(client)

        assert "Accesso con SPID o CIE non riuscito" in response.content.decode()
        assert not User.objects.filter(codice_fiscale=MARCO).exists()
        assert "_auth_user_id" not in client.session

    def test_pkce_and_the_requested_level_reach_the_proxy(self, client, oidc_op):
        oidc_op.sign_in_as(codice_fiscale=MARCO, email="marco@example.it")

        sign_in(client, auth_params="acr_values%3Dhttps%253A%252F%252Fwww.spid.gov.it%252FSpidL2")

        request = oidc_op.authorize_requests[-1]
        assert request["acr_values"] == "https://www.spid.gov.it/SpidL2"
        assert request["code_challenge_method"] == "S256"
        assert set(request["scope"].split()) == {"openid", "profile", "email"}
