"""Audit rows written before events were coded kept a label, in Italian or in the actor's language: those
that match one of this app's events now carry its code (the timeline shows the label in the reader's
language). Rows that match nothing stay as they are and are shown as stored.

The audit log is append-only (trigger of ``costellazioni.0007_audit_append_only``): the trigger is
switched off for this one conversion, inside the migration's transaction.
"""

from django.db import migrations

# Old label (Italian, then English) -> code. Frozen here: later changes to the labels do not concern old rows.
TEXT_TO_CODE = {
    "Generazione del report avviata": "monitoraggio.generazione_del_report_avviata",
    "Report generation started": "monitoraggio.generazione_del_report_avviata",
    "Report pronto": "monitoraggio.report_pronto",
    "Report ready": "monitoraggio.report_pronto",
    "Generazione del report non riuscita": "monitoraggio.generazione_del_report_non_riuscita",
    "Report generation failed": "monitoraggio.generazione_del_report_non_riuscita",
    "Generazione del report ripresa": "monitoraggio.generazione_del_report_ripresa",
    "Report generation resumed": "monitoraggio.generazione_del_report_ripresa",
    "Nuovo tentativo di generazione": "monitoraggio.nuovo_tentativo_di_generazione",
    "New generation attempt": "monitoraggio.nuovo_tentativo_di_generazione",
    "Rigenerazione del report richiesta": "monitoraggio.rigenerazione_del_report_richiesta",
    "Report regeneration requested": "monitoraggio.rigenerazione_del_report_richiesta",
    "Misurazione validata": "monitoraggio.misurazione_validata",
    "Measurement validated": "monitoraggio.misurazione_validata",
    "Misurazione respinta": "monitoraggio.misurazione_respinta",
    "Measurement rejected": "monitoraggio.misurazione_respinta",
    "Validazione ritirata": "monitoraggio.validazione_ritirata",
    "Validation withdrawn": "monitoraggio.validazione_ritirata",
    "Verifica del file avviata": "monitoraggio.verifica_del_file_avviata",
    "File check started": "monitoraggio.verifica_del_file_avviata",
    "Righe importate": "monitoraggio.righe_importate",
    "Rows imported": "monitoraggio.righe_importate",
    "File respinto: nessuna riga importata": "monitoraggio.file_respinto_nessuna_riga_importata",
    "File rejected: no rows imported": "monitoraggio.file_respinto_nessuna_riga_importata",
    "Report pubblicato": "monitoraggio.report_pubblicato",
    "Report published": "monitoraggio.report_pubblicato",
    "Report ritirato dalla pubblicazione": "monitoraggio.report_ritirato_dalla_pubblicazione",
    "Report withdrawn from publication": "monitoraggio.report_ritirato_dalla_pubblicazione",
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
        ("monitoraggio", "0009_private_file_fields"),
        ("costellazioni", "0013_coded_audit_events_and_notification_kinds"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
