"""What the Government's checker of municipal sites looks for, followed the way it follows it.

The checker (italia/pa-website-validator) starts from the home page and finds each part of the national model by
its ``data-element``; these tests walk the same path on seeded data, so a template change that hides a part from it
fails here rather than in the next audit.
"""

import re

import pytest

from tests.hubs.factories import EventoHubFactory, ServizioFactory

pytestmark = pytest.mark.django_db

# The checker's own dictionaries of second-level titles (storage/municipality/menuItems.ts).
DICTIONARIES = {
    "management-category-link": {
        "aree amministrative",
        "documenti e dati",
        "enti e fondazioni",
        "organi di governo",
        "personale amministrativo",
        "politici",
        "uffici",
    },
    "news-category-link": {"avvisi", "comunicati", "notizie"},
    "service-category-link": {
        "educazione e formazione",
        "salute, benessere e assistenza",
        "vita lavorativa",
        "cultura e tempo libero",
        "imprese e commercio",
        "ambiente",
    },
}
FIRST_LEVEL = {
    "management": "management-category-link",
    "news": "news-category-link",
    "all-services": "service-category-link",
}


def _links(html, data_element):
    found = re.findall(rf'<a\b[^>]*?href="([^"]+)"[^>]*?data-element="{data_element}"[^>]*>(.*?)</a>', html, re.S)
    return [(url, " ".join(re.sub(r"<[^>]+>", " ", text).split())) for url, text in found]


@pytest.fixture
def portal(client):
    ServizioFactory()
    EventoHubFactory()
    return client


@pytest.mark.parametrize(("first_level", "second_level"), sorted(FIRST_LEVEL.items()))
def test_each_first_level_section_leads_to_second_level_pages_with_the_models_titles(portal, first_level, second_level):
    home = portal.get("/").content.decode()
    [(url, _label)] = _links(home, first_level)
    page = portal.get(url).content.decode()
    links = _links(page, second_level)
    assert links, f"{url} has no {second_level}"
    assert {label.lower() for _url, label in links} <= DICTIONARIES[second_level]
    for link, _label in links:
        assert portal.get(link.split("#")[0] or url).status_code == 200


def test_the_hub_section_plays_vivere_with_places_and_events(portal):
    home = portal.get("/").content.decode()
    [(url, _label)] = _links(home, "live")
    page = portal.get(url).content.decode()
    [(_places, places)] = _links(page, "live-button-locations")
    [(events_url, events)] = _links(page, "live-button-events")
    assert (places, events) == ("Luoghi", "Eventi")
    events_page = portal.get(events_url).content.decode()
    [(event_url, _title)] = _links(events_page, "event-link")
    assert portal.get(event_url).status_code == 200


def test_the_footer_carries_every_help_link_of_the_model(portal):
    html = portal.get("/").content.decode()
    footer = html[html.index("<footer") :]
    for data_element in ("faq", "report-inefficiency", "privacy-policy-link", "legal-notes", "all-topics"):
        [(url, _label)] = _links(footer, data_element)
        assert portal.get(url).status_code == 200, data_element
    assert "Piano di miglioramento del sito" in footer


def test_every_first_and_second_level_page_carries_the_rating_widget(portal):
    home = portal.get("/").content.decode()
    pages = [url for first in (*FIRST_LEVEL, "live") for url, _label in _links(home, first)]
    for url in pages:
        html = portal.get(url).content.decode()
        assert 'data-element="feedback"' in html, url
        assert "Quanto sono chiare le informazioni su questa pagina?" in html, url
