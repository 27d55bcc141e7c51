"""The outbox's sweeper every minute, and staff's right to see and re-send failed rows.

The schedule is a django-celery-beat row, so staff can change or pause it in the admin.
"""

from django.db import migrations
from django.utils import timezone

from costellazioni.roles import STAFF_COMUNALE, grant

TASK_NAME = "Coda delle operazioni: nuovi tentativi"


def create_schedule(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    interval, _ = IntervalSchedule.objects.get_or_create(every=1, period="minutes")
    PeriodicTask.objects.update_or_create(
        name=TASK_NAME,
        defaults={
            "task": "costellazioni.tasks.sweep_outbox",
            "interval": interval,
            "crontab": None,
            "enabled": True,
            "description": "Rimette in coda ricevute ed e-mail ancora in attesa dopo qualche minuto.",
        },
    )
    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def delete_schedule(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name=TASK_NAME).delete()


def grant_staff(apps, schema_editor):
    grant(apps, STAFF_COMUNALE, "costellazioni", {"operazioneincoda": ["view", "change"]})


class Migration(migrations.Migration):
    dependencies = [
        ("costellazioni", "0011_operazioneincoda"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        migrations.RunPython(create_schedule, delete_schedule),
        migrations.RunPython(grant_staff, migrations.RunPython.noop),
    ]
