from django.db import migrations

from costellazioni import roles

MODELS = [
    "bisogno",
    "rispostabisogno",
    "questionario",
    "domanda",
    "invito",
    "compilazione",
    "risposta",
    "stakeholder",
    "attivitacoinvolgimento",
    "livellocoinvolgimento",
    "dimensionematurita",
    "rilevazionematurita",
    "valutazionematurita",
    "intervista",
    "tema",
    "citazione",
    "teoriacambiamento",
    "elementotoc",
    "collegamentotoc",
    "indicatoretoc",
    "commentotoc",
]


def forward(apps, schema_editor):
    roles.grant(apps, roles.STAFF_COMUNALE, "ricerca", {model: ["view", "add", "change"] for model in MODELS})
    roles.grant(apps, roles.AMMINISTRATORE, "ricerca", {model: ["view", "add", "change", "delete"] for model in MODELS})
    # The management committee approves the theory of change; its members hold the organo role.
    roles.grant(apps, roles.MEMBRO_ORGANO, "ricerca", {"teoriacambiamento": ["view", "approve"]})
    roles.grant(apps, roles.AMMINISTRATORE, "ricerca", {"teoriacambiamento": ["approve"]})


class Migration(migrations.Migration):
    dependencies = [("ricerca", "0004_bisogno_stati_lifecycle"), ("costellazioni", "0004_roles")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
