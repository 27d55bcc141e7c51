"""``antenne.views.banca``: the time bank's pages, writing to a member, and the coordinator's list of requests."""

from decimal import Decimal

import pytest

from antenne import services
from antenne.models import Offerta, Scambio, SocioBancaDelTempo
from costellazioni.models import Messaggio
from tests.antenne.factories import OperatoreFactory, SocioFactory
from tests.costellazioni.factories import UserFactory

pytestmark = pytest.mark.django_db


class TestBancaDelTempo:
    def test_public_listing_shows_first_name_and_initial_only(self, client):
        socio = SocioFactory(user__first_name="Giovanna", user__last_name="Zennaro")
        services.offerta_create(socio=socio, categoria="compagnia", titolo="Leggo il giornale a chi non vede")
        content = client.get("/banca-del-tempo/").content.decode()
        assert "Leggo il giornale" in content and "Giovanna Z." in content and "Zennaro" not in content

    def test_two_members_exchange_hours(self, client):
        anna, bruno = SocioFactory(), SocioFactory()
        offerta = services.offerta_create(socio=anna, categoria="riparazioni", titolo="Aggiusto biciclette")
        client.force_login(bruno.user)
        client.post(f"/banca-del-tempo/offerta/{offerta.pk}/scambio/", {"ore": "1.5", "descrizione": "Bici"})
        scambio = Scambio.objects.get()
        assert scambio.erogatore == anna and scambio.beneficiario == bruno
        client.force_login(anna.user)
        client.post(f"/banca-del-tempo/scambi/{scambio.pk}/", {"azione": "conferma"})
        assert anna.saldo() == Decimal("1.5") and bruno.saldo() == Decimal("-1.5")
        assert "1,5" in client.get("/banca-del-tempo/").content.decode()

    def test_join(self, client):
        user = UserFactory()
        client.force_login(user)
        client.post("/banca-del-tempo/iscriviti/")
        assert user.socio_banca_del_tempo.stato == "in_attesa"

    @pytest.mark.parametrize("rows", [1, 30])
    def test_query_count_is_fixed(self, client, django_assert_num_queries, rows):
        for _ in range(rows):
            services.offerta_create(socio=SocioFactory(), categoria="cucina", titolo="Torta")
        with django_assert_num_queries(QUERIES_BANCA):
            assert client.get("/banca-del-tempo/").status_code == 200


QUERIES_BANCA = 3  # count and page of offers and requests (anonymous: no session)


class TestScrivi:
    def test_the_page_sends_the_message_and_keeps_it_when_refused(self, client):
        giulia, alvise = SocioFactory(), SocioFactory()
        offerta = Offerta.objects.create(socio=alvise, categoria="riparazioni", titolo="Aggiusto biciclette")
        client.force_login(giulia.user)
        url = f"/banca-del-tempo/soci/{alvise.pk}/scrivi/"
        page = client.get(url, {"offerta": offerta.pk})
        assert page.status_code == 200 and "Aggiusto biciclette" in page.content.decode()
        assert alvise.user.email not in page.content.decode()
        troppo = "x" * 1001
        refused = client.post(url, {"offerta": offerta.pk, "testo": troppo})
        assert refused.status_code == 400 and troppo in refused.content.decode()
        sent = client.post(url, {"offerta": offerta.pk, "testo": "Sabato?"})
        assert sent.status_code == 302
        assert Messaggio.objects.get(destinatario=alvise.user).oggetto.endswith("«Aggiusto biciclette»")

    def test_too_many_messages_keep_what_was_typed(self, client):
        from django.core.cache import cache

        cache.clear()
        giulia, alvise = SocioFactory(), SocioFactory()
        client.force_login(giulia.user)
        url = f"/banca-del-tempo/soci/{alvise.pk}/scrivi/"
        from antenne.views import banca

        for _i in range(banca.MESSAGGI_PER_ORA):
            assert client.post(url, {"testo": "Ciao"}).status_code == 302
        refused = client.post(url, {"testo": "Un altro messaggio ancora"})
        assert refused.status_code == 429
        html = refused.content.decode()
        assert "Hai scritto molti messaggi in poco tempo: riprova fra un&#x27;ora." in html
        assert "Un altro messaggio ancora" in html
        assert Messaggio.objects.filter(destinatario=alvise.user).count() == banca.MESSAGGI_PER_ORA

    def test_a_non_member_cannot_open_the_page(self, client):
        client.force_login(UserFactory())
        assert client.get(f"/banca-del-tempo/soci/{SocioFactory().pk}/scrivi/").status_code == 403


class TestSociDaVerificare:
    url = "/operatori/banca-del-tempo/soci/"

    def test_coordinator_sees_the_requests_and_verifies_one(self, client):
        socio = services.socio_join(user=UserFactory(first_name="Ivana", last_name="Tagliapietra"))
        coordinatore = OperatoreFactory(coordinatore=True)
        client.force_login(coordinatore.user)
        assert "Ivana Tagliapietra" in client.get(self.url).content.decode()
        assert client.post(self.url, {"socio": socio.pk, "azione": "verifica"}).status_code == 302
        socio.refresh_from_db()
        assert socio.stato == SocioBancaDelTempo.Stato.VERIFICATO

    def test_turning_down_needs_a_reason_shown_next_to_the_field(self, client):
        socio = services.socio_join(user=UserFactory())
        client.force_login(OperatoreFactory(coordinatore=True).user)
        response = client.post(self.url, {"socio": socio.pk, "azione": "respingi", "nota": ""})
        assert response.status_code == 400
        assert f'id="nota-{socio.pk}-errore"' in response.content.decode()
        response = client.post(self.url, {"socio": socio.pk, "azione": "respingi", "nota": "Fuori comune"})
        assert response.status_code == 302
        socio.refresh_from_db()
        assert socio.stato == SocioBancaDelTempo.Stato.RESPINTO

    def test_a_plain_operator_is_refused(self, client):
        socio = services.socio_join(user=UserFactory())
        client.force_login(OperatoreFactory().user)
        assert client.get(self.url).status_code == 403
        assert client.post(self.url, {"socio": socio.pk, "azione": "verifica"}).status_code == 403
        socio.refresh_from_db()
        assert socio.stato == SocioBancaDelTempo.Stato.IN_ATTESA

    def test_a_citizen_is_refused_and_a_visitor_sent_to_log_in(self, client):
        assert client.get(self.url).status_code == 302
        client.force_login(UserFactory())
        assert client.get(self.url).status_code == 403

    def test_a_member_already_decided_is_not_found(self, client):
        socio = SocioFactory()
        client.force_login(OperatoreFactory(coordinatore=True).user)
        assert client.post(self.url, {"socio": socio.pk, "azione": "verifica"}).status_code == 404

    def test_the_coordinators_home_links_here(self, client):
        services.socio_join(user=UserFactory())
        client.force_login(OperatoreFactory(coordinatore=True).user)
        assert self.url in client.get("/operatori/").content.decode()

    @pytest.mark.parametrize("rows", [1, 30])
    def test_query_count_is_fixed(self, client, django_assert_num_queries, rows):
        for _ in range(rows):
            services.socio_join(user=UserFactory())
        client.force_login(OperatoreFactory(coordinatore=True).user)
        with django_assert_num_queries(QUERIES_SOCI):
            assert client.get(self.url).status_code == 200


QUERIES_SOCI = 5  # user (the session from the cache), operator, messages, count, page


def test_a_malformed_member_id_is_not_found(client):
    client.force_login(OperatoreFactory(coordinatore=True).user)
    assert client.post("/operatori/banca-del-tempo/soci/", {"socio": "x", "azione": "verifica"}).status_code == 404
