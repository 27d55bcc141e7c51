"""Audit rows written before events were coded kept a label, in Italian or in the actor's language: those
that match one of this app's events now carry its code (the timeline shows the label in the reader's
language). Rows that match nothing stay as they are and are shown as stored.

The audit log is append-only (trigger of ``costellazioni.0007_audit_append_only``): the trigger is
switched off for this one conversion, inside the migration's transaction.
"""

from django.db import migrations

# Old label (Italian, then English) -> code. Frozen here: later changes to the labels do not concern old rows.
TEXT_TO_CODE = {
    "Conferma la prenotazione": "hubs.conferma_la_prenotazione",
    "Confirm the booking": "hubs.conferma_la_prenotazione",
    "Rifiuta la prenotazione": "hubs.rifiuta_la_prenotazione",
    "Decline the booking": "hubs.rifiuta_la_prenotazione",
    "Annulla la richiesta": "hubs.annulla_la_richiesta",
    "Cancel the request": "hubs.annulla_la_richiesta",
    "Annulla la prenotazione": "hubs.annulla_la_prenotazione",
    "Cancel the booking": "hubs.annulla_la_prenotazione",
    "Fissa l'appuntamento": "hubs.fissa_l_appuntamento",
    "Schedule the appointment": "hubs.fissa_l_appuntamento",
    "Sposta l'appuntamento": "hubs.sposta_l_appuntamento",
    "Reschedule the appointment": "hubs.sposta_l_appuntamento",
    "Registra l'esito": "hubs.registra_l_esito",
    "Record the outcome": "hubs.registra_l_esito",
    "Annulla l'appuntamento": "hubs.annulla_l_appuntamento",
    "Cancel the appointment": "hubs.annulla_l_appuntamento",
    "Esito aggiornato": "hubs.esito_aggiornato",
    "Outcome updated": "hubs.esito_aggiornato",
    "Prenotazione richiesta": "hubs.prenotazione_richiesta",
    "Booking requested": "hubs.prenotazione_richiesta",
    "Appuntamento richiesto": "hubs.appuntamento_richiesto",
    "Appointment requested": "hubs.appuntamento_richiesto",
    "Connessione registrata": "hubs.connessione_registrata",
    "Connection recorded": "hubs.connessione_registrata",
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
        ("hubs", "0006_private_file_fields"),
        ("costellazioni", "0013_coded_audit_events_and_notification_kinds"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
