"""``antenne.views.operatori``: the operators' phone pages (home, field log, their antennas, portierato)."""

import re

import pytest

from antenne import services
from antenne.models import Antenna, Attivita, RichiestaPortierato
from ricerca.models import Bisogno
from tests.antenne.factories import (
    AntennaFactory,
    AttivitaFactory,
    OperatoreFactory,
    RichiestaPortieratoFactory,
    attivita_post,
    primo_quartiere,
)
from tests.costellazioni.factories import UserFactory

pytestmark = pytest.mark.django_db


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
        mine = AttivitaFactory(luogo="Mio campo")
        AttivitaFactory(luogo="Altro campo")
        client.force_login(mine.operatore.user)
        content = client.get(self.url).content.decode()
        assert "Mio campo" in content and "Altro campo" not in content

    def test_coordinator_sees_the_team(self, client):
        coordinatore = OperatoreFactory(coordinatore=True)
        membro = OperatoreFactory(coordinato_da=coordinatore)
        AttivitaFactory(operatore=membro, luogo="Campo della squadra")
        AttivitaFactory(luogo="Campo di un'altra squadra")
        client.force_login(coordinatore.user)
        content = client.get(self.url).content.decode()
        assert "Campo della squadra" in content and "altra squadra" not in content

    def test_a_coordinator_s_rows_name_the_operator_the_place_and_the_local_time(self, client):
        from datetime import datetime
        from zoneinfo import ZoneInfo

        coordinatore = OperatoreFactory(coordinatore=True)
        membro = OperatoreFactory(coordinato_da=coordinatore, user__first_name="Giulia", user__last_name="Scarpa")
        attivita = AttivitaFactory(
            operatore=membro, svolta_il=datetime(2026, 3, 14, 8, 30, tzinfo=ZoneInfo("UTC")), luogo="Campo San Polo"
        )
        client.force_login(coordinatore.user)
        content = client.get(self.url).content.decode()
        assert "· Giulia Scarpa" in content
        assert f"{attivita.quartiere.nome} · Campo San Polo" in content
        assert '<time class="small" datetime="2026-03-14T09:30:00+01:00">14/03/2026 09:30</time>' in content

    def test_filters(self, client):
        operatore = OperatoreFactory()
        AttivitaFactory(operatore=operatore, tipo="evento", luogo="Luogo-festa")
        AttivitaFactory(operatore=operatore, tipo="presidio", luogo="Luogo-presidio")
        client.force_login(operatore.user)
        content = client.get(self.url, {"tipo": "evento"}).content.decode()
        assert "Luogo-festa" in content and "Luogo-presidio" not in content

    def test_each_row_names_its_type_and_counts_in_the_language_of_the_page(self, client):
        uno = AttivitaFactory(tipo="presidio", persone_raggiunte=1, luogo="Luogo-uno")
        AttivitaFactory(operatore=uno.operatore, tipo="evento", persone_raggiunte=12, luogo="Luogo-dodici")
        client.force_login(uno.operatore.user)
        content = client.get(self.url).content.decode()
        assert "<strong>Presidio</strong>" in content and "<strong>Evento</strong>" in content
        assert "· 1 persona" in content and "· 12 persone" in content
        client.cookies["django_language"] = "en"
        english = client.get(self.url).content.decode()
        assert "· 1 person" in english and "· 12 people" in english

    def test_each_row_counts_its_own_needs_and_the_pages_count_every_activity(self, client):
        from tests.ricerca.factories import BisognoFactory

        operatore = OperatoreFactory()
        AttivitaFactory.create_batch(30, operatore=operatore, luogo="Senza bisogni")
        con_bisogni = AttivitaFactory(operatore=operatore, luogo="Con bisogni")
        con_bisogni.bisogni.set(BisognoFactory.create_batch(2))
        client.force_login(operatore.user)
        response = client.get(self.url)
        content = response.content.decode()
        assert response.context["page_obj"].paginator.count == 31
        assert content.count("· 2 bisogni") == 1 and "· 1 bisogno" not in content and "· 0 bisogni" not in content

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


class TestPortieratoOperatore:
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


class TestPortieratoRichiedente:
    def test_operator_home_shows_name_phone_and_email_in_fixed_queries(self, client):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        operatore = OperatoreFactory()
        antenna = AntennaFactory(operatore=operatore)
        persona = UserFactory(first_name="Marta", last_name="Scarpa", email="marta@example.org")
        services.portierato_request(
            antenna=antenna, richiedente=persona, servizio="ritiro_pacchi", descrizione="Pacco", telefono="041 123"
        )
        client.force_login(operatore.user)
        client.get("/operatori/")
        with CaptureQueriesContext(connection) as one:
            html = client.get("/operatori/").content.decode()
        assert "Marta Scarpa" in html and 'href="tel:041 123"' in html and "mailto:marta@example.org" in html
        for _i in range(9):
            RichiestaPortieratoFactory(antenna=antenna)
        with CaptureQueriesContext(connection) as ten:
            html = client.get("/operatori/").content.decode()
        assert html.count("data-richiedente") == 10
        assert len(ten) == len(one), f"{len(one)} queries for 1 request, {len(ten)} for 10"


class TestQueryCountsOperatori:
    @pytest.mark.parametrize("rows", [1, 30])
    def test_home(self, client, django_assert_num_queries, rows):
        operatore = OperatoreFactory()
        for i in range(rows):
            AntennaFactory(operatore=operatore, stato=Antenna.Stato.CONTATTATA)
            AttivitaFactory(operatore=operatore)
            Bisogno.objects.create(categoria_id="casa", descrizione=f"Bisogno {i}", quartiere=primo_quartiere())
            services.portierato_request(
                antenna=AntennaFactory(operatore=operatore),
                richiedente=UserFactory(),
                servizio="ritiro_pacchi",
                descrizione="Pacco",
            )
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


class TestHubDiRiferimento:
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
