from django.db import migrations

from costellazioni import roles

STAFF = {
    "indicatore": ["view", "add", "change"],
    "target": ["view", "add", "change", "delete"],
    "misurazione": ["view", "add", "change"],
    "report": ["view", "add", "change"],
    "importazione": ["view", "add"],
    "tappa": ["view", "add", "change", "delete"],
}
ADMIN = {model: ["view", "add", "change", "delete"] for model in STAFF}


def forward(apps, schema_editor):
    roles.grant(apps, roles.STAFF_COMUNALE, "monitoraggio", STAFF)
    roles.grant(apps, roles.AMMINISTRATORE, "monitoraggio", ADMIN)


class Migration(migrations.Migration):
    dependencies = [
        ("monitoraggio", "0002_seed_catalogue_and_schedules"),
        ("costellazioni", "0004_roles"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
