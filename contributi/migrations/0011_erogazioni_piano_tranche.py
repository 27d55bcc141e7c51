from django.db import migrations

from costellazioni import roles


def forward(apps, schema_editor):
    roles.grant(apps, roles.STAFF_COMUNALE, "contributi", {"pianotranche": ["view", "change"]})
    roles.grant(apps, roles.AMMINISTRATORE, "contributi", {"pianotranche": ["view", "change"]})


class Migration(migrations.Migration):
    dependencies = [("contributi", "0010_selezione_roles")]

    operations = [
        migrations.CreateModel(
            name="PianoTranche",
            fields=[],
            options={
                "verbose_name": "piano delle tranche",
                "verbose_name_plural": "piani delle tranche",
                "proxy": True,
                "indexes": [],
                "constraints": [],
            },
            bases=("contributi.bando",),
        ),
        migrations.RunPython(forward, migrations.RunPython.noop),
    ]
