"""allauth ``openid_connect`` apps built from the environment, and the reads the templates need."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# provider_id -> (environment prefix, display name). The order is the order of the buttons.
PROXIES = {"spid": ("SPID", "SPID"), "cie": ("CIE", "CIE")}

DEFAULT_CLAIMS = {
    "codice_fiscale": "fiscalNumber",
    "nome": "given_name",
    "cognome": "family_name",
    "email": "email",
}


def _idp_list(value: str) -> list[dict]:
    """``Nome|valore;Nome|valore`` -> [{"nome": ..., "valore": ...}] (the IdP menu of the SPID button)."""
    items = []
    for chunk in value.split(";"):
        if "|" in chunk:
            nome, valore = chunk.split("|", 1)
            if nome.strip() and valore.strip():
                items.append({"nome": nome.strip(), "valore": valore.strip()})
    return items


def apps_from_env(env) -> list[dict]:
    """One allauth ``openid_connect`` app per proxy whose issuer and client id are set."""
    apps = []
    for provider_id, (prefix, name) in PROXIES.items():
        issuer = env(f"{prefix}_OIDC_ISSUER", default="")
        client_id = env(f"{prefix}_OIDC_CLIENT_ID", default="")
        if not (issuer and client_id):
            continue
        claims = {
            key: env(f"{prefix}_OIDC_CLAIM_{key.upper()}", default=default) for key, default in DEFAULT_CLAIMS.items()
        }
        app_settings = {
            "server_url": issuer,
            "oauth_pkce_enabled": True,
            "fetch_userinfo": env.bool(f"{prefix}_OIDC_FETCH_USERINFO", default=True),
            "uid_field": env(f"{prefix}_OIDC_UID_FIELD", default="sub"),
            "scope": env(f"{prefix}_OIDC_SCOPES", default="openid profile email").split(),
            "claims": claims,
            "idp_hint_param": env(f"{prefix}_OIDC_IDP_HINT_PARAM", default="idp_hint"),
            "idps": _idp_list(env(f"{prefix}_OIDC_IDPS", default="")),
        }
        if acr_values := env(f"{prefix}_OIDC_ACR_VALUES", default=""):
            app_settings["auth_params"] = {"acr_values": acr_values}
        if token_auth_method := env(f"{prefix}_OIDC_TOKEN_AUTH_METHOD", default=""):
            app_settings["token_auth_method"] = token_auth_method
        apps.append(
            {
                "provider_id": provider_id,
                "name": name,
                "client_id": client_id,
                "secret": env(f"{prefix}_OIDC_CLIENT_SECRET", default=""),
                "settings": app_settings,
            }
        )
    client_ids = [app["client_id"] for app in apps]
    if len(set(client_ids)) != len(client_ids):
        # allauth finds an app again by provider and client id: the SPID and CIE clients must differ.
        raise ImproperlyConfigured("SPID_OIDC_CLIENT_ID and CIE_OIDC_CLIENT_ID must differ.")
    return apps


def configured_apps() -> list[dict]:
    return settings.SOCIALACCOUNT_PROVIDERS.get("openid_connect", {}).get("APPS", [])


def app_settings(provider_id: str) -> dict:
    for app in configured_apps():
        if app["provider_id"] == provider_id:
            return app["settings"]
    return {}


def is_configured() -> bool:
    """True when at least one proxy (SPID or CIE) is configured: only then are levels enforced."""
    return bool(configured_apps())
