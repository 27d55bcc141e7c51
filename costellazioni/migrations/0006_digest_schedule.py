"""The daily summary of messages at 07:30 Rome time.

The schedule is a django-celery-beat row, so staff can move or pause it in the admin.
"""

from zoneinfo import ZoneInfo

from django.db import migrations
from django.utils import timezone

TASK_NAME = "Riepilogo giornaliero dei messaggi"


def create_schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    crontab, _ = CrontabSchedule.objects.get_or_create(
        minute="30",
        hour="7",
        day_of_week="*",
        day_of_month="*",
        month_of_year="*",
        timezone=ZoneInfo("Europe/Rome"),
    )
    PeriodicTask.objects.update_or_create(
        name=TASK_NAME,
        defaults={
            "task": "costellazioni.tasks.send_digests",
            "crontab": crontab,
            "interval": None,
            "enabled": True,
            "description": "E-mail giornaliera con i messaggi non ancora inviati, per chi ha scelto il riepilogo.",
        },
    )
    # Tell a running beat to reload its schedule.
    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def delete_schedule(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name=TASK_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("costellazioni", "0005_site"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        migrations.RunPython(create_schedule, delete_schedule),
    ]
