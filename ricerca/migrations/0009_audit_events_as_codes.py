"""Audit rows written before events were coded kept a label, in Italian or in the actor's language: those
that match one of this app's events now carry its code (the timeline shows the label in the reader's
language). Rows that match nothing stay as they are and are shown as stored.

The audit log is append-only (trigger of ``costellazioni.0007_audit_append_only``): the trigger is
switched off for this one conversion, inside the migration's transaction.
"""

from django.db import migrations

# Old label (Italian, then English) -> code. Frozen here: later changes to the labels do not concern old rows.
TEXT_TO_CODE = {
    "Bisogno preso in carico": "ricerca.bisogno_preso_in_carico",
    "Need taken in charge": "ricerca.bisogno_preso_in_carico",
    "Bisogno non risolvibile": "ricerca.bisogno_non_risolvibile",
    "Need not resolvable": "ricerca.bisogno_non_risolvibile",
    "Bisogno indirizzato a un servizio": "ricerca.bisogno_indirizzato_a_un_servizio",
    "Need referred to a service": "ricerca.bisogno_indirizzato_a_un_servizio",
    "Bisogno risolto": "ricerca.bisogno_risolto",
    "Need resolved": "ricerca.bisogno_risolto",
    "Bisogno ripreso in carico": "ricerca.bisogno_ripreso_in_carico",
    "Need taken in charge again": "ricerca.bisogno_ripreso_in_carico",
    "Bisogno riaperto": "ricerca.bisogno_riaperto",
    "Need reopened": "ricerca.bisogno_riaperto",
    "Versione aperta ai commenti": "ricerca.versione_aperta_ai_commenti",
    "Version opened for comments": "ricerca.versione_aperta_ai_commenti",
    "Versione riportata in bozza": "ricerca.versione_riportata_in_bozza",
    "Version returned to draft": "ricerca.versione_riportata_in_bozza",
    "Versione approvata dal comitato di gestione": "ricerca.versione_approvata_dal_comitato_di_gestione",
    "Version approved by the management committee": "ricerca.versione_approvata_dal_comitato_di_gestione",
    "Versione superata": "ricerca.versione_superata",
    "Version superseded": "ricerca.versione_superata",
}

TABLE = "costellazioni_eventoaudit"
TRIGGER = "costellazioni_eventoaudit_append_only"


def _convert(apps, schema_editor, pairs):
    EventoAudit = apps.get_model("costellazioni", "EventoAudit")
    schema_editor.execute(f"ALTER TABLE {TABLE} DISABLE TRIGGER {TRIGGER}")
    for old, new in pairs:
        EventoAudit.objects.filter(evento=old).update(evento=new)
    schema_editor.execute(f"ALTER TABLE {TABLE} ENABLE TRIGGER {TRIGGER}")


def forwards(apps, schema_editor):
    _convert(apps, schema_editor, TEXT_TO_CODE.items())


def backwards(apps, schema_editor):
    italian = {}
    for text, code in TEXT_TO_CODE.items():
        italian.setdefault(code, text)  # the first text of each code is the Italian one
    _convert(apps, schema_editor, list(italian.items()))


class Migration(migrations.Migration):
    dependencies = [
        ("ricerca", "0008_bisogno_chiave_idempotenza"),
        ("costellazioni", "0013_coded_audit_events_and_notification_kinds"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
