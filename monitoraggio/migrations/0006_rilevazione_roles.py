from django.db import migrations

from costellazioni import roles


def forward(apps, schema_editor):
    roles.grant(apps, roles.STAFF_COMUNALE, "monitoraggio", {"rilevazione": ["view", "add", "change"]})
    roles.grant(apps, roles.AMMINISTRATORE, "monitoraggio", {"rilevazione": ["view", "add", "change", "delete"]})


class Migration(migrations.Migration):
    dependencies = [
        ("monitoraggio", "0005_rilevazioni_valutative"),
        ("costellazioni", "0004_roles"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
