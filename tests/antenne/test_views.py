import re
import uuid
from decimal import Decimal

import pytest

from antenne import services
from antenne.models import Antenna, Attivita, Consenso, RichiestaPortierato, Scambio, SocioBancaDelTempo
from ricerca.models import Bisogno
from tests.antenne.factories import (
    AntennaFactory,
    AttivitaFactory,
    OperatoreFactory,
    SocioFactory,
    primo_quartiere,
)
from tests.costellazioni.factories import UserFactory

pytestmark = pytest.mark.django_db


def attivita_post(**extra):
    data = {
        "uuid": str(uuid.uuid4()),
        "tipo": "presidio",
        "svolta_il": "2026-11-20T10:30",
        "quartiere": primo_quartiere().pk,
        "luogo": "Campo Santa Margherita",
        "persone_raggiunte": "8",
        "note": "",
        "bisogni-TOTAL_FORMS": "1",
        "bisogni-INITIAL_FORMS": "0",
        "bisogni-MIN_NUM_FORMS": "0",
        "bisogni-MAX_NUM_FORMS": "10",
        "bisogni-0-categoria": "solitudine",
        "bisogni-0-descrizione": "",
        "bisogni-0-urgenza": "media",
        "seguiti-TOTAL_FORMS": "1",
        "seguiti-INITIAL_FORMS": "0",
        "seguiti-MIN_NUM_FORMS": "0",
        "seguiti-MAX_NUM_FORMS": "10",
        "seguiti-0-descrizione": "",
        "seguiti-0-scadenza": "",
    }
    data.update(extra)
    return data


class TestAttivitaNuova:
    url = "/operatori/attivita/nuova/"

    def test_anonymous_is_sent_to_login(self, client):
        assert client.get(self.url).status_code == 302

    def test_a_citizen_is_refused(self, client):
        client.force_login(UserFactory())
        assert client.get(self.url).status_code == 403

    def test_form_renders_with_a_fresh_uuid(self, client):
        client.force_login(OperatoreFactory().user)
        response = client.get(self.url)
        assert response.status_code == 200
        assert b'name="uuid"' in response.content and b"data-coda-count" in response.content

    def test_post_logs_an_activity_with_a_need(self, client):
        operatore = OperatoreFactory()
        client.force_login(operatore.user)
        data = attivita_post(**{"bisogni-0-descrizione": "Signora sola, chiede compagnia", "bisogni-0-urgenza": "alta"})
        response = client.post(self.url, data)
        assert response.status_code == 302
        attivita = Attivita.objects.get()
        assert attivita.operatore == operatore and attivita.persone_raggiunte == 8
        assert attivita.bisogni.get().urgenza == Bisogno.Urgenza.ALTA

    def test_json_replay_of_the_same_uuid_stores_once(self, client):
        client.force_login(OperatoreFactory().user)
        data = attivita_post()
        first = client.post(self.url, data, headers={"accept": "application/json"})
        second = client.post(self.url, data, headers={"accept": "application/json"})
        assert first.status_code == 201 and second.status_code == 200
        assert first.json()["id"] == second.json()["id"]
        assert Attivita.objects.count() == 1

    def test_json_errors_name_the_fields(self, client):
        client.force_login(OperatoreFactory().user)
        response = client.post(
            self.url, attivita_post(persone_raggiunte="2", persone_anziane="5"), headers={"accept": "application/json"}
        )
        assert response.status_code == 400
        assert "persone_anziane" in response.json()["errors"]

    def test_json_refusal_is_field_to_message_and_the_key_still_works_after_correction(self, client):
        client.force_login(OperatoreFactory().user)
        data = attivita_post(persone_raggiunte="3", persone_minori="5", **{"seguiti-0-descrizione": "Richiamare"})
        refused = client.post(self.url, data, headers={"accept": "application/json"})
        assert refused.status_code == 400 and not Attivita.objects.exists()
        assert refused.json() == {
            "ok": False,
            "message": "Il server ha rifiutato l'attività: correggi i campi segnalati.",
            "errors": {
                "persone_minori": ["Non può superare le persone raggiunte."],
                "seguiti-0-scadenza": ["Compila anche questo campo."],
            },
            "labels": {"persone_minori": "di cui minori", "seguiti-0-scadenza": "Entro il"},
        }
        data.update(persone_minori="2", **{"seguiti-0-scadenza": "2026-12-01"})
        first = client.post(self.url, data, headers={"accept": "application/json"})
        again = client.post(self.url, data, headers={"accept": "application/json"})
        assert (first.status_code, again.status_code) == (201, 200)
        assert Attivita.objects.get().persone_minori == 2

    def test_json_refusal_of_another_operators_key(self, client):
        altra = AttivitaFactory()
        client.force_login(OperatoreFactory().user)
        response = client.post(self.url, attivita_post(uuid=str(altra.uuid)), headers={"accept": "application/json"})
        assert response.status_code == 400
        assert response.json()["errors"] == {"__all__": ["Questo identificativo appartiene a un'altra attività."]}

    def test_service_worker_scope(self, client):
        response = client.get("/operatori/sw.js")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/javascript")
        assert b"operatori-v" in response.content and b"/operatori/attivita/nuova/" in response.content


class TestAttivitaLista:
    url = "/operatori/attivita/"

    def test_operator_sees_only_their_own(self, client):
        mine, other = AttivitaFactory(luogo="Mio campo"), AttivitaFactory(luogo="Altro campo")
        client.force_login(mine.operatore.user)
        content = client.get(self.url).content.decode()
        assert "Mio campo" in content and "Altro campo" not in content
        assert other.pk

    def test_coordinator_sees_the_team(self, client):
        coordinatore = OperatoreFactory(coordinatore=True)
        membro = OperatoreFactory(coordinato_da=coordinatore)
        AttivitaFactory(operatore=membro, luogo="Campo della squadra")
        AttivitaFactory(luogo="Campo di un'altra squadra")
        client.force_login(coordinatore.user)
        content = client.get(self.url).content.decode()
        assert "Campo della squadra" in content and "altra squadra" not in content

    def test_filters(self, client):
        operatore = OperatoreFactory()
        AttivitaFactory(operatore=operatore, tipo="evento", luogo="Luogo-festa")
        AttivitaFactory(operatore=operatore, tipo="presidio", luogo="Luogo-presidio")
        client.force_login(operatore.user)
        content = client.get(self.url, {"tipo": "evento"}).content.decode()
        assert "Luogo-festa" in content and "Luogo-presidio" not in content

    @pytest.mark.parametrize("rows", [1, 50])
    def test_query_count_is_fixed(self, client, django_assert_num_queries, rows):
        operatore = OperatoreFactory()
        for _ in range(rows):
            AttivitaFactory(operatore=operatore)
        client.force_login(operatore.user)
        with django_assert_num_queries(QUERIES_ATTIVITA_LISTA):
            assert client.get(self.url).status_code == 200

    def test_photo_only_for_who_may_see_the_activity(self, client, tmp_path):
        from django.core.files.base import ContentFile

        attivita = AttivitaFactory()
        attivita.foto.save("foto.jpg", ContentFile(b"\xff\xd8\xff"), save=True)
        client.force_login(OperatoreFactory().user)
        assert client.get(f"/operatori/attivita/{attivita.pk}/foto/").status_code == 404
        client.force_login(attivita.operatore.user)
        assert client.get(f"/operatori/attivita/{attivita.pk}/foto/").status_code == 200


QUERIES_ATTIVITA_LISTA = (
    6  # user (the session from the cache), operator, count, page, quartieri of the filter, unread messages
)


class TestOperatoriHome:
    def test_home(self, client):
        operatore = OperatoreFactory()
        AntennaFactory(operatore=operatore, stato=Antenna.Stato.CONTATTATA, nome_pubblico="Edicola Rialto")
        Bisogno.objects.create(categoria_id="casa", descrizione="Muffa in casa", quartiere=primo_quartiere())
        client.force_login(operatore.user)
        content = client.get("/operatori/").content.decode()
        assert "Edicola Rialto" in content and "Muffa in casa" in content


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


class TestOperatoreAntenna:
    def test_operator_moves_their_antenna_and_records_a_consent(self, client):
        operatore = OperatoreFactory()
        antenna = AntennaFactory(operatore=operatore, stato=Antenna.Stato.INDIVIDUATA, privato=True)
        client.force_login(operatore.user)
        url = f"/operatori/antenne/{antenna.pk}/"
        assert "Antenna contattata" in client.get(url).content.decode()
        client.post(url, {"stato": "contattata"})
        client.post(url, {"oggetto": "nome_pubblico", "concesso": "1"})
        antenna.refresh_from_db()
        assert antenna.stato == Antenna.Stato.CONTATTATA and antenna.consenso_nome

    def test_another_operators_antenna_is_not_found(self, client):
        antenna = AntennaFactory(operatore=OperatoreFactory())
        client.force_login(OperatoreFactory().user)
        assert client.get(f"/operatori/antenne/{antenna.pk}/").status_code == 404


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

    def test_operator_accepts_from_home(self, client):
        operatore = OperatoreFactory()
        richiesta = services.portierato_request(
            antenna=AntennaFactory(operatore=operatore),
            richiedente=UserFactory(),
            servizio="ritiro_pacchi",
            descrizione="Pacco",
        )
        client.force_login(operatore.user)
        assert "Richieste di portierato" in client.get("/operatori/").content.decode()
        client.post(f"/operatori/portierato/{richiesta.pk}/stato/", {"stato": "accettata"})
        richiesta.refresh_from_db()
        assert richiesta.stato == RichiestaPortierato.Stato.ACCETTATA


class TestQueryCountsOperatori:
    @pytest.mark.parametrize("rows", [1, 30])
    def test_home(self, client, django_assert_num_queries, rows):
        operatore = OperatoreFactory()
        for i in range(rows):
            antenna = AntennaFactory(operatore=operatore, stato=Antenna.Stato.CONTATTATA)
            AttivitaFactory(operatore=operatore)
            Bisogno.objects.create(categoria_id="casa", descrizione=f"Bisogno {i}", quartiere=primo_quartiere())
            services.portierato_request(
                antenna=AntennaFactory(operatore=operatore),
                richiedente=UserFactory(),
                servizio="ritiro_pacchi",
                descrizione="Pacco",
            )
            assert antenna.pk
        client.force_login(operatore.user)
        with django_assert_num_queries(QUERIES_OPERATORI_HOME):
            assert client.get("/operatori/").status_code == 200

    @pytest.mark.parametrize("rows", [1, 30])
    def test_home_of_a_coordinator(self, client, django_assert_num_queries, rows):
        coordinatore = OperatoreFactory(coordinatore=True)
        for i in range(rows):
            OperatoreFactory(coordinato_da=coordinatore)
            AntennaFactory(operatore=coordinatore, stato=Antenna.Stato.CONTATTATA)
            services.socio_join(user=UserFactory())
            Bisogno.objects.create(categoria_id="casa", descrizione=f"Bisogno {i}", quartiere=primo_quartiere())
        client.force_login(coordinatore.user)
        with django_assert_num_queries(QUERIES_OPERATORI_HOME + 1):  # + the membership requests to verify
            assert client.get("/operatori/").status_code == 200

    @pytest.mark.parametrize("rows", [1, 30])
    def test_nuova(self, client, django_assert_num_queries, rows):
        operatore = OperatoreFactory()
        for _ in range(rows):
            AntennaFactory(operatore=operatore)
        client.force_login(operatore.user)
        with django_assert_num_queries(QUERIES_ATTIVITA_NUOVA):
            assert client.get("/operatori/attivita/nuova/").status_code == 200


QUERIES_OPERATORI_HOME = 10  # user (the session from the cache), operator, messages, then one per section
QUERIES_ATTIVITA_NUOVA = (
    12  # user (the session from the cache), operator, messages, quartieri (select and coordinates), antenne,
)
# the needs categories twice (the options, and the first one for the required attribute) for the row and its template


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

    def test_operator_chooses_the_hub(self, client):
        from tests.hubs.factories import HubFactory

        operatore = OperatoreFactory()
        antenna = AntennaFactory(operatore=operatore)
        hub = HubFactory()
        client.force_login(operatore.user)
        assert hub.nome in client.get(f"/operatori/antenne/{antenna.pk}/").content.decode()
        client.post(f"/operatori/antenne/{antenna.pk}/", {"hub": hub.pk})
        antenna.refresh_from_db()
        assert antenna.hub == hub
        client.post(f"/operatori/antenne/{antenna.pk}/", {"hub": ""})
        antenna.refresh_from_db()
        assert antenna.hub is None


class TestRigheFacoltative:
    """Only truly required fields carry the asterisk and the ``required`` attribute."""

    def test_need_and_follow_up_rows_are_not_marked_required(self, client):
        client.force_login(OperatoreFactory().user)
        content = client.get("/operatori/attivita/nuova/").content.decode()

        def label(name):
            return re.search(rf"<label[^>]*for=\"id_{name}\"[^>]*>.*?</label>", content, re.DOTALL).group(0)

        def tag(name):
            return re.search(rf'<(?:input|select|textarea)[^>]*name="{name}"[^>]*>', content).group(0)

        for name in ["bisogni-0-descrizione", "bisogni-0-categoria", "bisogni-0-urgenza", "seguiti-0-descrizione"]:
            assert "asteriskField" not in label(name) and " required" not in tag(name)
        assert "asteriskField" not in label("seguiti-0-scadenza") and " required" not in tag("seguiti-0-scadenza")
        assert "asteriskField" in label("persone_raggiunte") and " required" in tag("persone_raggiunte")
        assert "asteriskField" in label("tipo")

    def test_a_follow_up_with_a_description_needs_its_date(self, client):
        client.force_login(OperatoreFactory().user)
        response = client.post(
            "/operatori/attivita/nuova/",
            attivita_post(**{"seguiti-0-descrizione": "Richiamare"}),
            HTTP_ACCEPT="application/json",
        )
        assert response.status_code == 400 and "seguiti-0-scadenza" in response.json()["errors"]
        assert not Attivita.objects.exists()

    def test_a_need_with_a_description_needs_its_category(self, client):
        client.force_login(OperatoreFactory().user)
        response = client.post(
            "/operatori/attivita/nuova/",
            attivita_post(**{"bisogni-0-descrizione": "Solo in casa", "bisogni-0-categoria": ""}),
            HTTP_ACCEPT="application/json",
        )
        assert response.status_code == 400 and "bisogni-0-categoria" in response.json()["errors"]


class TestBisogniSullaHome:
    def test_coordinator_sees_the_teams_needs_and_those_without_a_quartiere(self, client):
        from costellazioni.models import Quartiere

        qui, altrove, lontano = Quartiere.objects.order_by("pk")[:3]
        coordinatore = OperatoreFactory(coordinatore=True, quartieri=[qui])
        OperatoreFactory(coordinato_da=coordinatore, quartieri=[altrove])
        Bisogno.objects.create(categoria_id="casa", descrizione="Nel mio quartiere", quartiere=qui)
        Bisogno.objects.create(categoria_id="casa", descrizione="Nella squadra", quartiere=altrove)
        Bisogno.objects.create(categoria_id="casa", descrizione="Senza quartiere", quartiere=None)
        Bisogno.objects.create(categoria_id="casa", descrizione="Di un altra squadra", quartiere=lontano)
        client.force_login(coordinatore.user)
        content = client.get("/operatori/").content.decode()
        assert "Nel mio quartiere" in content and "Nella squadra" in content and "Senza quartiere" in content
        assert "Di un altra squadra" not in content

    def test_an_operator_sees_only_their_quartieri(self, client):
        from costellazioni.models import Quartiere

        qui, altrove = Quartiere.objects.order_by("pk")[:2]
        operatore = OperatoreFactory(quartieri=[qui])
        Bisogno.objects.create(categoria_id="casa", descrizione="Nel mio quartiere", quartiere=qui)
        Bisogno.objects.create(categoria_id="casa", descrizione="Altrove", quartiere=altrove)
        Bisogno.objects.create(categoria_id="casa", descrizione="Senza quartiere", quartiere=None)
        client.force_login(operatore.user)
        content = client.get("/operatori/").content.decode()
        assert "Nel mio quartiere" in content and "Altrove" not in content and "Senza quartiere" not in content


def test_a_malformed_member_id_is_not_found(client):
    client.force_login(OperatoreFactory(coordinatore=True).user)
    assert client.post("/operatori/banca-del-tempo/soci/", {"socio": "x", "azione": "verifica"}).status_code == 404
