from django.db import migrations

from costellazioni import roles

MODELS = ["concessione", "tranchebando", "pagamento", "riduzione", "rendiconto", "spesa", "personeraggiunte"]


def forward(apps, schema_editor):
    roles.grant(apps, roles.STAFF_COMUNALE, "contributi", {m: ["view", "add", "change"] for m in MODELS})
    roles.grant(apps, roles.AMMINISTRATORE, "contributi", {m: ["view", "add", "change", "delete"] for m in MODELS})


class Migration(migrations.Migration):
    dependencies = [("contributi", "0006_erogazioni_pagamenti_trigger")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
