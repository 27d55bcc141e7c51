"""What the proxy says about the person: its claims, read through the configured mapping."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from costellazioni.identita import config
from costellazioni.validators import normalize_codice_fiscale, validate_codice_fiscale_persona

TIN_PREFIX = "TINIT-"


def all_claims(sociallogin) -> dict:
    """ID token and userinfo claims together (userinfo wins, as in allauth)."""
    data = sociallogin.account.extra_data or {}
    return {**(data.get("id_token") or {}), **(data.get("userinfo") or {})}


def claim(sociallogin, key: str) -> str:
    mapping = config.app_settings(sociallogin.account.provider).get("claims", config.DEFAULT_CLAIMS)
    value = all_claims(sociallogin).get(mapping.get(key, config.DEFAULT_CLAIMS[key]))
    return str(value).strip() if value else ""


def codice_fiscale(sociallogin) -> str:
    """The person's codice fiscale from ``fiscalNumber`` (``TINIT-RSSMRA…``), validated, or ValidationError."""
    value = claim(sociallogin, "codice_fiscale")
    if value.upper().startswith(TIN_PREFIX):
        value = value[len(TIN_PREFIX) :]
    value = normalize_codice_fiscale(value)
    if not value:
        raise ValidationError(
            _("Il gestore dell'identità non ha comunicato il codice fiscale: senza non possiamo riconoscerti."),
            code="codice_fiscale_mancante",
        )
    validate_codice_fiscale_persona(value)
    return value.upper()


def id_token_claims(sociallogin) -> dict:
    return (sociallogin.account.extra_data or {}).get("id_token") or {}
