import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from contributi import services
from contributi.models import Bando
from tests.contributi.factories import complete_draft, open_bando, referente
from tests.costellazioni.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted():
    bando = open_bando()
    user, ente = referente()
    c = complete_draft(bando=bando, user=user, ente=ente)
    return services.candidatura_submit(candidatura=c, actor=user, veridicita=True, privacy=True)


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def _export(admin_client, bando, action):
    url = reverse("admin:contributi_bando_changelist")
    return admin_client.post(url, {"action": action, "_selected_action": [bando.pk]})


def test_csv_export(admin_client, submitted):
    response = _export(admin_client, submitted.bando, "esporta_csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][0] == "Protocollo"
    assert rows[1][0] == submitted.numero_protocollo


def test_xlsx_export(admin_client, submitted):
    response = _export(admin_client, submitted.bando, "esporta_xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A2"].value == submitted.numero_protocollo


def test_published_call_shows_frozen_fields_read_only(admin_client, submitted):
    response = admin_client.get(reverse("admin:contributi_bando_change", args=[submitted.bando.pk]))
    assert response.status_code == 200
    assert 'name="contributo_massimo"' not in response.content.decode()


def test_candidatura_change_page_shows_snapshot_read_only(admin_client, submitted):
    response = admin_client.get(reverse("admin:contributi_candidatura_change", args=[submitted.pk]))
    assert response.status_code == 200
    assert submitted.numero_protocollo in response.content.decode()
    assert "snapshot" not in [f for f in ("snapshot",) if f'name="{f}"' in response.content.decode()]


def test_changelist_filters(admin_client, submitted):
    url = reverse("admin:contributi_candidatura_changelist")
    response = admin_client.get(url, {"stato": "presentata", "bando__id__exact": submitted.bando_id})
    assert response.status_code == 200
    assert Bando.objects.count() == 1
