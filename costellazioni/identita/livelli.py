"""Identity assurance levels: read from the ID token's ``acr``, kept on the session of that sign-in."""

from django.conf import settings

SESSION_KEY = "costellazioni_identita"

# acr values of SPID (AgID's OIDC rules) and of eIDAS (LoA), and the SPID level they stand for.
SPID_ACR = {
    "https://www.spid.gov.it/SpidL1": 1,
    "https://www.spid.gov.it/SpidL2": 2,
    "https://www.spid.gov.it/SpidL3": 3,
    "http://eidas.europa.eu/LoA/low": 1,
    "http://eidas.europa.eu/LoA/substantial": 2,
    "http://eidas.europa.eu/LoA/high": 3,
}
# CIE (the electronic identity card) is always a high-assurance credential: at least SPID L3's equivalent.
CIE_LEVEL = 3

ACR_FOR_LEVEL = {
    1: "https://www.spid.gov.it/SpidL1",
    2: "https://www.spid.gov.it/SpidL2",
    3: "https://www.spid.gov.it/SpidL3",
}


def level_from_claims(provider_id: str, claims: dict) -> int:
    """The level an identity proxy vouches for; 0 when it says nothing we know."""
    if provider_id == "cie":
        return CIE_LEVEL
    return SPID_ACR.get(str(claims.get("acr", "")).strip(), 0)


def remember(request, *, provider_id: str, level: int) -> None:
    request.session[SESSION_KEY] = {"provider": provider_id, "livello": level}


def forget(request) -> None:
    request.session.pop(SESSION_KEY, None)


def current(request) -> dict | None:
    """``{"provider": "spid", "livello": 2}`` for a session opened with SPID/CIE, else None."""
    data = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
    return data if isinstance(data, dict) else None


def current_level(request) -> int:
    data = current(request)
    return int(data.get("livello", 0)) if data else 0


def required_level_for_submission() -> int:
    """Level asked to submit a grant application or sign an MOU (0: no requirement)."""
    return settings.SPID_LEVEL_REQUIRED_FOR_SUBMISSION
