"""The HUB and antenna open datasets, fed a name starting with ``=HYPERLINK(``, write no formula."""

import pytest

from tests.antenne.factories import AntennaFactory
from tests.costellazioni.test_exports_formula import EVIL, assert_csv_safe
from tests.hubs.factories import HubFactory, ServizioFactory

pytestmark = pytest.mark.django_db


def test_hub_csv(client):
    ServizioFactory(hub=HubFactory(nome=EVIL), nome=EVIL)
    assert_csv_safe(client.get("/hub/dati/hub.csv"))


def test_antenne_csv(client):
    AntennaFactory(nome_pubblico=EVIL, disponibilita=EVIL)
    assert_csv_safe(client.get("/antenne/dati/antenne.csv"))
