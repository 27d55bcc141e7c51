from django.db import migrations

from costellazioni import roles

STAFF = [
    "vocechecklist",
    "verificachecklist",
    "richiestaintegrazioni",
    "documentointegrazione",
    "preavviso",
    "regoleselezione",
    "membrocommissione",
    "assegnazione",
    "dichiarazioneconflitto",
    "valutazione",
    "punteggio",
    "graduatoria",
    "posizionegraduatoria",
]


def forward(apps, schema_editor):
    roles.grant(apps, roles.STAFF_COMUNALE, "contributi", {m: ["view", "add", "change"] for m in STAFF})
    # Board members score through their own pages; which rows they reach is decided by the querysets.
    roles.grant(
        apps,
        roles.VALUTATORE,
        "contributi",
        {
            "candidatura": ["view"],
            "allegato": ["view"],
            "criteriovalutazione": ["view"],
            "membrocommissione": ["view"],
            "assegnazione": ["view"],
            "dichiarazioneconflitto": ["view", "add"],
            "valutazione": ["view", "add", "change"],
            "punteggio": ["view", "add", "change"],
        },
    )
    roles.grant(apps, roles.AMMINISTRATORE, "contributi", {m: ["view", "add", "change", "delete"] for m in STAFF})


class Migration(migrations.Migration):
    dependencies = [("contributi", "0009_selezione_punteggio_massimo")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
