"""What the migrations leave: the catalogue with the EU codes, the beat schedules and the roles."""

import pytest
from django.contrib.auth.models import Group
from django.db import IntegrityError
from django_celery_beat.models import PeriodicTask

from costellazioni import roles
from monitoraggio.models import Indicatore
from tests.monitoraggio.factories import IndicatoreFactory

pytestmark = pytest.mark.django_db

EU_CODES = {
    "EECO01",
    "EECO02",
    "EECO03",
    "EECO04",
    "EECO05",
    "EECO06",
    "EECO07",
    "EECO08",
    "EECO12",
    "EECO13",
    "EECO16",
    "EECO18",
    "EECO19",
    "EECR01",
    "EECR02",
    "EECR03",
    "EECR04",
    "RCO113",
}


def test_the_catalogue_holds_the_eu_common_indicators_with_their_codes():
    seeded = set(Indicatore.objects.exclude(codice_ue="").values_list("codice_ue", flat=True))
    assert seeded == EU_CODES
    assert Indicatore.objects.get(codice="EECO12").disaggregazioni == []  # sensitive: aggregate counts only


def test_every_automatic_indicator_of_the_catalogue_is_registered_by_an_app():
    from costellazioni.indicators import get_indicator

    automatici = Indicatore.objects.automatici()
    assert automatici.count() == 24  # 14 of the first catalogue, CC-03 and CC-05 made automatic, CC-20 to CC-27
    assert [i.codice for i in automatici if get_indicator(i.calcolo) is None] == []


def test_beat_schedules_are_present_after_migrate():
    tasks = {t.name: t for t in PeriodicTask.objects.filter(task__startswith="monitoraggio.")}
    assert tasks["Monitoraggio: istantanea degli indicatori"].task == "monitoraggio.tasks.snapshot_indicators"
    quarterly = tasks["Monitoraggio: report trimestrale"]
    assert quarterly.kwargs == '{"tipo": "trimestrale"}' and quarterly.enabled and quarterly.queue == "pdf"
    assert (quarterly.crontab.day_of_month, quarterly.crontab.month_of_year) == ("3", "1,4,7,10")
    assert str(quarterly.crontab.timezone) == "Europe/Rome"
    assert {t.kwargs for t in tasks.values() if t.task.endswith("report_periodic")} == {
        '{"tipo": "mensile"}',
        '{"tipo": "trimestrale"}',
        '{"tipo": "annuale"}',
    }


def test_staff_may_manage_monitoring_in_the_admin():
    perms = set(Group.objects.get(name=roles.STAFF_COMUNALE).permissions.values_list("codename", flat=True))
    assert {"add_report", "change_misurazione", "add_importazione", "change_indicatore"} <= perms
    assert "delete_misurazione" not in perms


def test_an_automatic_indicator_names_its_computation():
    with pytest.raises(IntegrityError, match="indicatore_calcolo_iff_automatica"):
        IndicatoreFactory(fonte=Indicatore.Fonte.AUTOMATICA, calcolo="")
