"""The services catalogue (`/servizi/`) and the service page as the national model of municipal sites describes them."""

import re

import pytest
from django.urls import reverse

from hubs import catalogo
from hubs.models import Servizio
from tests.hubs.factories import HubFactory, ServizioFactory

pytestmark = pytest.mark.django_db

# The service categories every Comune's site uses (modello Comuni, "Servizi").
NATIONAL_CATEGORIES = {
    "educazione e formazione",
    "salute, benessere e assistenza",
    "vita lavorativa",
    "cultura e tempo libero",
    "imprese e commercio",
}


def _data_elements(html, name):
    """(href, visible text) of every link marked ``data-element=name``."""
    links = re.findall(rf'<a\b[^>]*?href="([^"]+)"[^>]*?data-element="{name}"[^>]*>(.*?)</a>', html, re.DOTALL)
    return [(url, " ".join(re.sub(r"<[^>]+>", " ", text).split())) for url, text in links]


class TestCatalogue:
    def test_every_category_is_one_of_the_national_model(self):
        assert {str(categoria.nome).lower() for categoria in catalogo.CATEGORIE} <= NATIONAL_CATEGORIES
        assert set(catalogo.PER_CATEGORIA_HUB) == set(Servizio.Categoria)

    def test_lists_the_active_services_of_published_hubs(self, client):
        shown = ServizioFactory(nome="Sportello progetti Bissuola")
        ServizioFactory(nome="Servizio sospeso", attivo=False)
        ServizioFactory(nome="Servizio di un HUB in allestimento", hub=HubFactory(pubblicato=False))
        html = client.get(reverse("servizi:catalogo")).content.decode()
        assert [(url, name) for url, name in _data_elements(html, "service-link")] == [
            (shown.get_absolute_url(), "Sportello progetti Bissuola")
        ]

    def test_category_links_carry_the_national_names_and_open(self, client):
        ServizioFactory()
        html = client.get(reverse("servizi:catalogo")).content.decode()
        links = _data_elements(html, "service-category-link")
        assert {name for _url, name in links} == {str(c.nome) for c in catalogo.CATEGORIE}
        for url, _name in links:
            assert client.get(url).status_code == 200

    def test_a_category_page_lists_only_its_services(self, client):
        corso = ServizioFactory(nome="Italiano per donne", categoria=Servizio.Categoria.FORMAZIONE)
        ServizioFactory(nome="Sportello progetti", categoria=Servizio.Categoria.SPORTELLO_PROGETTI)
        html = client.get(reverse("servizi:categoria", args=["educazione-e-formazione"])).content.decode()
        assert _data_elements(html, "service-link") == [(corso.get_absolute_url(), "Italiano per donne")]

    def test_an_unknown_category_is_not_found(self, client):
        assert client.get(reverse("servizi:categoria", args=["anagrafe"])).status_code == 404

    def test_the_appointment_booking_is_reachable_from_the_catalogue(self, client):
        sportello = ServizioFactory(accesso=Servizio.Accesso.APPUNTAMENTO)
        html = client.get(reverse("servizi:catalogo")).content.decode()
        [(url, _label)] = _data_elements(html, "appointment-booking")
        assert url == reverse("hubs:appuntamento", args=[sportello.hub.slug, sportello.slug])

    def test_the_home_page_links_the_catalogue(self, client):
        HubFactory()
        html = client.get("/").content.decode()
        assert [url for url, _name in _data_elements(html, "all-services")] == ["/servizi/"]

    def test_queries_do_not_grow_with_the_services(self, client, django_assert_max_num_queries):
        for _n in range(2):
            ServizioFactory()
        client.get(reverse("servizi:catalogo"))
        for _n in range(8):
            ServizioFactory()
        with django_assert_max_num_queries(3):
            client.get(reverse("servizi:catalogo"))


class TestServicePage:
    MANDATORY = [
        "service-title",
        "service-description",
        "service-status",
        "service-topic",
        "service-addressed",
        "service-how-to",
        "service-needed",
        "service-achieved",
        "service-calendar-text",
        "service-generic-access",
        "service-booking-access",
        "service-file",
        "service-area",
        "page-index",
        "breadcrumb",
    ]

    def test_carries_every_section_of_the_model(self, client):
        servizio = ServizioFactory(accesso=Servizio.Accesso.APPUNTAMENTO)
        html = client.get(servizio.get_absolute_url()).content.decode()
        assert [name for name in self.MANDATORY if f'data-element="{name}"' not in html] == []

    def test_the_breadcrumb_goes_through_services_and_its_category(self, client):
        servizio = ServizioFactory(categoria=Servizio.Categoria.FORMAZIONE, nome="Doposcuola solidale")
        html = client.get(servizio.get_absolute_url()).content.decode()
        crumbs = html[html.index('data-element="breadcrumb"') :]
        crumbs = re.sub(r"<[^>]+>", " ", crumbs[: crumbs.index("</ol>")])
        assert (
            " ".join(crumbs.split())
            .replace(" /", "")
            .split("  ")[0]
            .endswith("Servizi Educazione e formazione Doposcuola solidale")
        )


class TestTopicsAndBooking:
    def test_topics_are_terms_of_the_controlled_vocabulary(self):
        from django.core.exceptions import ValidationError

        servizio = ServizioFactory(argomenti=["Associazioni", "Istruzione"])
        servizio.full_clean()
        servizio.argomenti = ["terzo settore"]
        with pytest.raises(ValidationError, match="terzo settore"):
            servizio.full_clean()

    def test_the_topics_page_lists_the_vocabulary_and_is_linked_from_every_page(self, client):
        from costellazioni.argomenti import ARGOMENTI

        home = client.get("/").content.decode()
        [(url, _label)] = _data_elements(home, "all-topics")
        html = client.get(url).content.decode()
        topics = re.findall(r'data-element="topic-element"><span class="chip-label">([^<]+)</span>', html)
        assert topics == [value for value, _label in ARGOMENTI]

    def test_a_service_page_shows_its_topics_in_the_readers_language(self, client):
        servizio = ServizioFactory(argomenti=["Assistenza sociale"])
        client.cookies["django_language"] = "en"
        html = client.get(servizio.get_absolute_url()).content.decode()
        topics = html[html.index('data-element="service-topic"') :]
        assert "Social assistance" in topics[: topics.index("</ul>")]

    def test_every_service_page_offers_an_appointment_with_the_hub(self, client):
        sportello = ServizioFactory(accesso=Servizio.Accesso.APPUNTAMENTO, nome="Sportello progetti")
        sala = ServizioFactory(hub=sportello.hub, accesso=Servizio.Accesso.LIBERO, nome="Sala studio")
        html = client.get(sala.get_absolute_url()).content.decode()
        [(url, label)] = _data_elements(html, "appointment-booking")
        assert url == reverse("hubs:appuntamento", args=[sportello.hub.slug, sportello.slug])
        assert label == "Prenota un appuntamento"

    def test_the_service_description_for_machines_is_marked_for_the_model(self, client):
        import json

        servizio = ServizioFactory()
        html = client.get(servizio.get_absolute_url()).content.decode()
        block = re.search(r'<script[^>]*type="application/ld\+json" data-element="metatag">(.*?)</script>', html, re.S)
        data = json.loads(block.group(1))
        assert data["@type"] == "GovernmentService"
        assert data["serviceType"] == "Imprese e commercio"
        assert {"serviceUrl", "serviceLocation"} <= set(data["availableChannel"])
        assert data["serviceOperator"]["name"] == "Ufficio di progetto Costellazioni civiche"
        assert all(isinstance(data[key]["name"], str) for key in ("serviceOperator", "areaServed", "provider"))
