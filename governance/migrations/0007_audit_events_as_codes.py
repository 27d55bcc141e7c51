"""Audit rows written before events were coded kept a label, in Italian or in the actor's language: those
that match one of this app's events now carry its code (the timeline shows the label in the reader's
language). Rows that match nothing stay as they are and are shown as stored.

The audit log is append-only (trigger of ``costellazioni.0007_audit_append_only``): the trigger is
switched off for this one conversion, inside the migration's transaction.
"""

from django.db import migrations

# Old label (Italian, then English) -> code. Frozen here: later changes to the labels do not concern old rows.
TEXT_TO_CODE = {
    "Riunione svolta": "governance.riunione_svolta",
    "Meeting held": "governance.riunione_svolta",
    "Verbale approvato": "governance.verbale_approvato",
    "Minutes approved": "governance.verbale_approvato",
    "Riunione annullata": "governance.riunione_annullata",
    "Meeting cancelled": "governance.riunione_annullata",
    "Verbale approvato con votazione": "governance.verbale_approvato_con_votazione",
    "Minutes approved by vote": "governance.verbale_approvato_con_votazione",
    "Verbale sostituito da una correzione": "governance.verbale_sostituito_da_una_correzione",
    "Minutes replaced by a correction": "governance.verbale_sostituito_da_una_correzione",
    "Azione avviata": "governance.azione_avviata",
    "Action started": "governance.azione_avviata",
    "Azione completata": "governance.azione_completata",
    "Action completed": "governance.azione_completata",
    "Azione annullata": "governance.azione_annullata",
    "Action cancelled": "governance.azione_annullata",
    "Relazione inviata": "governance.relazione_inviata",
    "Report sent": "governance.relazione_inviata",
    "Relazione inviata di nuovo": "governance.relazione_inviata_di_nuovo",
    "Report sent again": "governance.relazione_inviata_di_nuovo",
    "Relazione accettata": "governance.relazione_accettata",
    "Report accepted": "governance.relazione_accettata",
    "Modifiche richieste": "governance.modifiche_richieste",
    "Changes requested": "governance.modifiche_richieste",
    "Stato del risultato atteso aggiornato": "governance.stato_del_risultato_atteso_aggiornato",
    "Expected result status updated": "governance.stato_del_risultato_atteso_aggiornato",
    "Stato del partenariato aggiornato": "governance.stato_del_partenariato_aggiornato",
    "Partnership status updated": "governance.stato_del_partenariato_aggiornato",
    "Azione modificata": "governance.azione_modificata",
    "Action changed": "governance.azione_modificata",
    "Riunione convocata": "governance.riunione_convocata",
    "Meeting convened": "governance.riunione_convocata",
    "Azione registrata": "governance.azione_registrata",
    "Action recorded": "governance.azione_registrata",
    "Documento caricato": "governance.documento_caricato",
    "Document uploaded": "governance.documento_caricato",
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
        ("governance", "0006_private_file_fields"),
        ("costellazioni", "0013_coded_audit_events_and_notification_kinds"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
