"""Whole public pages kept in the cache for anonymous visitors, until what they show changes.

A public view declares the apps whose content it shows::

    @public_page("hubs", "governance")
    def hub_list(request): ...

An anonymous GET is then answered from the cache (Redis in production, this process's memory without it), one
copy per address, query string and language. Each app has a **version** in the cache; saving or deleting any of
its content models (signals, connected in ``CostellazioniConfig.ready``) gives it a new version at once and again
when the transaction commits, so the next request renders afresh: an edit shows immediately.
``PAGE_CACHE_SECONDS`` bounds what changes with the clock alone (a call that closes at midnight).

Never cached, never served from the cache: a logged-in person, a visitor with messages waiting (a flash after a
form), anything but a plain 200 HTML answer, a view that wrote the session, set a cookie or queued a message.

The CSRF-bearing forms every page carries (language switcher, page rating, any form of the page) keep working:
the stored copy holds a placeholder where the token was, and each answer from the cache puts the visitor's own
token there (and sets their CSRF cookie, as rendering would).
"""

import hashlib
import re
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token

from costellazioni import cache_versions

# The apps whose saves change public pages; pages name a subset of these.
CONTENT_APPS = (
    "costellazioni",
    "ricerca",
    "hubs",
    "governance",
    "antenne",
    "coprogrammazione",
    "contributi",
    "monitoraggio",
)
ALL = CONTENT_APPS

# Models that no public page shows: their (frequent) saves leave the pages' versions alone.
IGNORED_MODELS = {
    "costellazioni.eventoaudit",
    "costellazioni.operazioneincoda",
    "costellazioni.messaggio",
    "costellazioni.allegatomessaggio",
    "costellazioni.valutazionepagina",
    "costellazioni.registroprotocollo",
    "costellazioni.protocollo",
}
# A log-in saves the user's last_login only: no page shows it.
IGNORED_UPDATE_FIELDS = frozenset({"last_login"})

VERSION_KEY = "pagecache:version:{}"
PAGE_KEY = "pagecache:page:{}"
MAX_QUERY_STRING = 300  # longer query strings (hostile or odd) are rendered, not stored
CACHE_HEADER = "X-Page-Cache"

CSRF_INPUT = re.compile(rb'(<input type="hidden" name="csrfmiddlewaretoken" value=")([A-Za-z0-9]+)(")')
CSRF_PLACEHOLDER = b"__csrf_token_placeholder__"


def public_page(*apps: str):
    """Cache this view's page for anonymous visitors; ``apps`` are the apps whose content it shows."""
    unknown = set(apps) - set(CONTENT_APPS)
    if unknown or not apps:
        raise ValueError(f"public_page() takes app labels among {CONTENT_APPS}, not {sorted(unknown) or '()'}.")

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not _request_cacheable(request):
                return view(request, *args, **kwargs)
            key = _page_key(request, apps)
            stored = cache.get(key)
            if stored is not None:
                return _from_cache(request, stored)
            response = view(request, *args, **kwargs)
            if _response_cacheable(request, response):
                cache.set(key, _to_cache(response), settings.PAGE_CACHE_SECONDS)
                response[CACHE_HEADER] = "miss"
            return response

        wrapped.public_page_apps = apps
        return wrapped

    return decorator


def bump(app_label: str) -> None:
    """Give ``app_label`` a new version: every cached page that shows its content is rendered again.

    Now, and once more when the transaction commits: a page rendered from the old rows in the meantime is not kept.
    Services that write public content with ``update()`` or ``bulk_create()`` (no signals) call it themselves.
    """
    cache_versions.renew(VERSION_KEY.format(app_label))


def content_changed(sender, instance=None, update_fields=None, **kwargs) -> None:
    """Receiver of post_save, post_delete and m2m_changed for every model."""
    meta = sender._meta
    if meta.app_label not in CONTENT_APPS or meta.label_lower in IGNORED_MODELS:
        return
    if update_fields and set(update_fields) <= IGNORED_UPDATE_FIELDS:
        return
    bump(meta.app_label)


def _request_cacheable(request) -> bool:
    if request.method != "GET" or len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_STRING:
        return False
    user = getattr(request, "user", None)
    if user is None or user.is_authenticated:
        return False
    storage = getattr(request, "_messages", None)
    return storage is None or len(storage) == 0


def _page_key(request, apps) -> str:
    parts = [
        request.scheme,
        request.get_host(),
        request.get_full_path(),
        getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE),
        *cache_versions.current([VERSION_KEY.format(app) for app in apps]),
    ]
    return PAGE_KEY.format(hashlib.sha256("\n".join(parts).encode()).hexdigest())


def _response_cacheable(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    if "private" in response.get("Cache-Control", "") or "no-store" in response.get("Cache-Control", ""):
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    storage = getattr(request, "_messages", None)
    return storage is None or not storage._queued_messages


def _to_cache(response) -> tuple[bytes, list[tuple[str, str]]]:
    content = CSRF_INPUT.sub(rb"\1" + CSRF_PLACEHOLDER + rb"\3", response.content)
    return content, list(response.items())


def _from_cache(request, stored) -> HttpResponse:
    content, headers = stored
    if CSRF_PLACEHOLDER in content:
        content = content.replace(CSRF_PLACEHOLDER, get_token(request).encode())
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    response[CACHE_HEADER] = "hit"
    return response
