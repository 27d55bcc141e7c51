"""Rate limits behind reverse proxies: costellazioni.ratelimit, used by candidacies and need reports."""

import pytest

from antenne.models import Antenna
from costellazioni.ratelimit import client_ip
from ricerca.models import Bisogno
from tests.antenne.factories import primo_quartiere

pytestmark = pytest.mark.django_db


class TestClientIp:
    def test_without_trusted_proxies_the_header_is_ignored(self, rf, settings):
        settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
        request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
        assert client_ip(request) == "10.0.0.1"

    def test_one_proxy_gives_the_address_it_appended(self, rf, settings):
        settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
        request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
        assert client_ip(request) == "203.0.113.9"  # "6.6.6.6" came from the client: forged, never read

    def test_two_proxies(self, rf, settings):
        settings.ALLAUTH_TRUSTED_PROXY_COUNT = 2
        request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9, 10.0.0.1")
        assert client_ip(request) == "203.0.113.9"

    def test_a_short_header_falls_back_to_the_peer(self, rf, settings):
        settings.ALLAUTH_TRUSTED_PROXY_COUNT = 2
        request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.9")
        assert client_ip(request) == "10.0.0.2"

    def test_ipv6_counts_per_64_network(self, rf, settings):
        settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
        one = rf.get("/", REMOTE_ADDR="2001:db8:1:2::1")
        other = rf.get("/", REMOTE_ADDR="2001:db8:1:2:ffff::9")
        assert client_ip(one) == client_ip(other) == "2001:db8:1:2::"


def candidatura(n):
    return {
        "tipo": "negozio",
        "nome_pubblico": f"Latteria {n}",
        "quartiere": primo_quartiere().pk,
        "email": "latteria@example.it",
        "consenso_trattamento": "on",
    }


BISOGNO = {"categoria": "spazi", "descrizione": "Manca un posto dove studiare", "urgenza": "bassa"}


@pytest.mark.parametrize(
    ("url", "data", "model"),
    [("/antenne/candidati/", candidatura, Antenna), ("/bisogni/segnala/", lambda n: BISOGNO, Bisogno)],
)
class TestBehindAProxy:
    def post(self, client, url, data, n, ip):
        return client.post(url, data(n), REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=ip)

    def test_visitors_behind_the_same_proxy_have_their_own_limit(self, client, settings, url, data, model):
        settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
        for n in range(5):
            assert self.post(client, url, data, n, "203.0.113.1").status_code == 302
        assert self.post(client, url, data, 5, "203.0.113.1").status_code == 429
        assert self.post(client, url, data, 6, "203.0.113.2").status_code == 302
        assert model.objects.count() == 6

    def test_a_forged_header_does_not_escape_the_limit(self, client, settings, url, data, model):
        settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
        for n in range(5):
            self.post(client, url, data, n, f"198.51.100.{n}, 203.0.113.1")
        assert self.post(client, url, data, 5, "198.51.100.99, 203.0.113.1").status_code == 429
