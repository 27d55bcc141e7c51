"""Versions in the cache: a key whose value changes whenever what it stands for does, so that whatever was stored
under the old value is never read again (the public pages, the monitoring dashboards, each person's permissions).
"""

import uuid

from django.core.cache import cache
from django.db import transaction


def current(keys: list[str]) -> list[str]:
    """The versions under ``keys``, in one read; a key never set (or evicted) gets a new one, so nothing stored
    under an older one comes back."""
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            cache.add(key, uuid.uuid4().hex, None)
            found[key] = cache.get(key)
    return [str(found[key]) for key in keys]


def renew(key: str) -> None:
    """A new version now, and again when the transaction commits: what is rendered meanwhile from the old rows is
    not kept."""
    _set_new(key)
    transaction.on_commit(lambda: _set_new(key))


def _set_new(key: str) -> None:
    cache.set(key, uuid.uuid4().hex, None)
