"""Bulk import from CSV and XLSX: validated row by row in a task, all or nothing, with the rejected rows' reasons."""

import io
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from costellazioni.models import Quartiere
from monitoraggio.importing import importazione_create
from monitoraggio.models import Importazione, Misurazione, Tappa
from tests.contributi.factories_erogazioni import ConcessioneFactory
from tests.costellazioni.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def run(content: bytes, name="dati.csv", tipo=Importazione.Tipo.MISURAZIONI, capture=None):
    with capture(execute=True):
        importazione = importazione_create(file=SimpleUploadedFile(name, content), tipo=tipo, actor=StaffFactory())
    importazione.refresh_from_db()
    return importazione


def test_a_valid_csv_is_imported_as_values_to_validate(django_capture_on_commit_callbacks):
    quartiere = Quartiere.objects.order_by("pk").first()
    content = (
        "indicatore;periodo_inizio;periodo_fine;valore;quartiere;genere\n"
        f"EECO01;2026-07-01;2026-09-30;112;{quartiere.nome};\n"
        "eeco01;01/07/2026;30/09/2026;61,0;;donne\n"
    ).encode()
    importazione = run(content, capture=django_capture_on_commit_callbacks)
    assert importazione.stato == Importazione.Stato.IMPORTATA
    assert (importazione.righe_lette, importazione.righe_importate, importazione.righe_respinte) == (2, 2, [])
    values = {m.chiave: m.valore for m in Misurazione.objects.filter(origine="importata", stato="da_validare")}
    assert values == {f"quartiere={quartiere.slug}": 112, "genere=donne": 61}


def test_one_bad_row_imports_nothing_and_says_why(django_capture_on_commit_callbacks):
    content = (
        b"indicatore,periodo_inizio,periodo_fine,valore\n"
        b"EECO01,2026-07-01,2026-09-30,112\n"
        b"CC-08,2026-07-01,2026-09-30,5\n"
        b"XX-99,2026-07-01,ieri,-3\n"
        b"EECO01,2026-07-01,2026-09-30,12\n"
    )
    importazione = run(content, capture=django_capture_on_commit_callbacks)
    assert importazione.stato == Importazione.Stato.RESPINTA and importazione.righe_importate == 0
    assert not Misurazione.objects.exists()
    reasons = {row["riga"]: " ".join(row["motivi"]) for row in importazione.righe_respinte}
    assert set(reasons) == {3, 4, 5}
    assert "calcolato automaticamente" in reasons[3]
    assert "XX-99" in reasons[4] and "non è una data" in reasons[4] and "non è un numero positivo" in reasons[4]
    assert "Riga ripetuta" in reasons[5]


def test_projects_progress_from_xlsx(django_capture_on_commit_callbacks):
    concessione = ConcessioneFactory(cup="F71B26000010006")
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["cup", "tappa", "scadenza", "raggiunta_il", "nota"])
    sheet.append(["F71B26000010006", "Primo laboratorio", date(2027, 2, 28), date(2027, 2, 20), "=HYPERLINK(1)"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    importazione = run(
        buffer.getvalue(), "avanzamento.xlsx", Importazione.Tipo.AVANZAMENTO, django_capture_on_commit_callbacks
    )
    assert importazione.stato == Importazione.Stato.IMPORTATA
    tappa = Tappa.objects.get()
    assert (tappa.progetto, tappa.scadenza, tappa.raggiunta_il) == (concessione, date(2027, 2, 28), date(2027, 2, 20))


def test_a_file_that_is_neither_csv_nor_xlsx_is_refused_before_queueing():
    with pytest.raises(ValidationError, match="non è un foglio Excel"):
        importazione_create(
            file=SimpleUploadedFile("x.csv", b"%PDF-1.7\x00\x01"), tipo="misurazioni", actor=StaffFactory()
        )


def test_only_staff_import():
    with pytest.raises(PermissionDenied, match="riservato al personale"):
        importazione_create(file=SimpleUploadedFile("x.csv", b"a,b\n"), tipo="misurazioni", actor=UserFactory())
