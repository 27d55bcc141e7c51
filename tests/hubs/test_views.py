import datetime
import json
import re

import pytest
from django.urls import reverse

from costellazioni import search
from hubs.models import Appuntamento, Prenotazione, Servizio
from tests.costellazioni.factories import MembershipFactory, StaffFactory, UserFactory
from tests.hubs.factories import (
    AppuntamentoFactory,
    HubFactory,
    PrenotazioneFactory,
    ServizioFactory,
    SpazioFactory,
    next_weekday,
)

pytestmark = pytest.mark.django_db


def make_hubs(n):
    hubs = HubFactory.create_batch(n)
    for hub in hubs:
        ServizioFactory.create_batch(3, hub=hub)
        SpazioFactory(hub=hub)
    return hubs


class TestHubList:
    def test_lists_published_hubs_with_their_services(self, client):
        hub = make_hubs(1)[0]
        HubFactory(nome="HUB nascosto", pubblicato=False)
        response = client.get("/hub/")
        assert response.status_code == 200
        html = response.content.decode()
        assert hub.nome in html and "HUB nascosto" not in html
        assert hub.servizi.first().nome in html
        points = json.loads(re.search(r'id="hub-points"[^>]*>(.*?)</script>', html, re.S).group(1))
        assert points[0]["url"] == hub.get_absolute_url()
        assert 'data-tile-url="https://tile.openstreetmap.org' in html

    @pytest.mark.parametrize("n", [1, 30])
    def test_query_count_does_not_grow_with_hubs_and_services(self, client, django_assert_num_queries, n):
        make_hubs(n)
        # a visitor: quartieri for the filter, hubs, orari, servizi, chiusure
        with django_assert_num_queries(5):
            response = client.get("/hub/")
        assert response.status_code == 200

    def test_filters(self, client):
        ets, cittadini = HubFactory(nome="HUB Piave"), HubFactory(nome="HUB Castello")
        ServizioFactory(hub=ets, destinatari=Servizio.Destinatari.ETS, categoria=Servizio.Categoria.SPORTELLO_PROGETTI)
        ServizioFactory(
            hub=cittadini, destinatari=Servizio.Destinatari.CITTADINI, categoria=Servizio.Categoria.FORMAZIONE
        )
        html = client.get("/hub/", {"categoria": "formazione"}).content.decode()
        assert "HUB Castello" in html and "HUB Piave" not in html
        html = client.get("/hub/", {"destinatari": "ets"}).content.decode()
        assert "HUB Piave" in html and "HUB Castello" not in html

    def test_open_now_filter(self, client):
        HubFactory(nome="HUB sempre aperto", orari=[(g, 0, 23) for g in range(7)])
        HubFactory(nome="HUB mai aperto", orari=[])
        html = client.get("/hub/", {"aperto_ora": "on"}).content.decode()
        assert "HUB mai aperto" not in html


class TestHubDetail:
    def test_shows_services_spaces_hours_and_accessibility(self, client):
        hub = make_hubs(1)[0]
        response = client.get(hub.get_absolute_url())
        html = response.content.decode()
        assert response.status_code == 200
        for text in [hub.nome, hub.servizi.first().nome, hub.spazi.first().nome, "Accessibilità", "lunedì", "Oggi:"]:
            assert text in html

    def test_query_count(self, client, django_assert_num_queries):
        hub = make_hubs(1)[0]
        with django_assert_num_queries(6):  # hub, orari, servizi, chiusure, spazi, eventi
            client.get(hub.get_absolute_url())

    def test_unpublished_is_404(self, client):
        assert client.get(HubFactory(pubblicato=False).get_absolute_url()).status_code == 404


class TestServizioPage:
    def test_sections_in_modello_comuni_order_and_json_ld(self, client):
        servizio = ServizioFactory()
        html = client.get(servizio.get_absolute_url()).content.decode()
        headings = [
            "A chi è rivolto",
            "Come fare",
            "Cosa serve",
            "Cosa si ottiene",
            "Tempi e scadenze",
            "Accedi al servizio",
            "Condizioni di servizio",
            "Contatti",
        ]
        positions = [html.index(f">{h}</h2>") for h in headings]
        assert positions == sorted(positions)
        assert "Servizio attivo" in html and "Associazioni" in html
        data = json.loads(re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S).group(1))
        assert data["@type"] == "GovernmentService" and data["name"] == servizio.nome
        assert reverse("hubs:appuntamento", args=[servizio.hub.slug, servizio.slug]) in html


class TestPrenota:
    def test_anonymous_is_sent_to_login(self, client):
        spazio = SpazioFactory()
        response = client.get(spazio.get_absolute_url())
        assert response.status_code == 302 and "/accounts/login/" in response.url

    def test_calendar_shows_free_and_taken_slots_and_htmx_gets_the_fragment(self, client):
        taken = PrenotazioneFactory(confermata=True)
        client.force_login(UserFactory())
        monday = taken.inizio.date() - datetime.timedelta(days=taken.inizio.weekday())
        url = f"{taken.spazio.get_absolute_url()}?settimana={monday.isoformat()}"
        html = client.get(url).content.decode()
        assert "occupato" in html and "libero" in html and "<form" in html
        fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
        assert fragment.lstrip().startswith('<div id="calendario"') and "<form" not in fragment

    def test_booking_for_an_ente(self, client):
        spazio = SpazioFactory()
        membership = MembershipFactory(verified=True, ente__verified=True)
        client.force_login(membership.user)
        inizio = next_weekday(2, hour=10)
        response = client.post(
            spazio.get_absolute_url(),
            {
                "data": inizio.date().isoformat(),
                "ora_inizio": "10:00",
                "ora_fine": "12:00",
                "ente": membership.ente.pk,
                "scopo": "Assemblea dei soci",
                "partecipanti": 15,
            },
        )
        assert response.status_code == 302
        prenotazione = Prenotazione.objects.get()
        assert prenotazione.ente == membership.ente and prenotazione.inizio == inizio

    def test_errors_are_shown_next_to_the_fields(self, client):
        spazio = SpazioFactory(capienza=5)
        client.force_login(UserFactory())
        inizio = next_weekday(6, hour=10)  # Sunday: closed
        response = client.post(
            spazio.get_absolute_url(),
            {
                "data": inizio.date().isoformat(),
                "ora_inizio": "10:00",
                "ora_fine": "11:00",
                "scopo": "Festa",
                "partecipanti": 6,
            },
        )
        assert response.status_code == 200
        form = response.context["form"]
        assert "chiuso" in " ".join(form.errors["ora_inizio"])
        assert "al massimo 5 persone" in " ".join(form.errors["partecipanti"])
        assert not Prenotazione.objects.exists()


class TestAppuntamentoView:
    def test_request(self, client):
        servizio = ServizioFactory()
        client.force_login(UserFactory())
        url = reverse("hubs:appuntamento", args=[servizio.hub.slug, servizio.slug])
        assert client.get(url).status_code == 200
        response = client.post(url, {"tema": "Bando", "descrizione": "", "disponibilita": "Lunedì"})
        assert response.status_code == 302
        assert servizio.appuntamenti.count() == 1


class TestAreaPersonale:
    @pytest.mark.parametrize("n", [1, 25])
    def test_lists_own_bookings_in_fixed_queries(self, client, django_assert_num_queries, n):
        user = UserFactory()
        spazio = SpazioFactory()
        for i in range(n):
            start = next_weekday(1, hour=9) + datetime.timedelta(weeks=i)
            PrenotazioneFactory(richiedente=user, spazio=spazio, inizio=start, fine=start + datetime.timedelta(hours=1))
        client.force_login(user)
        # user, count, bookings, appointments, header's unread messages (the session from the cache)
        with django_assert_num_queries(5):
            response = client.get("/area-personale/prenotazioni/")
        assert response.status_code == 200

    def test_dashboard_card(self, client):
        prenotazione = PrenotazioneFactory()
        client.force_login(prenotazione.richiedente)
        assert "Prenotazioni e appuntamenti" in client.get("/area-personale/").content.decode()

    def test_dashboard_card_counts_appointments_next_to_bookings(self, client):
        user = UserFactory()
        PrenotazioneFactory(richiedente=user)
        AppuntamentoFactory(richiedente=user)
        AppuntamentoFactory(richiedente=user, tema="Bilancio sociale")
        start = next_weekday(2, hour=10)
        AppuntamentoFactory(
            richiedente=user,
            tema="Fissato",
            stato=Appuntamento.Stato.FISSATO,
            inizio=start,
            fine=start + datetime.timedelta(hours=1),
        )
        AppuntamentoFactory(richiedente=user, tema="Annullato", stato=Appuntamento.Stato.ANNULLATO)
        AppuntamentoFactory(tema="Di un altro")
        client.force_login(user)
        html = client.get("/area-personale/").content.decode()
        assert re.search(r"<strong>1</strong> prenotazione in corso", html)
        assert re.search(r"<strong>3</strong> appuntamenti in corso", html)


class TestHomeAndSearch:
    def test_home_lists_hubs(self, client):
        hub = HubFactory(nome="HUB Bissuola")
        html = client.get("/").content.decode()
        assert "HUB Bissuola" in html and hub.get_absolute_url() in html and 'id="home-hub-points"' in html

    def test_search_finds_hubs_and_services(self):
        servizio = ServizioFactory(nome="Sportello progettazione sociale", hub__nome="HUB Castello")
        results = search.search("progettazione")
        urls = [r.url for r in results]
        assert servizio.get_absolute_url() in urls
        assert any(r.section == "HUB e servizi" for r in results)


class TestAdmin:
    def test_queue_calendar_and_csv(self, client):
        prenotazione = PrenotazioneFactory(confermata=True)
        client.force_login(StaffFactory())
        assert client.get("/admin/hubs/prenotazione/?stato__exact=richiesta").status_code == 200
        monday = prenotazione.inizio.date() - datetime.timedelta(days=prenotazione.inizio.weekday())
        response = client.get(f"/admin/hubs/hub/{prenotazione.spazio.hub.pk}/calendario/?settimana={monday}")
        assert prenotazione.scopo in response.content.decode()
        response = client.post(
            "/admin/hubs/prenotazione/",
            {"action": "export_csv", "_selected_action": [prenotazione.pk]},
        )
        assert response["Content-Type"].startswith("text/csv")
        assert prenotazione.scopo in response.content.decode("utf-8-sig")

    def test_confirm_and_refuse_actions(self, client):
        a = PrenotazioneFactory()
        b = PrenotazioneFactory(spazio=a.spazio, inizio=a.inizio, fine=a.fine)
        client.force_login(StaffFactory())
        client.post("/admin/hubs/prenotazione/", {"action": "confirm", "_selected_action": [a.pk]})
        client.post("/admin/hubs/prenotazione/", {"action": "refuse", "_selected_action": [b.pk], "nota": ""})
        a.refresh_from_db()
        b.refresh_from_db()
        assert a.stato == Prenotazione.Stato.CONFERMATA
        assert b.stato == Prenotazione.Stato.RICHIESTA  # refusal needs a reason
        client.post(
            "/admin/hubs/prenotazione/", {"action": "refuse", "_selected_action": [b.pk], "nota": "Sala occupata"}
        )
        b.refresh_from_db()
        assert b.stato == Prenotazione.Stato.RIFIUTATA

    def test_fixing_an_appointment_from_its_change_form(self, client):
        from hubs.models import Appuntamento
        from tests.hubs.factories import AppuntamentoFactory

        appuntamento = AppuntamentoFactory()
        staff = StaffFactory()
        client.force_login(staff)
        inizio = next_weekday(2, hour=11)
        response = client.post(
            f"/admin/hubs/appuntamento/{appuntamento.pk}/change/",
            {
                "inizio_0": inizio.strftime("%d/%m/%Y"),
                "inizio_1": "11:00",
                "fine_0": inizio.strftime("%d/%m/%Y"),
                "fine_1": "12:00",
                "operatore": "",
                "esito": "",
                "seguiti": "",
            },
        )
        assert response.status_code == 302
        appuntamento.refresh_from_db()
        assert appuntamento.stato == Appuntamento.Stato.FISSATO
        assert appuntamento.inizio == inizio and appuntamento.operatore == staff

    def test_a_change_that_fixes_nothing_says_why_instead_of_a_false_success(self, client):
        from django.contrib.messages import get_messages

        from hubs.models import Appuntamento
        from tests.hubs.factories import AppuntamentoFactory

        appuntamento = AppuntamentoFactory()
        client.force_login(StaffFactory())
        data = {"inizio_0": "", "inizio_1": "", "fine_0": "", "fine_1": "", "operatore": "", "esito": ""}
        response = client.post(
            f"/admin/hubs/appuntamento/{appuntamento.pk}/change/", {**data, "seguiti": "Richiamare lunedì"}
        )
        assert response.status_code == 200
        html = response.content.decode()
        assert "Per fissare l&#x27;appuntamento indica inizio e fine." in html and "Richiamare lunedì" in html
        assert not [m for m in get_messages(response.wsgi_request) if "successo" in str(m)]
        appuntamento.refresh_from_db()
        assert (appuntamento.stato, appuntamento.seguiti) == (Appuntamento.Stato.RICHIESTO, "")

    @pytest.mark.parametrize(
        "model", ["hub", "servizio", "spazio", "prenotazione", "appuntamento", "connessione", "eventohub"]
    )
    def test_changelists_open(self, client, model):
        make_hubs(1)
        client.force_login(StaffFactory())
        assert client.get(f"/admin/hubs/{model}/").status_code == 200

    def test_the_hub_form_offers_only_staff_as_referenti(self, client):
        hub = make_hubs(1)[0]
        staff, cittadina = StaffFactory(), UserFactory()
        client.force_login(staff)
        response = client.get(f"/admin/hubs/hub/{hub.pk}/change/")
        offered = response.context["adminform"].form.fields["referenti"].queryset
        assert staff in offered and cittadina not in offered
