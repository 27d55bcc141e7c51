"""Public dashboard, published reports, exports, open data and the staff dashboard."""

import csv
import io
import json
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from openpyxl import load_workbook

from costellazioni.models import Quartiere
from monitoraggio import services
from monitoraggio.models import Indicatore, Misurazione, Report
from monitoraggio.periods import month_of
from tests.antenne.factories import AttivitaFactory
from tests.costellazioni.factories import StaffFactory, UserFactory
from tests.monitoraggio.factories import MisurazioneFactory, TargetFactory, catalogue
from tests.monitoraggio.test_indicators import at

pytestmark = pytest.mark.django_db


def fill(months: int, quartieri: int):
    """``months`` of totals for every public indicator and ``quartieri`` breakdowns of people reached."""
    indicatori = list(Indicatore.objects.pubblici())
    rows = []
    day = date(2026, 11, 1)
    periods = []
    for _ in range(months):
        periods.append(month_of(day))
        day = month_of(date.fromordinal(day.toordinal() - 1))[0]
    for start, end in periods:
        for indicatore in indicatori:
            rows.append(
                Misurazione(
                    indicatore=indicatore,
                    periodo_inizio=start,
                    periodo_fine=end,
                    valore=Decimal(7),
                    origine="automatica",
                    stato="validata",
                )
            )
        for quartiere in Quartiere.objects.order_by("pk")[:quartieri]:
            rows.append(
                Misurazione(
                    indicatore=catalogue("CC-08"),
                    periodo_inizio=start,
                    periodo_fine=end,
                    valore=Decimal(3),
                    disaggregazione={"quartiere": quartiere.slug},
                    chiave=f"quartiere={quartiere.slug}",
                    origine="automatica",
                    stato="validata",
                )
            )
    Misurazione.objects.bulk_create(rows)
    for indicatore in indicatori:
        TargetFactory(indicatore=indicatore, data=date(2027, 12, 31), valore=500)


class TestCruscotto:
    def test_shows_indicators_against_targets_by_macro_action(self, client):
        fill(months=3, quartieri=2)
        response = client.get("/monitoraggio/")
        assert response.status_code == 200
        html = response.content.decode()
        assert "Persone raggiunte dalle attività sul campo" in html
        assert "Macro-azione 3. HUB e antenne" in html
        assert "Target al 31 dicembre 2027" in html
        assert "4% del target" in html  # 21 of 500
        assert 'id="monitoraggio-grafici"' in html and "chart.umd.min.js" in html
        assert "<caption>Andamento mensile: Persone raggiunte dalle attività sul campo</caption>" in html

    def test_small_numbers_by_quartiere_are_not_shown(self, client):
        fill(months=1, quartieri=3)  # 3 people in each quartiere
        html = client.get("/monitoraggio/").content.decode()
        assert html.count("meno di 5</td>") == 3
        data = json.loads(html.split('id="monitoraggio-mappa-punti" type="application/json">')[1].split("</script>")[0])
        assert [p["valore"] for p in data] == [None, None, None]

    def test_the_empty_dashboard_answers(self, client):
        response = client.get("/monitoraggio/")
        assert response.status_code == 200
        assert "nessun dato" in response.content.decode()

    @pytest.mark.parametrize("months,quartieri", [(1, 1), (24, 20)])
    def test_query_count_is_fixed_whatever_the_data(self, client, django_assert_num_queries, months, quartieri):
        fill(months=months, quartieri=quartieri)
        Report.objects.create(
            tipo="mensile",
            periodo_inizio=date(2026, 10, 1),
            periodo_fine=date(2026, 10, 31),
            stato="pronto",
            pubblicato=True,
        )
        with django_assert_num_queries(7):  # the version, then the body's six
            assert client.get("/monitoraggio/").status_code == 200
        with django_assert_num_queries(0):  # the whole page comes from the page cache while nothing changes
            assert client.get("/monitoraggio/").status_code == 200
        MisurazioneFactory(
            indicatore=catalogue("CC-18"), periodo_inizio=date(2020, 1, 1), periodo_fine=date(2020, 12, 31)
        )
        with django_assert_num_queries(7):
            assert "nessun dato" not in client.get("/monitoraggio/").content.decode().split("Soddisfazione")[1][:600]


class TestStaff:
    def test_only_staff(self, client):
        assert client.get("/monitoraggio/staff/")["Location"].startswith("/accounts/login/?next=/monitoraggio/staff/")
        client.force_login(UserFactory())
        assert client.get("/monitoraggio/staff/").status_code == 403

    @pytest.mark.parametrize("months", [1, 24])
    def test_query_count_is_fixed(self, client, django_assert_num_queries, months):
        from tests.contributi.factories_erogazioni import ConcessioneFactory

        fill(months=months, quartieri=3)
        for _ in range(months // 6 + 1):
            ConcessioneFactory(
                published=True,
                accettata_il=datetime(2026, 1, 10, tzinfo=UTC),
                data_inizio=date(2026, 1, 15),
                data_fine=date(2026, 12, 15),
            )
        client.force_login(StaffFactory())
        # user (the session from the cache), permissions, the measurements' version with the counts, the projects'
        # ranking and rows, the indicator tables' four, the recent reports
        with django_assert_num_queries(11):
            client.get("/monitoraggio/staff/")
        # projects and indicator tables, the session, the permissions and the unread count from the cache: no
        # measurement changed
        with django_assert_num_queries(3):
            response = client.get("/monitoraggio/staff/")
        html = response.content.decode()
        assert "Progetti finanziati" in html
        assert f"Qui i {months // 6 + 1} più a rischio su {months // 6 + 1}." in html


class TestReport:
    def report(self, **kwargs):
        report = Report.objects.create(
            tipo="trimestrale",
            periodo_inizio=date(2026, 7, 1),
            periodo_fine=date(2026, 9, 30),
            stato="pronto",
            **kwargs,
        )
        report.file.save("trimestrale.pdf", ContentFile(b"%PDF-1.7 test"))
        return report

    def test_published_reports_are_listed_and_downloadable_by_anyone(self, client):
        report = self.report(pubblicato=True)
        html = client.get("/monitoraggio/report/").content.decode()
        assert "3° trimestre 2026" in html
        response = client.get(report.get_absolute_url())
        assert response.status_code == 200
        assert response["Content-Disposition"] == 'attachment; filename="costellazioni-trimestrale-2026-07-01.pdf"'
        assert response["X-Content-Type-Options"] == "nosniff"

    def test_an_unpublished_report_is_for_staff_only(self, client):
        report = self.report()
        assert client.get(report.get_absolute_url()).status_code == 404
        assert "3° trimestre" not in client.get("/monitoraggio/report/").content.decode()
        client.force_login(StaffFactory())
        assert client.get(report.get_absolute_url()).status_code == 200

    @pytest.mark.parametrize("n", [1, 30])
    def test_list_query_count(self, client, django_assert_num_queries, n):
        Report.objects.bulk_create(
            Report(
                tipo="mensile",
                periodo_inizio=date(2020 + i // 12, i % 12 + 1, 1),
                periodo_fine=date(2020 + i // 12, i % 12 + 1, 28),
                stato="pronto",
                pubblicato=True,
            )
            for i in range(n)
        )
        with django_assert_num_queries(2):
            client.get("/monitoraggio/report/")


class TestExports:
    def test_indicators_csv_and_json_with_licence(self, client):
        fill(months=2, quartieri=0)
        rows = list(csv.DictReader(io.StringIO(client.get("/monitoraggio/dati/indicatori.csv").content.decode())))
        cc08 = next(r for r in rows if r["codice"] == "CC-08")
        assert cc08["valore_ad_oggi"] == "14.00" and cc08["target"] == "500.00" and cc08["target_entro"] == "2027-12-31"
        payload = client.get("/monitoraggio/dati/indicatori.json").json()
        assert payload["licenza"] == "CC BY 4.0"
        assert {"EECO01", "CC-08"} <= {r["codice"] for r in payload["results"]}

    def test_public_measurements_hide_small_quartiere_figures_and_unvalidated_values(self, client):
        q1, q2 = Quartiere.objects.order_by("pk")[:2]
        indicatore = catalogue("CC-08")
        MisurazioneFactory(indicatore=indicatore, disaggregazione={"quartiere": q1.slug}, valore=3)
        MisurazioneFactory(indicatore=indicatore, disaggregazione={"quartiere": q2.slug}, valore=40)
        MisurazioneFactory(
            indicatore=indicatore, disaggregazione={"quartiere": Quartiere.objects.order_by("pk")[2].slug}, valore=50
        )
        MisurazioneFactory(indicatore=catalogue("CC-18"), valore=70, stato="da_validare")
        rows = list(csv.DictReader(io.StringIO(client.get("/monitoraggio/dati/misurazioni.csv").content.decode())))
        by_q = {r["quartiere"]: (r["valore"], r["soppresso"]) for r in rows}
        assert by_q[q1.slug] == ("", "True") and by_q[q2.slug] == ("", "True")  # 3 hidden, 40 hidden with it
        assert "CC-18" not in {r["indicatore"] for r in rows}
        sheet = load_workbook(io.BytesIO(client.get("/monitoraggio/dati/misurazioni.xlsx").content)).active
        assert [c.value for c in next(sheet.iter_rows(max_row=1))][:3] == [
            "indicatore",
            "periodo_inizio",
            "periodo_fine",
        ]
        assert sheet.max_row == len(rows) + 1

    def test_staff_export_is_complete_and_formula_safe(self, client):
        MisurazioneFactory(indicatore=catalogue("CC-18"), valore=70, stato="da_validare", disaggregazione={"x": "=cmd"})
        assert client.get("/monitoraggio/staff/misurazioni.csv").status_code == 302
        client.force_login(StaffFactory())
        content = client.get("/monitoraggio/staff/misurazioni.csv").content.decode()
        assert "CC-18" in content and ",'x==cmd," not in content


def test_open_data_lists_every_dataset_with_dictionary_licence_and_update(client):
    MisurazioneFactory(indicatore=catalogue("CC-08"))
    html = client.get("/dati-aperti/").content.decode()
    for title in ("Contributi concessi", "Indicatori del programma", "Misurazioni degli indicatori"):
        assert title in html
    assert html.count("CC BY 4.0") >= 3
    assert "/monitoraggio/dati/misurazioni.csv" in html and "/trasparenza/contributi/contributi.csv" in html
    assert "<code>soppresso</code>" in html


def test_staff_follow_a_figure_back_to_the_records_behind_it(client):
    AttivitaFactory(svolta_il=at(date(2026, 11, 3)), persone_raggiunte=12)
    services.indicatori_snapshot(period_start=date(2026, 11, 1), period_end=date(2026, 11, 30))
    staff = StaffFactory()
    client.force_login(staff)
    html = client.get("/monitoraggio/staff/").content.decode()
    url = "/admin/antenne/attivita/?svolta_il__date__gte=2026-11-01&amp;svolta_il__date__lte=2026-11-30"
    assert url in html
    staff.user_permissions.add(*Permission.objects.filter(codename="view_attivita"))
    listing = client.get(url.replace("&amp;", "&"))
    assert listing.status_code == 200 and "1 attività" in listing.content.decode()
