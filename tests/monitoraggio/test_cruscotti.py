"""The dashboards' bodies: warmed by the workers after a snapshot, and following every change at once."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.cache import cache

from contributi import services as contributi_services
from monitoraggio import cruscotti, presentation, services, tasks
from monitoraggio.models import Report, Target
from tests.antenne.factories import AttivitaFactory
from tests.contributi.factories_erogazioni import accepted, complete_report
from tests.costellazioni.factories import StaffFactory
from tests.monitoraggio.factories import ReportFactory, catalogue
from tests.monitoraggio.test_indicators import at
from tests.monitoraggio.test_views import fill

pytestmark = pytest.mark.django_db


@pytest.fixture
def formatting_counted(monkeypatch):
    """How many times the dashboards' figures were formatted (``presentation.schede`` is where all of it starts)."""
    calls = []
    original = presentation.schede

    def counted(*args, **kwargs):
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(presentation, "schede", counted)
    return calls


def test_after_the_snapshot_task_a_visitor_first_request_formats_nothing(
    client, django_assert_num_queries, django_capture_on_commit_callbacks, formatting_counted, settings
):
    settings.PAGE_CACHE_SECONDS = 60
    fill(months=3, quartieri=2)
    AttivitaFactory(svolta_il=at(date.today().replace(day=2)), persone_raggiunte=12)
    with django_capture_on_commit_callbacks(execute=True):
        tasks.snapshot_indicators()
    assert len(formatting_counted) == 4  # public and staff bodies, Italian and English
    with django_assert_num_queries(1):  # the measurements' version; the body from the cache
        html = client.get("/monitoraggio/").content.decode()
    assert "Persone raggiunte dalle attività sul campo" in html and "Target al 31 dicembre 2027" in html
    client.force_login(StaffFactory())
    client.get("/monitoraggio/staff/")
    assert len(formatting_counted) == 4  # the staff's indicator tables came from the cache as well


def test_an_english_visitor_gets_the_body_warmed_in_english(client, formatting_counted):
    fill(months=2, quartieri=0)
    cruscotti.warm()
    assert client.get("/monitoraggio/", HTTP_ACCEPT_LANGUAGE="en").status_code == 200
    assert len(formatting_counted) == 4
    assert cache.get(cruscotti.Pubblico(cruscotti.measurements_state()["versione"], "en").key())


def test_a_new_target_shows_at_once(client):
    fill(months=2, quartieri=0)
    cruscotti.warm()
    assert "14% del target" not in client.get("/monitoraggio/").content.decode()  # 14 of 500
    target = Target.objects.get(indicatore=catalogue("CC-08"))
    target.valore = 100
    target.save()
    assert "14% del target" in client.get("/monitoraggio/").content.decode()


def test_a_validated_measurement_warms_the_bodies_again(django_capture_on_commit_callbacks, formatting_counted):
    staff = StaffFactory()
    misurazione = services.misurazione_create(
        indicatore=catalogue("CC-18"),
        periodo_inizio=date(2026, 10, 1),
        periodo_fine=date(2026, 10, 31),
        valore=Decimal(70),
        autore=staff,
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.misurazione_validate(misurazione=misurazione, actor=StaffFactory())
    assert len(formatting_counted) == 4
    key = cruscotti.Pubblico(cruscotti.measurements_state()["versione"], "it").key()
    assert "70%" in cache.get(key)


class TestStaffProjects:
    def test_a_new_payment_and_a_new_report_show_at_once(self, client):
        concessione, user, staff, tranche = accepted(importo=Decimal("10000.00"))
        client.force_login(StaffFactory())

        def figures():  # granted, reported, paid
            row = client.get("/monitoraggio/staff/").content.decode().split("Tappe mancate")[1]
            return [cell.split("</td>")[0] for cell in row.split("<td>")[3:6]]

        assert figures() == ["10.000,00 €", "0,00 €", "0,00 €"]
        contributi_services.pagamento_register(
            concessione=concessione, tranche=tranche[0], actor=staff, data=date(2027, 2, 1), numero_mandato="M-1"
        )
        assert figures() == ["10.000,00 €", "0,00 €", "4.000,00 €"]  # the 40% advance
        rendiconto = complete_report(concessione, user, tipo="intermedio", importo=Decimal("3000"))
        contributi_services.rendiconto_submit(rendiconto=rendiconto, actor=user)
        assert figures() == ["10.000,00 €", "3.000,00 €", "4.000,00 €"]

    def test_the_projects_table_is_read_again_only_after_a_change(self, client, django_assert_num_queries):
        accepted()
        client.force_login(StaffFactory())
        client.get("/monitoraggio/staff/")
        with django_assert_num_queries(3):
            client.get("/monitoraggio/staff/")
        cruscotti.bump(cruscotti.PROJECTS)
        with django_assert_num_queries(5):  # and the projects' ranking and rows
            client.get("/monitoraggio/staff/")


class TestReports:
    def test_a_draft_report_moving_through_its_generation_leaves_the_bodies_alone(self):
        report = ReportFactory()
        before = cruscotti.versions(cruscotti.CATALOGUE)
        for stato in (Report.Stato.IN_CORSO, Report.Stato.PRONTO):
            report.stato = stato
            report.save()
        assert cruscotti.versions(cruscotti.CATALOGUE) == before

    def test_publishing_withdrawing_and_regenerating_a_published_report_show_at_once(self):
        report = ReportFactory(stato=Report.Stato.PRONTO)
        seen = [cruscotti.versions(cruscotti.CATALOGUE)]
        services.report_publish(report=report, actor=StaffFactory())
        seen.append(cruscotti.versions(cruscotti.CATALOGUE))
        report.refresh_from_db()
        report.stato = Report.Stato.IN_CORSO  # regenerated: off the public list until ready again
        report.save()
        seen.append(cruscotti.versions(cruscotti.CATALOGUE))
        services.report_unpublish(report=report, actor=StaffFactory())
        seen.append(cruscotti.versions(cruscotti.CATALOGUE))
        assert len({version[0] for version in seen}) == 4


def test_after_the_snapshot_the_staff_projects_table_comes_from_the_cache(client, django_assert_num_queries):
    accepted()
    cruscotti.warm()
    client.force_login(StaffFactory())
    # A first visit (the unread messages' count), but not the projects' ranking and rows.
    with django_assert_num_queries(6):
        client.get("/monitoraggio/staff/")
