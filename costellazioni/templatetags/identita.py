"""``{% identita_pulsanti %}``: the "Entra con SPID" / "Entra con CIE" buttons of the configured proxies."""

from django import template
from django.urls import reverse
from django.utils.http import urlencode

from costellazioni.identita import config

register = template.Library()


def _action(login_url: str, params: dict) -> str:
    params = {key: value for key, value in params.items() if value}
    return f"{login_url}?{urlencode({'auth_params': urlencode(params)})}" if params else login_url


@register.inclusion_tag("account/includes/identita_pulsanti.html")
def identita_pulsanti(process="login", next_url="", acr_values="", connect=False):
    pulsanti = []
    for app in config.configured_apps():
        provider_id, app_settings = app["provider_id"], app["settings"]
        login_url = reverse("openid_connect_login", kwargs={"provider_id": provider_id})
        hint = app_settings.get("idp_hint_param", "idp_hint")
        pulsanti.append(
            {
                "id": provider_id,
                "action": _action(login_url, {"acr_values": acr_values}),
                "idps": [
                    {"nome": idp["nome"], "action": _action(login_url, {hint: idp["valore"], "acr_values": acr_values})}
                    for idp in app_settings.get("idps", [])
                ],
            }
        )
    return {"pulsanti": pulsanti, "process": process, "next_url": next_url, "connect": connect}


@register.simple_tag
def identita_configurata() -> bool:
    return config.is_configured()


@register.simple_tag
def identita_collegate(user) -> list:
    """The SPID/CIE identities linked to this account (no query when SPID/CIE is not configured)."""
    if not (config.is_configured() and user.is_authenticated):
        return []
    return list(user.socialaccount_set.order_by("provider").values_list("provider", flat=True))
