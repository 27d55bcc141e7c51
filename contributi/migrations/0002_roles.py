from django.db import migrations

from costellazioni import roles

CALLS = ["bando", "criteriovalutazione", "allegatorichiesto", "rettifica", "documentobando", "faqbando"]
APPLICATIONS = ["candidatura", "vocebudget", "partner", "allegato"]


def forward(apps, schema_editor):
    roles.grant(apps, roles.STAFF_COMUNALE, "contributi", {m: ["view", "add", "change"] for m in CALLS})
    roles.grant(apps, roles.STAFF_COMUNALE, "contributi", {m: ["view"] for m in APPLICATIONS})
    roles.grant(apps, roles.STAFF_COMUNALE, "costellazioni", {"protocollo": ["view"], "registroprotocollo": ["view"]})
    everything = ["view", "add", "change", "delete"]
    roles.grant(apps, roles.AMMINISTRATORE, "contributi", dict.fromkeys(CALLS + APPLICATIONS, everything))
    roles.grant(apps, roles.AMMINISTRATORE, "costellazioni", {"protocollo": ["view"], "registroprotocollo": ["view"]})


class Migration(migrations.Migration):
    dependencies = [("contributi", "0001_initial"), ("costellazioni", "0009_registroprotocollo_protocollo")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
