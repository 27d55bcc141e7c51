import pytest

from tests.identita.oidc_provider import Provider


@pytest.fixture(scope="session")
def _op_server():
    op = Provider().start()
    yield op
    op.stop()


@pytest.fixture
def oidc_op(_op_server, settings):
    """The proxy, configured as the portal's SPID provider (and as CIE, on the same server)."""
    op = _op_server
    op.identity, op.forge, op.expire, op.authorize_requests = {}, False, False, []
    app_settings = {
        "server_url": op.issuer,
        "oauth_pkce_enabled": True,
        "fetch_userinfo": True,
        "uid_field": "sub",
        "scope": ["openid", "profile", "email"],
        "claims": {"codice_fiscale": "fiscalNumber", "nome": "given_name", "cognome": "family_name", "email": "email"},
        "idp_hint_param": "idp_hint",
        "idps": [],
    }
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            "APPS": [
                {
                    "provider_id": provider_id,
                    "name": name,
                    "client_id": f"portale-{provider_id}",
                    "secret": op.clients[f"portale-{provider_id}"],
                    "settings": dict(app_settings),
                }
                for provider_id, name in (("spid", "SPID"), ("cie", "CIE"))
            ]
        }
    }
    settings.SPID_LEVEL_REQUIRED_FOR_SUBMISSION = 2
    return op
