"""Audit rows written before events were coded kept a label, in Italian or in the actor's language: those
that match one of this app's events now carry its code (the timeline shows the label in the reader's
language). Rows that match nothing stay as they are and are shown as stored.

The audit log is append-only (trigger of ``costellazioni.0007_audit_append_only``): the trigger is
switched off for this one conversion, inside the migration's transaction.
"""

from django.db import migrations

# Old label (Italian, then English) -> code. Frozen here: later changes to the labels do not concern old rows.
TEXT_TO_CODE = {
    "Aperte le manifestazioni di interesse": "coprogrammazione.aperte_le_manifestazioni_di_interesse",
    "Expressions of interest opened": "coprogrammazione.aperte_le_manifestazioni_di_interesse",
    "Avviati i tavoli e gli incontri": "coprogrammazione.avviati_i_tavoli_e_gli_incontri",
    "Working groups and meetings started": "coprogrammazione.avviati_i_tavoli_e_gli_incontri",
    "Redazione del documento istruttorio finale": "coprogrammazione.redazione_del_documento_istruttorio_finale",
    "Drafting of the final preparatory document": "coprogrammazione.redazione_del_documento_istruttorio_finale",
    "Percorso concluso": "coprogrammazione.percorso_concluso",
    "Process completed": "coprogrammazione.percorso_concluso",
    "Tavoli riaperti": "coprogrammazione.tavoli_riaperti",
    "Working groups reopened": "coprogrammazione.tavoli_riaperti",
    "Ente ammesso al percorso": "coprogrammazione.ente_ammesso_al_percorso",
    "Organisation admitted to the process": "coprogrammazione.ente_ammesso_al_percorso",
    "Manifestazione di interesse esclusa": "coprogrammazione.manifestazione_di_interesse_esclusa",
    "Expression of interest excluded": "coprogrammazione.manifestazione_di_interesse_esclusa",
    "Esclusione riesaminata, ente ammesso": "coprogrammazione.esclusione_riesaminata_ente_ammesso",
    "Exclusion reviewed, organisation admitted": "coprogrammazione.esclusione_riesaminata_ente_ammesso",
    "Protocollo inviato in firma": "coprogrammazione.protocollo_inviato_in_firma",
    "MOU sent for signature": "coprogrammazione.protocollo_inviato_in_firma",
    "Protocollo riportato in bozza": "coprogrammazione.protocollo_riportato_in_bozza",
    "MOU returned to draft": "coprogrammazione.protocollo_riportato_in_bozza",
    "Protocollo firmato da tutte le parti": "coprogrammazione.protocollo_firmato_da_tutte_le_parti",
    "MOU signed by all parties": "coprogrammazione.protocollo_firmato_da_tutte_le_parti",
    "Protocollo attivo": "coprogrammazione.protocollo_attivo",
    "MOU active": "coprogrammazione.protocollo_attivo",
    "Protocollo in scadenza": "coprogrammazione.protocollo_in_scadenza",
    "MOU expiring": "coprogrammazione.protocollo_in_scadenza",
    "Protocollo scaduto": "coprogrammazione.protocollo_scaduto",
    "MOU expired": "coprogrammazione.protocollo_scaduto",
    "Protocollo rinnovato": "coprogrammazione.protocollo_rinnovato",
    "MOU renewed": "coprogrammazione.protocollo_rinnovato",
    "Protocollo risolto": "coprogrammazione.protocollo_risolto",
    "MOU terminated": "coprogrammazione.protocollo_risolto",
    "Impegno avviato": "coprogrammazione.impegno_avviato",
    "Commitment started": "coprogrammazione.impegno_avviato",
    "Impegno adempiuto": "coprogrammazione.impegno_adempiuto",
    "Commitment fulfilled": "coprogrammazione.impegno_adempiuto",
    "Impegno inadempiuto": "coprogrammazione.impegno_inadempiuto",
    "Commitment not fulfilled": "coprogrammazione.impegno_inadempiuto",
    "Impegno ripreso": "coprogrammazione.impegno_ripreso",
    "Commitment resumed": "coprogrammazione.impegno_ripreso",
    "Firma registrata": "coprogrammazione.firma_registrata",
    "Signature recorded": "coprogrammazione.firma_registrata",
    "Rinnovo creato": "coprogrammazione.rinnovo_creato",
    "Renewal created": "coprogrammazione.rinnovo_creato",
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
        ("coprogrammazione", "0007_private_file_fields"),
        ("costellazioni", "0013_coded_audit_events_and_notification_kinds"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
