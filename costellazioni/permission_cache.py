"""Each person's permissions kept in the cache between requests, until groups or permissions change.

Django loads a person's permissions with two queries on every request that asks for one: every admin page and
every portal page that checks ``is_staff_comunale``. ``CachedPermissionsBackend``, first in
``AUTHENTICATION_BACKENDS``, reads them from here instead, kept per person and per ``is_superuser`` under a
**version** that any change to a group, a permission or a link between them and a person replaces (signals,
connected in ``CostellazioniConfig.ready``), at once and again when the transaction commits: a permission granted
or withdrawn counts on the next request. ``SECONDS`` bounds a change made without the ORM's signals (raw SQL,
``update()`` on the link tables, which the portal never does).
"""

from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache

from costellazioni import cache_versions

VERSION_KEY = "auth:permissions:version"
KEY = "auth:permissions:{version}:{pk}:{superuser}"
SECONDS = 300


class CachedPermissionsBackend(ModelBackend):
    """Django's ``ModelBackend`` for permissions, read from the cache; it authenticates no one.

    The backends after it authenticate as before (and keep the sessions that name them), and find the
    permissions it has read on the person (``_perm_cache``), so a permission check runs no query.
    """

    def authenticate(self, request, **credentials):
        return None

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            (version,) = cache_versions.current([VERSION_KEY])
            key = KEY.format(version=version, pk=user_obj.pk, superuser=int(user_obj.is_superuser))
            permissions = cache.get(key)
            if permissions is None:
                permissions = super().get_all_permissions(user_obj)
                cache.set(key, permissions, SECONDS)
            user_obj._perm_cache = permissions
        return user_obj._perm_cache


def permissions_changed(**kwargs) -> None:
    """Receiver: a group, a permission or a person's link to either changed, or migrations ran."""
    if kwargs.get("action", "post_").startswith("pre_"):
        return
    cache_versions.renew(VERSION_KEY)
