"""The HUBs' open dataset: CSV and JSON with the same rows, its dictionary at /dati-aperti/, nothing personal."""

import datetime

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format

from hubs.models import Hub
from tests.costellazioni.open_data_checks import assert_nothing_personal, persona, read_csv, read_json
from tests.hubs.factories import HubFactory, ServizioFactory

pytestmark = pytest.mark.django_db

CSV = "/hub/dati/hub.csv"
JSON = "/hub/dati/hub.json"


@pytest.fixture
def hub():
    hub = HubFactory(nome="HUB Marghera", indirizzo="Piazza Mercato 40", cap="30175", telefono="041 274 9999")
    hub.referenti.add(persona())
    ServizioFactory(hub=hub, nome="Sportello progetti", email="sportello@example.it", telefono="041 274 0000")
    ServizioFactory(hub=hub, nome="Orientamento", categoria="orientamento")
    ServizioFactory(hub=hub, nome="Servizio chiuso", attivo=False)
    return hub


def test_csv_and_json_list_published_hubs_with_address_and_active_services(client, hub):
    HubFactory(nome="HUB in allestimento", pubblicato=False)
    rows = read_csv(client.get(CSV))
    assert [row["nome"] for row in rows] == ["HUB Marghera"]
    assert rows[0]["indirizzo"] == "Piazza Mercato 40" and rows[0]["cap"] == "30175"
    assert rows[0]["servizi"] == "Orientamento; Sportello progetti"
    assert rows[0]["categorie_servizi"] == "orientamento; sportello_progetti"
    assert rows[0]["numero_servizi"] == "2" and rows[0]["accesso_senza_barriere"] == "true"
    assert rows[0]["latitudine"] == "45.49012" and rows[0]["url"] == "http://testserver/hub/" + hub.slug + "/"
    results = read_json(client.get(JSON))
    assert [{k: str(v).lower() if isinstance(v, bool) else str(v) for k, v in r.items()} for r in results] == rows
    assert results[0]["numero_servizi"] == 2 and results[0]["accesso_senza_barriere"] is True


def test_nothing_personal_not_even_the_hub_and_service_contacts(client, hub):
    assert_nothing_personal(client.get(CSV), client.get(JSON), extra=["041 274", "hub@example.it", "sportello@"])


@pytest.mark.parametrize("n", [1, 4])
def test_query_count_does_not_grow_with_the_hubs(client, django_assert_num_queries, n):
    for _ in range(n):
        ServizioFactory()
    for url in (CSV, JSON):
        with django_assert_num_queries(2):  # HUBs with quartiere and ente, active services
            assert client.get(url).status_code == 200


def test_listed_at_dati_aperti_with_dictionary_and_last_update(client, hub):
    Hub.objects.filter(pk=hub.pk).update(aggiornato_il=timezone.make_aware(datetime.datetime(2026, 3, 9, 12)))
    html = client.get("/dati-aperti/").content.decode()
    section = html.split('id="dataset-hub"')[1].split("</section>")[0]
    assert "HUB di Costellazioni civiche" in section
    assert f'href="{CSV}"' in section and f'href="{JSON}"' in section
    assert "<code>categorie_servizi</code>" in section and "CC BY 4.0" in section
    assert "9 marzo 2026" in section


def test_last_update_is_now_without_hubs(client):
    html = client.get("/dati-aperti/").content.decode()
    section = html.split('id="dataset-hub"')[1].split("</section>")[0]
    with translation.override("it"):
        oggi = date_format(timezone.localdate(), "j F Y")
    assert oggi in section and "nessun dato ancora" not in section
