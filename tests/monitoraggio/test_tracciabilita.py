"""Back from a figure to its records: every automatic indicator of the registry opens the admin list it counted."""

from datetime import date
from decimal import Decimal

import pytest

from coprogrammazione.models import CondivisioneRisorsa
from costellazioni.indicators import compute_indicator, records_url, registered_indicators
from governance.models import Decisione
from tests.coprogrammazione.factories import RisorsaFactory
from tests.costellazioni.factories import EnteFactory, UserFactory
from tests.governance.factories import PuntoFactory, RiunioneFactory
from tests.monitoraggio.test_indicators import at

pytestmark = pytest.mark.django_db
START, END = date(2026, 11, 1), date(2026, 11, 30)
CODES = [definition.code for definition in registered_indicators()]


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def changelist(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code, response.get("Location"))
    return response.context["cl"]


def test_the_registry_is_filled_by_every_app():
    assert len(CODES) >= 25
    assert {code.split(".")[0] for code in CODES} >= {
        "antenne",
        "contributi",
        "coprogrammazione",
        "governance",
        "hubs",
        "ricerca",
    }


def test_no_automatic_indicator_is_without_its_records():
    """A new indicator registered without ``records=`` fails here, by name."""
    assert [definition.code for definition in registered_indicators() if definition.records is None] == []


@pytest.mark.parametrize("code", CODES)
def test_the_records_of_each_indicator_open_as_a_filtered_admin_list(admin_client, code):
    url = records_url(code, START, END)
    assert url.startswith("/admin/"), url
    cl = changelist(admin_client, url)  # an unknown or forbidden lookup would answer ?e=1 or 400, not 200
    for key in url.partition("?")[2].split("&") if "?" in url else []:
        assert key.split("=")[0] in cl.params


def test_the_decisions_behind_the_figure(admin_client):
    svolta = RiunioneFactory(stato="svolta", inizio=at(date(2026, 11, 3)))
    prevista = RiunioneFactory(stato="convocata", inizio=at(date(2026, 11, 4)))
    ottobre = RiunioneFactory(stato="svolta", inizio=at(date(2026, 10, 20)))
    presa = Decisione.objects.create(punto=PuntoFactory(riunione=svolta), testo="Si approva il calendario.")
    Decisione.objects.create(
        punto=PuntoFactory(riunione=svolta),
        testo="No.",
        esito=Decisione.Esito.RESPINTA,
        voti_favorevoli=1,
        voti_contrari=4,
    )
    Decisione.objects.create(punto=PuntoFactory(riunione=prevista), testo="Non ancora.")
    Decisione.objects.create(punto=PuntoFactory(riunione=ottobre), testo="Il mese prima.")

    [(total, _breakdown), *_rest] = compute_indicator("governance.decisioni_prese", START, END)
    cl = changelist(admin_client, records_url("governance.decisioni_prese", START, END))
    assert total == cl.result_count == 1
    assert list(cl.queryset) == [presa]


def test_the_sharings_behind_the_figure(admin_client):
    risorsa = RisorsaFactory()
    for day in (date(2026, 11, 2), date(2026, 11, 30), date(2026, 12, 1)):
        CondivisioneRisorsa.objects.create(risorsa=risorsa, beneficiario=EnteFactory(), data=day, quantita=Decimal(1))

    [(total, _breakdown), *_rest] = compute_indicator("coprogrammazione.risorse_condivise", START, END)
    cl = changelist(admin_client, records_url("coprogrammazione.risorse_condivise", START, END))
    assert total == cl.result_count == 2
