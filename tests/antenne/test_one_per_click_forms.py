"""One effect per click on the antenna candidacy and on time-bank posts: the same form sent twice saves one row."""

import re
import uuid

import pytest
from django.core.exceptions import PermissionDenied

from antenne import services
from antenne.models import Antenna, Offerta, Richiesta
from costellazioni.models import Messaggio
from tests.antenne.factories import OperatoreFactory, SocioFactory, primo_quartiere

pytestmark = pytest.mark.django_db


def rendered_key(client, url) -> str:
    html = client.get(url).content.decode()
    match = re.search(r'name="chiave_idempotenza" value="([0-9a-f-]{36})"', html)
    assert match, "the form carries no idempotency key"
    return match.group(1)


class TestCandidatura:
    url = "/antenne/candidati/"

    def data(self, **extra):
        return {
            "tipo": "negozio",
            "nome_pubblico": "Latteria di Castello",
            "quartiere": primo_quartiere().pk,
            "servizi": ["ritiro_pacchi"],
            "email": "latteria@example.it",
            "consenso_trattamento": "on",
            "sito_web": "",
            **extra,
        }

    def test_the_same_candidacy_sent_twice_is_one_antenna_and_one_notice(self, client):
        operatore = OperatoreFactory(quartieri=[primo_quartiere()])
        posted = self.data(chiave_idempotenza=rendered_key(client, self.url))

        first = client.post(self.url, posted)
        second = client.post(self.url, posted)

        assert first.status_code == second.status_code == 302
        assert first["Location"] == second["Location"] == "/antenne/candidati/grazie/"
        antenna = Antenna.objects.get()
        assert str(antenna.chiave_idempotenza) == posted["chiave_idempotenza"]
        assert antenna.consensi.count() == 3
        assert Messaggio.objects.filter(destinatario=operatore.user).count() == 1

    def test_each_rendering_gets_its_own_key(self, client):
        client.post(self.url, self.data(chiave_idempotenza=rendered_key(client, self.url)))
        client.post(self.url, self.data(chiave_idempotenza=rendered_key(client, self.url)))
        assert Antenna.objects.count() == 2


class TestAnnunci:
    indice = "/banca-del-tempo/"
    url = "/banca-del-tempo/annunci/nuovo/"

    @pytest.mark.parametrize(("tipo", "model"), [("offerta", Offerta), ("richiesta", Richiesta)])
    def test_the_same_post_sent_twice_is_one_row(self, client, tipo, model):
        socio = SocioFactory()
        client.force_login(socio.user)
        posted = {
            "tipo": tipo,
            "categoria": "riparazioni",
            "titolo": "Aggiusto biciclette",
            "chiave_idempotenza": rendered_key(client, self.indice),
        }

        first = client.post(self.url, posted)
        second = client.post(self.url, posted)

        assert first.status_code == second.status_code == 302
        assert first["Location"] == second["Location"] == self.indice
        annuncio = model.objects.get()
        assert annuncio.socio == socio and str(annuncio.chiave_idempotenza) == posted["chiave_idempotenza"]
        assert Offerta.objects.count() + Richiesta.objects.count() == 1

    def test_another_members_key_is_refused(self):
        key = uuid.uuid4()
        services.offerta_create(socio=SocioFactory(), categoria="cucina", titolo="Torta", chiave_idempotenza=key)
        with pytest.raises(PermissionDenied, match="appartiene a un altro annuncio"):
            services.offerta_create(socio=SocioFactory(), categoria="cucina", titolo="Torta", chiave_idempotenza=key)
        assert Offerta.objects.count() == 1
