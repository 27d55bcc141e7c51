import pytest

from antenne.models import Antenna
from costellazioni.models import EventoAudit
from tests.antenne.factories import AntennaFactory, AttivitaFactory, SocioFactory

pytestmark = pytest.mark.django_db

CHANGELISTS = [
    "antenna",
    "operatoredicomunita",
    "attivita",
    "seguito",
    "sociobancadeltempo",
    "offerta",
    "richiesta",
    "scambio",
    "movimentobancadeltempo",
    "richiestaportierato",
]


@pytest.mark.parametrize("model", CHANGELISTS)
def test_staff_opens_every_changelist(client, staff_user, model):
    AntennaFactory()
    AttivitaFactory()
    SocioFactory()
    client.force_login(staff_user)
    assert client.get(f"/admin/antenne/{model}/").status_code == 200


def test_antenna_change_form_shows_the_timeline(client, staff_user):
    antenna = AntennaFactory(stato=Antenna.Stato.INDIVIDUATA)
    client.force_login(staff_user)
    client.post(
        "/admin/antenne/antenna/",
        {"action": "antenna_contattata", "_selected_action": [antenna.pk], "nota": ""},
    )
    antenna.refresh_from_db()
    assert antenna.stato == Antenna.Stato.CONTATTATA
    assert EventoAudit.objects.filter(object_id=str(antenna.pk)).exists()
    assert client.get(f"/admin/antenne/antenna/{antenna.pk}/change/").status_code == 200


def test_field_log_csv_export(client, staff_user):
    AttivitaFactory(luogo="Campo San Polo", persone_raggiunte=11)
    client.force_login(staff_user)
    response = client.post(
        "/admin/antenne/attivita/",
        {"action": "esporta_csv", "select_across": "1", "_selected_action": ["0"], "index": "0"},
    )
    assert response["Content-Type"].startswith("text/csv")
    body = response.content.decode("utf-8-sig")
    assert "Campo San Polo;11" in body


def test_ledger_is_read_only(client, staff_user):
    client.force_login(staff_user)
    assert client.get("/admin/antenne/movimentobancadeltempo/add/").status_code == 403


def test_csv_cells_never_start_a_formula(client, staff_user):
    AttivitaFactory(note='=HYPERLINK("http://x")')
    client.force_login(staff_user)
    response = client.post(
        "/admin/antenne/attivita/",
        {"action": "esporta_csv", "select_across": "1", "_selected_action": ["0"], "index": "0"},
    )
    assert "'=HYPERLINK" in response.content.decode("utf-8-sig")
