"""Public events at the HUBs: the HUB page, the event page, its calendar file, the home page and the search."""

import datetime
import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from costellazioni import search
from hubs.models import EventoHub
from tests.costellazioni.factories import EnteFactory, StaffFactory
from tests.hubs.factories import EventoHubFactory, HubFactory, SpazioFactory, next_weekday

pytestmark = pytest.mark.django_db


def json_ld(html):
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))


class TestModel:
    def test_ends_after_it_starts(self):
        evento = EventoHubFactory.build(hub=HubFactory())
        evento.fine = evento.inizio
        with pytest.raises(ValidationError, match="La fine deve seguire l'inizio"):
            evento.full_clean()

    def test_the_space_belongs_to_the_hub(self):
        evento = EventoHubFactory.build(hub=HubFactory(), spazio=SpazioFactory())
        with pytest.raises(ValidationError) as error:
            evento.full_clean()
        assert error.value.message_dict["spazio"] == ["Scegli uno spazio di questo HUB."]

    def test_the_organiser_is_the_hub_manager_unless_told(self):
        evento = EventoHubFactory()
        assert evento.organizzatore == evento.hub.ente_gestore
        ente = EnteFactory()
        assert EventoHubFactory(ente_organizzatore=ente).organizzatore == ente


class TestHubPage:
    def test_lists_the_next_public_events_the_italian_way(self, client):
        hub = HubFactory()
        inizio = datetime.datetime(2031, 12, 2, 17, 30, tzinfo=timezone.get_current_timezone())
        evento = EventoHubFactory(hub=hub, titolo="Open day", inizio=inizio, fine=inizio + datetime.timedelta(hours=2))
        EventoHubFactory(hub=hub, titolo="Riunione riservata", pubblico=False)
        past = timezone.now() - datetime.timedelta(days=3)
        EventoHubFactory(hub=hub, titolo="Festa passata", inizio=past, fine=past + datetime.timedelta(hours=1))
        EventoHubFactory(hub=hub, titolo="Cena annullata", annullato=True)
        EventoHubFactory(titolo="Evento di un altro HUB")
        html = client.get(hub.get_absolute_url()).content.decode()
        assert "Open day" in html and evento.get_absolute_url() in html
        assert "martedì 2 dicembre 2031, 17:30" in html and "19:30" in html
        assert "Riunione riservata" not in html and "Festa passata" not in html
        assert "Evento di un altro HUB" not in html
        assert re.search(r"Cena annullata</a>\s*<span class=\"badge bg-danger ms-1\">Annullato</span>", html)
        events = json_ld(html)
        assert [e["name"] for e in events] == ["Cena annullata", "Open day"]
        open_day = next(e for e in events if e["name"] == "Open day")
        assert open_day["@type"] == "Event" and open_day["startDate"] == "2031-12-02T17:30:00+01:00"
        assert open_day["eventStatus"] == "https://schema.org/EventScheduled"
        assert open_day["location"]["address"]["streetAddress"] == hub.indirizzo
        assert next(e for e in events if e["name"] == "Cena annullata")["eventStatus"].endswith("EventCancelled")

    def test_without_events(self, client):
        html = client.get(HubFactory().get_absolute_url()).content.decode()
        assert "Non ci sono eventi pubblici in programma in questo HUB." in html
        assert "application/ld+json" not in html

    @pytest.mark.parametrize("n", [1, 12])
    def test_query_count(self, client, django_assert_num_queries, n):
        hub = HubFactory()
        spazio = SpazioFactory(hub=hub)
        EventoHubFactory.create_batch(n, hub=hub, spazio=spazio)
        with django_assert_num_queries(6):  # hub, orari, servizi, chiusure, spazi, eventi
            response = client.get(hub.get_absolute_url())
        assert len(response.context["eventi"]) == min(n, 5)


class TestEventoPage:
    def test_shows_the_event_with_its_json_ld_and_calendar_link(self, client, django_assert_num_queries):
        spazio = SpazioFactory(nome="Sala Parco")
        inizio = datetime.datetime(2031, 7, 1, 18, 0, tzinfo=timezone.get_current_timezone())
        evento = EventoHubFactory(
            hub=spazio.hub,
            spazio=spazio,
            titolo="Incontro pubblico",
            inizio=inizio,
            fine=inizio + datetime.timedelta(minutes=90),
            accessibilita="Con interprete LIS.",
            link_iscrizione="https://example.it/iscrizione",
        )
        with django_assert_num_queries(1):
            response = client.get(evento.get_absolute_url())
        html = response.content.decode()
        assert response.status_code == 200
        assert "<h1" in html and "Incontro pubblico" in html
        assert "martedì 1 luglio 2031" in html and "dalle 18:00 alle 19:30" in html
        assert "Con interprete LIS." in html and "Sala Parco" in html
        assert f'href="{evento.get_ics_url()}"' in html and 'href="https://example.it/iscrizione"' in html
        data = json_ld(html)
        assert data["@type"] == "Event" and data["startDate"] == "2031-07-01T18:00:00+02:00"
        assert data["location"]["name"] == f"Sala Parco, {evento.hub.nome}"
        assert data["organizer"]["name"] == evento.hub.ente_gestore.denominazione
        assert data["offers"]["url"] == "https://example.it/iscrizione"

    def test_cancelled_and_past_events_say_so(self, client):
        annullato = EventoHubFactory(annullato=True, link_iscrizione="https://example.it/iscrizione")
        html = client.get(annullato.get_absolute_url()).content.decode()
        assert "Questo evento è stato annullato." in html and "https://example.it/iscrizione" not in html
        past = timezone.now() - datetime.timedelta(days=10)
        passato = EventoHubFactory(inizio=past, fine=past + datetime.timedelta(hours=1))
        assert "Questo evento si è già svolto." in client.get(passato.get_absolute_url()).content.decode()

    def test_private_events_and_unpublished_hubs_are_not_found(self, client):
        assert client.get(EventoHubFactory(pubblico=False).get_absolute_url()).status_code == 404
        assert client.get(EventoHubFactory(hub__pubblicato=False).get_absolute_url()).status_code == 404
        assert client.get(EventoHubFactory(pubblico=False).get_ics_url()).status_code == 404

    def test_ics_download(self, client):
        from icalendar import Calendar

        inizio = next_weekday(3, hour=17)
        evento = EventoHubFactory(titolo="Laboratorio", inizio=inizio, fine=inizio + datetime.timedelta(hours=2))
        response = client.get(evento.get_ics_url())
        assert response.status_code == 200
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        assert response["Content-Disposition"] == f'attachment; filename="{evento.slug}.ics"'
        [event] = Calendar.from_ical(response.content).walk("VEVENT")
        assert str(event["summary"]) == "Laboratorio" and event["status"] == "CONFIRMED"
        assert event["dtstart"].params["TZID"] == "Europe/Rome"
        assert event["dtstart"].to_ical().decode() == f"{inizio:%Y%m%d}T170000"
        assert str(event["url"]).endswith(evento.get_absolute_url())
        assert evento.hub.indirizzo in str(event["location"])

    def test_ics_of_a_cancelled_event_says_cancelled(self, client):
        from icalendar import Calendar

        response = client.get(EventoHubFactory(annullato=True).get_ics_url())
        assert Calendar.from_ical(response.content).walk("VEVENT")[0]["status"] == "CANCELLED"


class TestHomeAndSearch:
    def test_home_shows_the_next_events_at_the_hubs(self, client):
        evento = EventoHubFactory(titolo="Open day delle associazioni", hub__nome="HUB Bissuola")
        EventoHubFactory(titolo="Evento annullato", annullato=True)
        EventoHubFactory(titolo="Evento riservato", pubblico=False)
        html = client.get("/").content.decode()
        assert "Prossimi eventi negli HUB" in html
        assert "Open day delle associazioni" in html and evento.get_absolute_url() in html
        assert "Evento riservato" not in html
        # Cancelled events are on the home page as on the HUB's page, marked: people who planned to come learn of it.
        assert re.search(r"Evento annullato</a> <span class=\"badge bg-danger ms-1\">Annullato</span>", html)

    def test_home_and_hub_page_list_the_same_events(self, client):
        hub = HubFactory()
        past = timezone.now() - datetime.timedelta(days=3)
        EventoHubFactory(hub=hub, titolo="Open day")
        EventoHubFactory(hub=hub, titolo="Cena annullata", annullato=True)
        EventoHubFactory(hub=hub, titolo="Riunione riservata", pubblico=False)
        EventoHubFactory(hub=hub, titolo="Festa passata", inizio=past, fine=past + datetime.timedelta(hours=1))
        home = {e.titolo for e in client.get("/").context["home_hub_eventi"]}
        pagina = {e.titolo for e in client.get(hub.get_absolute_url()).context["eventi"]}
        assert home == pagina == {"Open day", "Cena annullata"}

    @pytest.mark.parametrize("n", [1, 10])
    def test_home_query_count_is_fixed(self, client, django_assert_num_queries, n):
        EventoHubFactory.create_batch(n)
        with django_assert_num_queries(5):  # open calls, HUBs, HUB events, public meetings, open surveys
            client.get("/")

    def test_search_finds_upcoming_public_events(self):
        evento = EventoHubFactory(titolo="Corso sulla rendicontazione", hub__nome="HUB Castello")
        EventoHubFactory(titolo="Rendicontazione annullata", annullato=True)
        EventoHubFactory(titolo="Rendicontazione riservata", pubblico=False)
        past = timezone.now() - datetime.timedelta(days=3)
        EventoHubFactory(titolo="Rendicontazione passata", inizio=past, fine=past + datetime.timedelta(hours=1))
        results = [r for r in search.search("rendicontazione") if r.section == "Eventi negli HUB"]
        assert [(r.title, r.url) for r in results] == [
            ("Corso sulla rendicontazione — HUB Castello", evento.get_absolute_url())
        ]


class TestAdmin:
    def test_staff_publish_an_event(self, client):
        spazio = SpazioFactory()
        client.force_login(StaffFactory())
        assert client.get(reverse("admin:hubs_eventohub_changelist")).status_code == 200
        assert client.get(reverse("admin:hubs_eventohub_add")).status_code == 200
        inizio = timezone.localtime(next_weekday(3, hour=17))
        response = client.post(
            reverse("admin:hubs_eventohub_add"),
            {
                "hub": spazio.hub.pk,
                "spazio": spazio.pk,
                "titolo": "Assemblea di quartiere",
                "slug": "assemblea-di-quartiere",
                "descrizione": "Proposte per il parco.",
                "inizio_0": inizio.strftime("%d/%m/%Y"),
                "inizio_1": "17:00",
                "fine_0": inizio.strftime("%d/%m/%Y"),
                "fine_1": "19:00",
                "pubblico": "on",
            },
        )
        assert response.status_code == 302, response.context["adminform"].form.errors
        evento = EventoHub.objects.get()
        assert evento.inizio == inizio and evento.get_absolute_url() == reverse(
            "hubs:evento", args=[spazio.hub.slug, "assemblea-di-quartiere"]
        )

    def test_a_space_of_another_hub_is_refused(self, client):
        hub, spazio = HubFactory(), SpazioFactory()
        client.force_login(StaffFactory())
        inizio = next_weekday(3, hour=17)
        response = client.post(
            reverse("admin:hubs_eventohub_add"),
            {
                "hub": hub.pk,
                "spazio": spazio.pk,
                "titolo": "Assemblea",
                "slug": "assemblea",
                "descrizione": "x",
                "inizio_0": inizio.strftime("%d/%m/%Y"),
                "inizio_1": "17:00",
                "fine_0": inizio.strftime("%d/%m/%Y"),
                "fine_1": "19:00",
            },
        )
        assert response.status_code == 200
        assert "Scegli uno spazio di questo HUB." in response.content.decode()
        assert not EventoHub.objects.exists()
