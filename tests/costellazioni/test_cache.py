"""Redis down degrades the cache to this process's memory: rate limits still count, with one log line."""

import logging

import pytest
from django.core.cache import caches
from django.test import RequestFactory

from costellazioni.ratelimit import over_limit

CLOSED_PORT = "redis://127.0.0.1:9/0"


@pytest.fixture
def redis_down_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "costellazioni.cache.FallbackRedisCache", "LOCATION": CLOSED_PORT}}
    yield caches["default"]
    caches["default"]._fallback.clear()


def test_rate_limits_keep_counting_in_memory_and_say_so_once(redis_down_cache, caplog):
    request = RequestFactory().post("/antenne/candidati/", REMOTE_ADDR="203.0.113.9")
    with caplog.at_level(logging.WARNING, logger="costellazioni.cache"):
        outcomes = [over_limit(request, scope="prova", limit=3) for _ in range(5)]

    assert outcomes == [False, False, False, True, True]
    warnings = [r for r in caplog.records if r.name == "costellazioni.cache"]
    assert len(warnings) == 1
    assert "Redis cache unreachable" in warnings[0].getMessage()


def test_every_cache_call_answers_without_redis(redis_down_cache):
    cache = redis_down_cache
    cache.set("chiave", "valore", 60)
    assert cache.get("chiave") == "valore"
    assert cache.add("altra", 1) is True
    assert cache.incr("altra") == 2
    assert cache.get_many(["chiave", "altra"]) == {"chiave": "valore", "altra": 2}
    cache.delete("chiave")
    assert cache.get("chiave") is None
