from django.db import migrations

from costellazioni import roles


def forward(apps, schema_editor):
    roles.grant(apps, roles.STAFF_COMUNALE, "ricerca", {"bisogno": ["view", "add", "change"]})
    roles.grant(apps, roles.AMMINISTRATORE, "ricerca", {"bisogno": ["view", "add", "change", "delete"]})


class Migration(migrations.Migration):
    dependencies = [("ricerca", "0001_initial"), ("costellazioni", "0004_roles")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
