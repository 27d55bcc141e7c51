"""The hourly task sends the convocations that are due, and its schedule is a django-celery-beat row."""

import datetime

import pytest
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from costellazioni.models import Messaggio
from governance.models import Riunione
from governance.tasks import convocazioni_send
from tests.governance.factories import RiunioneFactory

pytestmark = pytest.mark.django_db


def test_the_task_sends_what_is_due_only(organo, membri):
    dovuta = RiunioneFactory(organo=organo, inizio=timezone.now() + datetime.timedelta(days=6))
    RiunioneFactory(organo=organo, inizio=timezone.now() + datetime.timedelta(days=8))
    assert convocazioni_send.delay().get() == len(membri)
    assert Messaggio.objects.filter(tipo="riunione").count() == len(membri)
    assert list(Riunione.objects.filter(convocazione_inviata_il__isnull=False)) == [dovuta]


def test_the_schedule_is_installed():
    task = PeriodicTask.objects.get(task="governance.tasks.convocazioni_send")
    assert task.enabled and (task.interval.every, task.interval.period) == (1, "hours")
