"""Snapshots, manual measurements and reports through the services."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from pypdf import PdfReader

from costellazioni.models import EventoAudit, Messaggio
from monitoraggio import services
from monitoraggio.models import Misurazione, Report
from monitoraggio.services import snapshot
from tests.antenne.factories import AttivitaFactory
from tests.costellazioni.factories import StaffFactory, UserFactory
from tests.monitoraggio.factories import NOV, OCT, IndicatoreFactory, MisurazioneFactory, catalogue
from tests.monitoraggio.test_indicators import at

pytestmark = pytest.mark.django_db


def rows(codice):
    return sorted(
        (m.chiave, m.valore) for m in Misurazione.objects.filter(indicatore__codice=codice, periodo_inizio=NOV[0])
    )


class TestSnapshot:
    def test_the_same_period_twice_gives_the_same_rows(self):
        AttivitaFactory(svolta_il=at(date(2026, 11, 3)), persone_raggiunte=12, persone_donne=7)
        services.indicatori_snapshot(period_start=NOV[0], period_end=NOV[1])
        first = rows("CC-08")
        ids = set(Misurazione.objects.values_list("pk", flat=True))
        services.indicatori_snapshot(period_start=NOV[0], period_end=NOV[1])
        assert rows("CC-08") == first
        assert set(Misurazione.objects.values_list("pk", flat=True)) == ids
        assert ("", Decimal("12.00")) in first and ("genere=donne", Decimal("7.00")) in first

    def test_a_changed_source_updates_the_period_and_drops_vanished_breakdowns(self):
        attivita = AttivitaFactory(svolta_il=at(date(2026, 11, 3)), persone_raggiunte=12, persone_donne=7)
        services.indicatori_snapshot(period_start=NOV[0], period_end=NOV[1])
        type(attivita).objects.filter(pk=attivita.pk).update(persone_donne=None, persone_raggiunte=9)
        services.indicatori_snapshot(period_start=NOV[0], period_end=NOV[1])
        assert ("", Decimal("9.00")) in rows("CC-08")
        assert not [chiave for chiave, _v in rows("CC-08") if chiave.startswith("genere")]

    def test_a_closed_month_is_kept_when_the_source_changes_later(self):
        AttivitaFactory(svolta_il=at(date(2026, 10, 3)), persone_raggiunte=4)
        services.indicatori_snapshot(period_start=OCT[0], period_end=OCT[1])
        Misurazione.objects.filter(periodo_inizio=OCT[0]).update(rilevata_il=at(date(2026, 11, 1)))
        assert snapshot.snapshot_due_periods(date(2026, 11, 15)) == [NOV]

    def test_an_open_previous_month_is_snapshotted_again(self):
        assert snapshot.snapshot_due_periods(date(2026, 11, 15)) == [OCT, NOV]

    def test_the_database_refuses_a_second_row_for_the_same_period_and_breakdown(self):
        indicatore = IndicatoreFactory()
        MisurazioneFactory(indicatore=indicatore, disaggregazione={"quartiere": "marghera"})
        with pytest.raises(IntegrityError, match="misurazione_one_per_period_and_breakdown"):
            MisurazioneFactory(indicatore=indicatore, disaggregazione={"quartiere": "marghera"})


class TestManualMeasurement:
    def test_staff_enter_another_staff_member_validates(self):
        autore, validatore = StaffFactory(), StaffFactory()
        m = services.misurazione_create(
            indicatore=catalogue("EECO01"),
            periodo_inizio=date(2026, 7, 1),
            periodo_fine=date(2026, 9, 30),
            valore=Decimal("112"),
            disaggregazione={"genere": "donne"},
            autore=autore,
        )
        assert m.stato == Misurazione.Stato.DA_VALIDARE and m.chiave == "genere=donne"
        with pytest.raises(PermissionDenied, match="inserito tu"):
            services.misurazione_validate(misurazione=m, actor=autore)
        m = services.misurazione_validate(misurazione=m, actor=validatore)
        assert m.stato == Misurazione.Stato.VALIDATA and m.validata_da == validatore
        assert EventoAudit.objects.for_object(m).get().stato_a == "validata"

    def test_rejection_needs_a_note(self):
        m = services.misurazione_create(
            indicatore=catalogue("CC-18"),
            periodo_inizio=date(2025, 1, 1),
            periodo_fine=date(2025, 12, 31),
            valore=Decimal("80"),
            autore=StaffFactory(),
        )
        with pytest.raises(ValidationError, match="motivazione"):
            services.misurazione_reject(misurazione=m, actor=StaffFactory(), note="")

    def test_automatic_indicators_and_unknown_breakdowns_are_refused(self):
        with pytest.raises(ValidationError, match="calcolato automaticamente"):
            services.misurazione_create(
                indicatore=catalogue("CC-08"),
                periodo_inizio=NOV[0],
                periodo_fine=NOV[1],
                valore=1,
                autore=StaffFactory(),
            )
        with pytest.raises(ValidationError, match="non prevede questa disaggregazione"):
            services.misurazione_create(
                indicatore=catalogue("CC-18"),
                periodo_inizio=NOV[0],
                periodo_fine=NOV[1],
                valore=1,
                disaggregazione={"quartiere": "marghera"},
                autore=StaffFactory(),
            )

    def test_a_citizen_cannot_enter_values(self):
        with pytest.raises(PermissionDenied, match="progetti del tuo ente"):
            services.misurazione_create(
                indicatore=catalogue("CC-18"),
                periodo_inizio=NOV[0],
                periodo_fine=NOV[1],
                valore=1,
                autore=UserFactory(),
            )

    def test_a_second_value_for_the_same_period_is_refused(self):
        kwargs = {"indicatore": catalogue("CC-18"), "periodo_inizio": NOV[0], "periodo_fine": NOV[1], "valore": 1}
        services.misurazione_create(**kwargs, autore=StaffFactory())
        with pytest.raises(ValidationError, match="Esiste già un valore"):
            services.misurazione_create(**kwargs, autore=StaffFactory())


class TestReport:
    def test_generation_writes_a_pdf_and_tells_who_asked(self, django_capture_on_commit_callbacks):
        staff = StaffFactory()
        AttivitaFactory(svolta_il=at(date(2026, 11, 3)), persone_raggiunte=37)
        services.indicatori_snapshot(period_start=NOV[0], period_end=NOV[1])
        with django_capture_on_commit_callbacks(execute=True):
            report = services.report_request(tipo="mensile", periodo_inizio=NOV[0], periodo_fine=NOV[1], actor=staff)
        report.refresh_from_db()
        assert report.stato == Report.Stato.PRONTO and report.tentativi == 1
        reader = PdfReader(io.BytesIO(report.file.read()))
        assert len(reader.pages) == report.pagine >= 3
        text = "".join(page.extract_text() for page in reader.pages)
        assert "novembre 2026" in text and "37" in text
        assert Messaggio.objects.get(destinatario=staff, tipo="report").oggetto.startswith("Report pronto")
        assert [e.stato_a for e in EventoAudit.objects.for_object(report).order_by("pk")] == ["in_corso", "pronto"]

    def test_regenerating_replaces_the_file_and_keeps_the_record(self, django_capture_on_commit_callbacks):
        staff = StaffFactory()
        with django_capture_on_commit_callbacks(execute=True):
            first = services.report_request(tipo="mensile", periodo_inizio=NOV[0], periodo_fine=NOV[1], actor=staff)
        first.refresh_from_db()
        old_name = first.file.name
        with django_capture_on_commit_callbacks(execute=True):
            again = services.report_request(tipo="mensile", periodo_inizio=NOV[0], periodo_fine=NOV[1], actor=staff)
        again.refresh_from_db()
        assert again.pk == first.pk and Report.objects.count() == 1
        assert again.file.name == old_name and again.tentativi == 2
        assert len(list(again.file.storage.listdir("monitoraggio/report")[1])) == 1

    def test_a_failure_is_recorded_and_the_report_can_be_asked_again(
        self, monkeypatch, django_capture_on_commit_callbacks
    ):
        def broken(report):
            raise RuntimeError("WeasyPrint out of memory")

        monkeypatch.setattr("monitoraggio.reporting.report_pdf", broken)
        with django_capture_on_commit_callbacks(execute=True):
            report = services.report_request(
                tipo="trimestrale", periodo_inizio=date(2026, 7, 1), periodo_fine=date(2026, 9, 30)
            )
        report.refresh_from_db()
        assert report.stato == Report.Stato.FALLITO
        assert report.errore == "RuntimeError: WeasyPrint out of memory"
        monkeypatch.undo()
        with django_capture_on_commit_callbacks(execute=True):
            services.report_request(tipo="trimestrale", periodo_inizio=date(2026, 7, 1), periodo_fine=date(2026, 9, 30))
        report.refresh_from_db()
        assert report.stato == Report.Stato.PRONTO and report.errore == "" and report.tentativi == 2

    def test_only_a_ready_report_is_published_by_staff(self):
        report = Report.objects.create(tipo="annuale", periodo_inizio=date(2025, 1, 1), periodo_fine=date(2025, 12, 31))
        with pytest.raises(PermissionDenied, match="solo un report pronto"):
            services.report_publish(report=report, actor=StaffFactory())
        Report.objects.filter(pk=report.pk).update(stato=Report.Stato.PRONTO)
        with pytest.raises(PermissionDenied, match="Solo il personale"):
            services.report_publish(report=report, actor=UserFactory())
        report = services.report_publish(report=report, actor=StaffFactory())
        assert report.pubblicato and list(Report.objects.pubblicati()) == [report]

    def test_the_periodic_task_reports_the_last_complete_period(self, monkeypatch, django_capture_on_commit_callbacks):
        from monitoraggio import tasks

        monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: date(2026, 10, 3))
        with django_capture_on_commit_callbacks(execute=True):
            pk = tasks.report_periodic("trimestrale")
        report = Report.objects.get(pk=pk)
        assert (report.periodo_inizio, report.periodo_fine) == (date(2026, 7, 1), date(2026, 9, 30))
        assert report.stato == Report.Stato.PRONTO and report.richiesto_da is None
        assert Misurazione.objects.filter(periodo_inizio=date(2026, 9, 1), origine="automatica").exists()


def test_a_published_report_regenerated_leaves_the_public_list_until_ready(django_capture_on_commit_callbacks):
    staff = StaffFactory()
    with django_capture_on_commit_callbacks(execute=True):
        report = services.report_request(tipo="mensile", periodo_inizio=NOV[0], periodo_fine=NOV[1], actor=staff)
    report.refresh_from_db()
    services.report_publish(report=report, actor=staff)
    with django_capture_on_commit_callbacks(execute=False):
        services.report_request(tipo="mensile", periodo_inizio=NOV[0], periodo_fine=NOV[1], actor=staff)
    assert not Report.objects.pubblicati().exists()  # queued: not public while its file is being replaced
    services.report_generate(report_id=report.pk)
    assert list(Report.objects.pubblicati()) == [report]
