"""The buttons appear only for configured proxies; the settings come from the environment."""

import environ
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from costellazioni.identita import config
from tests.costellazioni.factories import UserFactory
from tests.identita.test_login import MARCO, sign_in

pytestmark = pytest.mark.django_db


def test_no_buttons_when_nothing_is_configured(client, settings):
    settings.SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": []}}
    html = client.get(reverse("account_login")).content.decode()
    assert "Entra con SPID" not in html
    assert "Con la tua identità digitale" not in html


def test_login_page_shows_both_buttons(client, oidc_op):
    html = client.get(reverse("account_login") + "?next=/bandi/").content.decode()
    assert html.count("Entra con SPID") == 1
    assert html.count("Entra con CIE") == 1
    assert 'action="/accounts/oidc/spid/login/"' in html
    assert 'action="/accounts/oidc/cie/login/"' in html
    assert '<input type="hidden" name="next" value="/bandi/">' in html
    assert "<details" not in html  # no identity provider list configured: the proxy's own discovery page


def test_only_the_configured_proxy_has_a_button(client, oidc_op, settings):
    apps = settings.SOCIALACCOUNT_PROVIDERS["openid_connect"]["APPS"]
    settings.SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": [apps[1]]}}
    html = client.get(reverse("account_login")).content.decode()
    assert "Entra con SPID" not in html
    assert "Entra con CIE" in html


def test_profile_offers_to_link_then_shows_the_verified_codice_fiscale(client, oidc_op):
    user = UserFactory()
    client.force_login(user)
    html = client.get(reverse("area_personale_profilo")).content.decode()
    assert "Collega SPID" in html
    assert '<input type="hidden" name="process" value="connect">' in html

    oidc_op.sign_in_as(codice_fiscale=MARCO)
    sign_in(client, process="connect")

    html = client.get(reverse("area_personale_profilo")).content.decode()
    assert "Collega SPID" not in html
    assert f"il codice fiscale <strong>{MARCO}</strong> è verificato" in html


def test_level_page_refuses_an_outside_next_url(client, oidc_op):
    html = client.get(reverse("identita_livello") + "?next=https://evil.example/").content.decode()
    assert 'name="next" value="https://evil.example/"' not in html
    assert "Torna indietro" not in html
    assert "SPID di livello 2" in html


class TestAppsFromEnv:
    def env(self, monkeypatch, **values):
        for key, value in values.items():
            monkeypatch.setenv(key, value)
        return environ.Env()

    def test_nothing_without_issuer_and_client(self, monkeypatch):
        for key in ("SPID_OIDC_ISSUER", "SPID_OIDC_CLIENT_ID", "CIE_OIDC_ISSUER", "CIE_OIDC_CLIENT_ID"):
            monkeypatch.delenv(key, raising=False)
        assert config.apps_from_env(environ.Env()) == []

    def test_spid_app_with_claims_levels_and_idp_list(self, monkeypatch):
        monkeypatch.delenv("CIE_OIDC_ISSUER", raising=False)
        env = self.env(
            monkeypatch,
            SPID_OIDC_ISSUER="https://iam-proxy.comune.venezia.it/OIDC",
            SPID_OIDC_CLIENT_ID="costellazioni",
            SPID_OIDC_CLIENT_SECRET="s3greto",
            SPID_OIDC_SCOPES="openid profile",
            SPID_OIDC_CLAIM_CODICE_FISCALE="https://attributes.eid.gov.it/fiscal_number",
            SPID_OIDC_ACR_VALUES="https://www.spid.gov.it/SpidL2",
            SPID_OIDC_IDPS="Poste Italiane|https://posteid.poste.it; Aruba|https://loginspid.aruba.it",
        )
        (app,) = config.apps_from_env(env)
        assert (app["provider_id"], app["client_id"], app["secret"]) == ("spid", "costellazioni", "s3greto")
        assert app["settings"]["server_url"] == "https://iam-proxy.comune.venezia.it/OIDC"
        assert app["settings"]["scope"] == ["openid", "profile"]
        assert app["settings"]["claims"]["codice_fiscale"] == "https://attributes.eid.gov.it/fiscal_number"
        assert app["settings"]["claims"]["email"] == "email"
        assert app["settings"]["auth_params"] == {"acr_values": "https://www.spid.gov.it/SpidL2"}
        assert app["settings"]["idps"][1] == {"nome": "Aruba", "valore": "https://loginspid.aruba.it"}

    def test_spid_and_cie_need_different_client_ids(self, monkeypatch):
        env = self.env(
            monkeypatch,
            SPID_OIDC_ISSUER="https://proxy.example",
            SPID_OIDC_CLIENT_ID="uno",
            CIE_OIDC_ISSUER="https://proxy.example",
            CIE_OIDC_CLIENT_ID="uno",
        )
        with pytest.raises(ImproperlyConfigured, match="must differ"):
            config.apps_from_env(env)


def test_a_verified_codice_fiscale_cannot_be_edited(client, oidc_op):
    user = UserFactory(first_name="Marco", last_name="Zanon")
    client.force_login(user)
    oidc_op.sign_in_as(codice_fiscale=MARCO)
    sign_in(client, process="connect")

    response = client.post(
        reverse("area_personale_profilo"),
        {"first_name": "Marco", "last_name": "Zanon", "codice_fiscale": "", "email_digest": "immediate"},
    )

    assert response.url == reverse("area_personale_profilo")
    user.refresh_from_db()
    assert user.codice_fiscale == MARCO
    assert "Verificato con SPID o CIE: non si può modificare." in client.get(response.url).content.decode()
