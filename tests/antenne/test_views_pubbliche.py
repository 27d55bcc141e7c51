"""``antenne.views.pubbliche``: the public antenna pages, candidacies and a citizen's portierato requests."""

import re

import pytest

from antenne import services
from antenne.models import Antenna, Consenso, RichiestaPortierato
from tests.antenne.factories import AntennaFactory, OperatoreFactory, primo_quartiere
from tests.costellazioni.factories import UserFactory

pytestmark = pytest.mark.django_db


class TestAntennePubbliche:
    def test_list_shows_only_active_antennas(self, client):
        AntennaFactory(nome_pubblico="Bar Attivo")
        AntennaFactory(nome_pubblico="Bar Individuato", stato=Antenna.Stato.INDIVIDUATA)
        content = client.get("/antenne/").content.decode()
        assert "Bar Attivo" in content and "Bar Individuato" not in content

    def test_filter_by_service(self, client):
        AntennaFactory(nome_pubblico="Ferramenta", servizi=["piccole_riparazioni"])
        AntennaFactory(nome_pubblico="Edicola", servizi=["ritiro_pacchi"])
        content = client.get("/antenne/", {"servizio": "ritiro_pacchi"}).content.decode()
        assert "Edicola" in content and "Ferramenta" not in content

    def test_private_person_without_consent_is_anonymous(self, client):
        antenna = AntennaFactory(privato=True)
        for response in (client.get("/antenne/"), client.get(antenna.get_absolute_url())):
            content = response.content.decode()
            assert antenna.nome_pubblico not in content
            assert antenna.indirizzo not in content
            assert antenna.telefono not in content and antenna.email not in content

    def test_private_person_with_consent_shows_name_and_contacts_but_never_the_address(self, client):
        antenna = AntennaFactory(privato=True)
        services.consenso_record(antenna=antenna, oggetto=Consenso.Oggetto.NOME_PUBBLICO, concesso=True)
        services.consenso_record(antenna=antenna, oggetto=Consenso.Oggetto.CONTATTI_PUBBLICI, concesso=True)
        content = client.get(antenna.get_absolute_url()).content.decode()
        assert antenna.nome_pubblico in content and antenna.telefono in content
        assert antenna.indirizzo not in content and "45.437" not in content

    def test_inactive_antenna_is_not_found(self, client):
        antenna = AntennaFactory(stato=Antenna.Stato.SUPPORTATA)
        assert client.get(antenna.get_absolute_url()).status_code == 404

    def test_citizen_asks_for_a_service(self, client):
        antenna = AntennaFactory(operatore=OperatoreFactory())
        cittadina = UserFactory()
        client.force_login(cittadina)
        response = client.post(
            antenna.get_absolute_url(), {"servizio": "ritiro_pacchi", "descrizione": "Un pacco venerdì"}
        )
        assert response.status_code == 302
        assert RichiestaPortierato.objects.get().richiedente == cittadina

    @pytest.mark.parametrize("rows", [1, 50])
    def test_list_query_count_is_fixed(self, client, django_assert_num_queries, rows):
        for _ in range(rows):
            AntennaFactory()
        with django_assert_num_queries(QUERIES_ANTENNE_LISTA):
            assert client.get("/antenne/").status_code == 200

    def test_the_map_has_every_matching_antenna_and_a_private_person_only_at_the_quartiere(self, client):
        import json

        for _ in range(25):
            AntennaFactory()
        privato = AntennaFactory(privato=True)
        response = client.get("/antenne/")
        content = response.content.decode()
        punti = json.loads(re.search(r'id="antenne-punti"[^>]*>(.*?)</script>', content, re.DOTALL).group(1))
        assert len(punti) == 26 and len(response.context["page_obj"].object_list) == 20
        (anonimo,) = [p for p in punti if p["url"] == privato.get_absolute_url()]
        assert anonimo["nome"] == "Antenna cittadina"
        assert (anonimo["lat"], anonimo["lng"]) == (
            float(privato.quartiere.latitudine),
            float(privato.quartiere.longitudine),
        )
        assert "45.437" not in content and "12.336" not in content and "Fabbri" not in content

    @pytest.mark.parametrize("rows", [1, 50])
    def test_detail_query_count_is_fixed(self, client, django_assert_num_queries, rows):
        antenna = AntennaFactory()
        for _ in range(rows):
            services.consenso_record(antenna=antenna, oggetto=Consenso.Oggetto.NOME_PUBBLICO, concesso=True)
        with django_assert_num_queries(QUERIES_ANTENNA_DETTAGLIO):
            assert client.get(antenna.get_absolute_url()).status_code == 200


# count, page, quartieri of the filter, and the map's points: every matching antenna (up to MAPPA_MAX), not just
# this page's, so that "near me" finds the nearest wherever it falls in the list.
QUERIES_ANTENNE_LISTA = 4


QUERIES_ANTENNA_DETTAGLIO = 1


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

    def test_candidacy_lands_as_individuata(self, client):
        response = client.post(self.url, self.data())
        assert response.status_code == 302
        assert Antenna.objects.get().stato == Antenna.Stato.INDIVIDUATA

    def test_honeypot_saves_nothing(self, client):
        response = client.post(self.url, self.data(sito_web="http://spam.example"))
        assert response.status_code == 302 and not Antenna.objects.exists()

    def test_rate_limited(self, client):
        for _ in range(5):
            client.post(self.url, self.data())
        assert client.post(self.url, self.data()).status_code == 429
        assert Antenna.objects.count() == 5

    def test_consent_to_processing_is_required(self, client):
        data = self.data()
        del data["consenso_trattamento"]
        assert client.post(self.url, data).status_code == 200
        assert not Antenna.objects.exists()


class TestPortieratoCittadino:
    def test_citizen_marks_done_and_rates(self, client):
        operatore = OperatoreFactory()
        antenna = AntennaFactory(operatore=operatore)
        cittadina = UserFactory()
        richiesta = services.portierato_request(
            antenna=antenna, richiedente=cittadina, servizio="ritiro_pacchi", descrizione="Pacco"
        )
        services.portierato_transition(richiesta=richiesta, to="accettata", actor=operatore.user)
        client.force_login(cittadina)
        assert "Il servizio è stato svolto" in client.get(antenna.get_absolute_url()).content.decode()
        client.post(f"/antenne/richieste/{richiesta.pk}/", {"azione": "svolta"})
        client.post(f"/antenne/richieste/{richiesta.pk}/", {"azione": "valuta", "voto": "4", "commento": "Gentili"})
        richiesta.refresh_from_db()
        assert richiesta.stato == "svolta" and richiesta.voto == 4

    def test_another_persons_request_is_not_found(self, client):
        richiesta = services.portierato_request(
            antenna=AntennaFactory(), richiedente=UserFactory(), servizio="ritiro_pacchi", descrizione="Pacco"
        )
        client.force_login(UserFactory())
        assert client.post(f"/antenne/richieste/{richiesta.pk}/", {"azione": "annullata"}).status_code == 404


class TestRichiestaPortierato:
    def test_the_request_form_offers_the_profile_phone(self, client):
        persona = UserFactory(telefono="333 1234567")
        antenna = AntennaFactory()
        client.force_login(persona)
        html = client.get(antenna.get_absolute_url()).content.decode()
        assert 'name="telefono"' in html and 'value="333 1234567"' in html
        response = client.post(
            antenna.get_absolute_url(), {"servizio": "ritiro_pacchi", "descrizione": "Pacco", "telefono": "041 5"}
        )
        assert response.status_code == 302
        assert RichiestaPortierato.objects.get().telefono == "041 5"


class TestHubDiRiferimentoPagine:
    def test_public_detail_links_the_hub(self, client):
        from tests.hubs.factories import HubFactory

        hub = HubFactory(nome="HUB Marghera")
        antenna = AntennaFactory(hub=hub)
        content = client.get(antenna.get_absolute_url()).content.decode()
        assert f'href="{hub.get_absolute_url()}"' in content and "HUB Marghera" in content

    def test_an_unpublished_hub_is_not_shown(self, client):
        from tests.hubs.factories import HubFactory

        antenna = AntennaFactory(hub=HubFactory(nome="HUB in allestimento", pubblicato=False))
        assert "HUB in allestimento" not in client.get(antenna.get_absolute_url()).content.decode()
