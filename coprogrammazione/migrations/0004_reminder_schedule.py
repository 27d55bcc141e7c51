"""The MOU reminders (expiry at 60, 30 and 7 days; commitments due or overdue) every day at 08:00 Rome time.

The schedule is a django-celery-beat row, so staff can move or pause it in the admin.
"""

from zoneinfo import ZoneInfo

from django.db import migrations
from django.utils import timezone

TASK_NAME = "Promemoria dei protocolli d'intesa"


def create_schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    crontab, _ = CrontabSchedule.objects.get_or_create(
        minute="0",
        hour="8",
        day_of_week="*",
        day_of_month="*",
        month_of_year="*",
        timezone=ZoneInfo("Europe/Rome"),
    )
    PeriodicTask.objects.update_or_create(
        name=TASK_NAME,
        defaults={
            "task": "coprogrammazione.tasks.send_protocollo_reminders",
            "crontab": crontab,
            "interval": None,
            "enabled": True,
            "description": "Aggiorna lo stato dei protocolli d'intesa e avvisa staff e parti di scadenze e impegni.",
        },
    )
    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def delete_schedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=TASK_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("coprogrammazione", "0003_roles"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, delete_schedule)]
