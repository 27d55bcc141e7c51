"""How many unread messages a person has, shown in the header of every page: kept in the cache per person.

Forgotten whenever it changes: a new message (``notify``), a message read (one or all) or deleted.
"""

from collections.abc import Iterable

from django.core.cache import cache
from django.db import transaction

KEY = "messaggi:unread:{}"
TIMEOUT = 24 * 60 * 60


def unread_count(user) -> int:
    key = KEY.format(user.pk)
    count = cache.get(key)
    if count is None:
        count = user.messaggi.unread().count()
        cache.set(key, count, TIMEOUT)
    return count


def forget(user_ids: Iterable[int]) -> None:
    """Forget the counts now and again when the transaction commits (a count read meanwhile may be old)."""
    keys = [KEY.format(pk) for pk in set(user_ids)]
    if not keys:
        return
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


def message_changed(sender, instance, **kwargs) -> None:
    forget([instance.destinatario_id])
