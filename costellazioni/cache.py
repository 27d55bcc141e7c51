"""The Redis cache, with a degraded mode: when Redis does not answer, this process counts in its own memory.

Rate limits (allauth's log-in limits, ``costellazioni.ratelimit``) live in the cache. With plain ``RedisCache``
an unreachable Redis turns every log-in into a 500; here each call that fails falls back to a per-process
memory cache, with one warning a minute in the log. Limits keep working per process (looser, never off); Redis
is tried again 10 seconds after a failure, so the shared counters return soon after Redis does.
"""

import logging
import time

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

WARN_EVERY = 60  # seconds between two warnings about the same outage
RETRY_AFTER = 10  # seconds during which, after a failure, calls go straight to memory instead of waiting on Redis

_FALLBACK_METHODS = (
    "add",
    "get",
    "set",
    "touch",
    "delete",
    "get_many",
    "has_key",
    "incr",
    "set_many",
    "delete_many",
    "clear",
    "get_or_set",
)


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django's client builds a new ``redis.Redis`` (with its table of reply callbacks) for every cache call; one per
    connection pool is enough: it is thread-safe, and the pool it wraps reconnects after a fork."""

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_clients", {})
        client = clients.get(id(pool))
        if client is None:
            client = clients[id(pool)] = self._client(connection_pool=pool)
        return client


class FallbackRedisCache(RedisCache):
    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        options.setdefault("socket_connect_timeout", 1)
        options.setdefault("socket_timeout", 1)
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = ReusedClientRedisCacheClient
        self._fallback = LocMemCache(f"fallback-{server}", {"TIMEOUT": params.get("TIMEOUT", 300)})
        self._warned_at = 0.0
        self._down_until = 0.0

    def _degraded(self, method: str, error: Exception) -> None:
        now = time.monotonic()
        self._down_until = now + RETRY_AFTER
        if now - self._warned_at > WARN_EVERY:
            self._warned_at = now
            logger.warning("Redis cache unreachable (%s: %s); counting in this process's memory.", method, error)


def _with_fallback(name):
    redis_method = getattr(RedisCache, name)

    def method(self, *args, **kwargs):
        if time.monotonic() < self._down_until:
            return getattr(self._fallback, name)(*args, **kwargs)
        try:
            return redis_method(self, *args, **kwargs)
        except RedisError as error:
            self._degraded(name, error)
            return getattr(self._fallback, name)(*args, **kwargs)

    method.__name__ = name
    return method


for _name in _FALLBACK_METHODS:
    setattr(FallbackRedisCache, _name, _with_fallback(_name))
