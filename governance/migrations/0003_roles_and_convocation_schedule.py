"""Model permissions of the governance roles, and the hourly convocation task as a django-celery-beat row."""

from django.db import migrations
from django.utils import timezone

from costellazioni import roles

TASK_NAME = "Convocazioni delle riunioni degli organi"
ALL = ["view", "add", "change", "delete"]
STAFF_MODELS = {
    "organo": ALL,
    "membroorgano": ALL,
    "riunione": ALL,
    "puntoordinegiorno": ALL,
    "partecipazione": ALL,
    "verbale": ["view", "add", "change"],
    "verbalepunto": ["view", "add", "change"],
    "decisione": ["view", "add", "change"],
    "azione": ["view", "add", "change"],
    "aggiornamentoazione": ["view", "add"],
    "risultatoatteso": ["view", "add", "change"],
    "rapportoappaltatore": ["view", "change"],
    "attivitarapporto": ["view"],
    "allegatorapporto": ["view"],
    "commentorapporto": ["view", "add"],
    "sopralluogo": ALL,
    "fotosopralluogo": ALL,
    "contattorete": ALL,
    "partenariato": ALL,
    "documentoorgano": ALL,
    "versionedocumento": ["view", "add"],
}


def forward(apps, schema_editor):
    roles.grant(apps, roles.STAFF_COMUNALE, "governance", STAFF_MODELS)
    roles.grant(apps, roles.AMMINISTRATORE, "governance", dict.fromkeys(STAFF_MODELS, ALL))
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    interval, _created = IntervalSchedule.objects.get_or_create(every=1, period="hours")
    PeriodicTask.objects.update_or_create(
        name=TASK_NAME,
        defaults={
            "task": "governance.tasks.convocazioni_send",
            "interval": interval,
            "crontab": None,
            "enabled": True,
            "description": "Invia per e-mail, con il file .ics, le convocazioni arrivate ai giorni di preavviso.",
        },
    )
    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def backward(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=TASK_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0002_minutes_decisions_oversight"),
        ("costellazioni", "0004_roles"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(forward, backward)]
