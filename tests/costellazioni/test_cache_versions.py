"""A version read twice is the same until renewed; renewed, it changes at once and again at commit."""

import pytest
from django.core.cache import cache

from costellazioni import cache_versions

pytestmark = pytest.mark.django_db  # renewing registers an on-commit callback


def test_a_version_stays_until_renewed_then_changes():
    first, other = cache_versions.current(["prova:a", "prova:b"])
    assert cache_versions.current(["prova:a", "prova:b"]) == [first, other]
    assert first != other
    cache_versions.renew("prova:a")
    renewed, same = cache_versions.current(["prova:a", "prova:b"])
    assert renewed != first and same == other


def test_an_evicted_version_comes_back_new():
    (first,) = cache_versions.current(["prova:a"])
    cache.delete("prova:a")
    (second,) = cache_versions.current(["prova:a"])
    assert second != first
    assert cache_versions.current(["prova:a"]) == [second]


def test_renewed_again_when_the_transaction_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        cache_versions.renew("prova:a")
        (during,) = cache_versions.current(["prova:a"])
    assert len(callbacks) == 1
    assert cache_versions.current(["prova:a"]) != [during]
