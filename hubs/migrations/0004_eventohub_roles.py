from django.db import migrations

from costellazioni import roles


def forward(apps, schema_editor):
    roles.grant(apps, roles.STAFF_COMUNALE, "hubs", {"eventohub": ["view", "add", "change", "delete"]})
    roles.grant(apps, roles.AMMINISTRATORE, "hubs", {"eventohub": ["view", "add", "change", "delete"]})


class Migration(migrations.Migration):
    dependencies = [("hubs", "0003_eventohub_referenti"), ("costellazioni", "0004_roles")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
