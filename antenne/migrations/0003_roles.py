from django.db import migrations

from costellazioni import roles

STAFF = {
    "antenna": ["view", "add", "change"],
    "consenso": ["view", "add"],
    "operatoredicomunita": ["view", "add", "change"],
    "attivita": ["view"],
    "seguito": ["view", "change"],
    "sociobancadeltempo": ["view", "change"],
    "offerta": ["view", "change"],
    "richiesta": ["view", "change"],
    "scambio": ["view"],
    "movimentobancadeltempo": ["view"],
    "richiestaportierato": ["view", "change"],
}
ADMIN = {model: ["view", "add", "change", "delete"] for model in STAFF}


def forward(apps, schema_editor):
    roles.grant(apps, roles.STAFF_COMUNALE, "antenne", STAFF)
    roles.grant(apps, roles.AMMINISTRATORE, "antenne", ADMIN)


class Migration(migrations.Migration):
    dependencies = [
        ("antenne", "0002_ledger_triggers"),
        ("costellazioni", "0004_roles"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
