"""The datasets the other apps register at /dati-aperti/, and the trace from their indicators to the records."""

from datetime import date

import pytest

from monitoraggio import services
from tests.costellazioni.factories import StaffFactory
from tests.governance.factories import RiunioneFactory
from tests.monitoraggio.test_indicators import at

pytestmark = pytest.mark.django_db


def test_open_data_lists_the_needs_and_the_mou_datasets_with_working_links(client):
    html = client.get("/dati-aperti/").content.decode()
    for title in ("Bisogni segnalati", "Protocolli d&#x27;intesa", "Impegni dei protocolli d&#x27;intesa"):
        assert title in html
    links = [
        "/ricerca-azione/dati/bisogni.csv",
        "/ricerca-azione/dati/bisogni.json",
        "/coprogrammazione/protocolli/dati/protocolli.csv",
        "/coprogrammazione/protocolli/dati/protocolli.json",
        "/coprogrammazione/protocolli/dati/impegni.csv",
        "/coprogrammazione/protocolli/dati/impegni.json",
    ]
    for link in links:
        assert f'href="{link}"' in html
        assert client.get(link).status_code == 200
    assert "<code>categoria_codice</code>" in html and "<code>impronta_testo</code>" in html


def test_staff_follow_a_governance_figure_back_to_the_meetings(client):
    RiunioneFactory(stato="svolta", inizio=at(date(2026, 11, 3)))
    services.indicatori_snapshot(period_start=date(2026, 11, 1), period_end=date(2026, 11, 30))
    client.force_login(StaffFactory())
    html = client.get("/monitoraggio/staff/").content.decode()
    url = (
        "/admin/governance/riunione/?stato__in=svolta%2Cverbale_approvato"
        "&amp;inizio__date__gte=2026-11-01&amp;inizio__date__lte=2026-11-30"
    )
    assert url in html
