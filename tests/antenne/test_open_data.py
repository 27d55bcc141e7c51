"""The antennas' open dataset: only public antennas, only what their public page shows, nothing personal."""

import pytest

from antenne.models import Antenna
from tests.antenne.factories import AntennaFactory
from tests.costellazioni.open_data_checks import assert_nothing_personal, persona, read_csv, read_json
from tests.hubs.factories import HubFactory

pytestmark = pytest.mark.django_db

CSV = "/antenne/dati/antenne.csv"
JSON = "/antenne/dati/antenne.json"


def test_only_public_antennas_shops_with_address_citizens_without(client):
    hub = HubFactory(nome="HUB Mestre centro")
    negozio = AntennaFactory(
        nome_pubblico="Ferramenta Sartori", indirizzo="Via Palazzo 12", latitudine="45.49100", longitudine="12.24200"
    )
    Antenna.objects.filter(pk=negozio.pk).update(hub=hub)
    cittadina = AntennaFactory(privato=True, descrizione="Abito vicino alla chiesa", stato=Antenna.Stato.IN_RETE)
    AntennaFactory(nome_pubblico="Antenna sospesa", stato=Antenna.Stato.SOSPESA)
    AntennaFactory(nome_pubblico="Antenna appena individuata", stato=Antenna.Stato.INDIVIDUATA)
    rows = {row["id"]: row for row in read_csv(client.get(CSV))}
    assert set(rows) == {str(negozio.pk), str(cittadina.pk)}
    shop, citizen = rows[str(negozio.pk)], rows[str(cittadina.pk)]
    assert shop["nome"] == "Ferramenta Sartori" and shop["indirizzo"] == "Via Palazzo 12"
    assert (shop["latitudine"], shop["posizione_approssimata"]) == ("45.49100", "false")
    assert shop["servizi"] == "ritiro_pacchi; informazioni" and shop["hub"] == "HUB Mestre centro"
    quartiere = cittadina.quartiere
    assert citizen["nome"] == "Antenna cittadina" and citizen["indirizzo"] == "" and citizen["descrizione"] == ""
    assert citizen["latitudine"] == f"{quartiere.latitudine:.5f}" and citizen["posizione_approssimata"] == "true"
    results = {r["id"]: r for r in read_json(client.get(JSON))}
    assert (
        results[cittadina.pk]["nome"] == "Antenna cittadina" and results[negozio.pk]["posizione_approssimata"] is False
    )


def test_a_citizen_name_only_with_consent_and_never_the_contacts(client):
    user = persona()
    cittadina = AntennaFactory(privato=True, nome_pubblico="Maria Rossi", referente_nome="Maria Rossi", account=user)
    Antenna.objects.filter(pk=cittadina.pk).update(consenso_nome=True, consenso_contatti=True)
    csv_response, json_response = client.get(CSV), client.get(JSON)
    assert read_csv(csv_response)[0]["nome"] == "Maria Rossi"
    assert_nothing_personal(csv_response, json_response, extra=["maria@example.it", "041 555 0101", "Calle dei Fabbri"])


def test_without_consent_not_even_the_name(client):
    AntennaFactory(privato=True, nome_pubblico="Maria Rossi")
    csv_response, json_response = client.get(CSV), client.get(JSON)
    assert_nothing_personal(csv_response, json_response, extra=["Maria Rossi"])


@pytest.mark.parametrize("n", [1, 5])
def test_query_count_does_not_grow_with_the_antennas(client, django_assert_num_queries, n):
    hub = HubFactory()
    for _ in range(n):
        AntennaFactory(hub=hub)
    for url in (CSV, JSON):
        with django_assert_num_queries(1):  # antennas with quartiere, municipalità and HUB
            assert client.get(url).status_code == 200


def test_listed_at_dati_aperti(client):
    AntennaFactory()
    html = client.get("/dati-aperti/").content.decode()
    section = html.split('id="dataset-antenne"')[1].split("</section>")[0]
    assert f'href="{CSV}"' in section and f'href="{JSON}"' in section
    assert "<code>posizione_approssimata</code>" in section and "CC BY 4.0" in section
