from django.db import migrations

from costellazioni import roles

MODELS = ["hub", "orariosettimanale", "chiusura", "servizio", "spazio", "prenotazione", "appuntamento", "connessione"]


def forward(apps, schema_editor):
    roles.grant(apps, roles.STAFF_COMUNALE, "hubs", {model: ["view", "add", "change"] for model in MODELS})
    roles.grant(apps, roles.AMMINISTRATORE, "hubs", {model: ["view", "add", "change", "delete"] for model in MODELS})


class Migration(migrations.Migration):
    dependencies = [("hubs", "0001_initial"), ("costellazioni", "0004_roles")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
