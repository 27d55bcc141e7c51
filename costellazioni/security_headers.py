"""Content-Security-Policy and Permissions-Policy, on every response.

The CSP itself is django-csp's (settings ``CONTENT_SECURITY_POLICY``); this module builds its sources and adds the
``Permissions-Policy``: every powerful browser feature off, except where a view asks for one
(``@allow_browser_features("geolocation")`` on the pages with "vicino a me").
"""

from functools import wraps
from urllib.parse import urlsplit

# Features a page of this portal could be granted; all are off unless a view allows them.
BROWSER_FEATURES = (
    "accelerometer",
    "autoplay",
    "camera",
    "display-capture",
    "encrypted-media",
    "fullscreen",
    "geolocation",
    "gyroscope",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "picture-in-picture",
    "publickey-credentials-get",
    "screen-wake-lock",
    "serial",
    "usb",
    "xr-spatial-tracking",
)


def tile_source(url_template: str) -> str:
    """The CSP source of the map tiles' host, from ``MAP_TILE_URL`` (``{s}`` subdomains become ``*``)."""
    parts = urlsplit(url_template)
    host = parts.netloc.replace("{s}", "*")
    return f"{parts.scheme}://{host}"


def permissions_policy(allowed: frozenset[str] = frozenset()) -> str:
    return ", ".join(f"{feature}=(self)" if feature in allowed else f"{feature}=()" for feature in BROWSER_FEATURES)


def allow_browser_features(*features: str):
    """Let the page of this view use ``features`` (same origin only); every other page keeps them off."""
    unknown = set(features) - set(BROWSER_FEATURES)
    if unknown:
        raise ValueError(f"Unknown browser features: {sorted(unknown)}")

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            response.browser_features = frozenset(features)
            return response

        return wrapper

    return decorator


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault(
            "Permissions-Policy", permissions_policy(getattr(response, "browser_features", frozenset()))
        )
        return response
