"""Rate limits on anonymous forms (candidacies, need reports), keyed on the client's IP address.

Behind reverse proxies ``REMOTE_ADDR`` is the nearest proxy's address, so every visitor would share one
counter. ``ALLAUTH_TRUSTED_PROXY_COUNT`` (environment ``TRUSTED_PROXY_COUNT``) says how many proxies we run
in front of Django; allauth's log-in limits read the same setting, so all limits agree on who the client is.
"""

import ipaddress

from django.conf import settings
from django.core.cache import cache

IPV6_PREFIX = 64  # one household or phone gets a whole /64: rotating within it must not reset the count


def client_ip(request) -> str:
    """The client's address: the entry our own proxies appended to X-Forwarded-For, else REMOTE_ADDR.

    Only the last ``TRUSTED_PROXY_COUNT`` entries were written by proxies we control; anything to their left
    came from the client and may be forged, so it is never read.
    """
    proxies = settings.ALLAUTH_TRUSTED_PROXY_COUNT
    address = request.META.get("REMOTE_ADDR", "")
    forwarded = [part.strip() for part in request.headers.get("X-Forwarded-For", "").split(",") if part.strip()]
    if proxies > 0 and len(forwarded) >= proxies:
        address = forwarded[-proxies]
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/{IPV6_PREFIX}", strict=False).network_address)
    return str(parsed)


def over_limit(request, *, scope: str, limit: int, period: int = 3600) -> bool:
    """Count one more attempt at ``scope`` from this client; True once more than ``limit`` fall in ``period``."""
    key = f"ratelimit:{scope}:{client_ip(request)}"
    cache.add(key, 0, timeout=period)
    try:
        return cache.incr(key) > limit
    except ValueError:  # the key expired between add and incr: this is the first attempt of a new period
        cache.add(key, 1, timeout=period)
        return False


def limit_reached(request, *, scope: str, limit: int) -> bool:
    """True when this client already has ``limit`` counted attempts at ``scope`` in the period; counts nothing.

    With ``limit_count`` it limits only what was accepted: a form refused for its content does not use up the
    allowance, and the refusal for the limit can show the form again with what was typed.
    """
    return (cache.get(f"ratelimit:{scope}:{client_ip(request)}") or 0) >= limit


def limit_count(request, *, scope: str, period: int = 3600) -> None:
    """Count one accepted attempt at ``scope`` from this client."""
    key = f"ratelimit:{scope}:{client_ip(request)}"
    cache.add(key, 0, timeout=period)
    try:
        cache.incr(key)
    except ValueError:  # the key expired between add and incr
        cache.add(key, 1, timeout=period)
