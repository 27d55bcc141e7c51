from django.db import migrations

from costellazioni import roles

MODELS = [
    "percorso",
    "documentopercorso",
    "manifestazioneinteresse",
    "risorsa",
    "condivisionerisorsa",
    "documentoistruttorio",
    "lineastrategica",
    "protocollointesa",
    "parteprotocollo",
    "impegno",
    "promemoria",
]


def forward(apps, schema_editor):
    roles.grant(apps, roles.STAFF_COMUNALE, "coprogrammazione", {model: ["view", "add", "change"] for model in MODELS})
    roles.grant(
        apps, roles.AMMINISTRATORE, "coprogrammazione", {model: ["view", "add", "change", "delete"] for model in MODELS}
    )


class Migration(migrations.Migration):
    dependencies = [("coprogrammazione", "0002_signature_trigger"), ("costellazioni", "0004_roles")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
