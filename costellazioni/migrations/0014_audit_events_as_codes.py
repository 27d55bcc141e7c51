"""Audit rows written before events were coded kept a label, in Italian or in the actor's language: those
that match one of this app's events now carry its code (the timeline shows the label in the reader's
language). Rows that match nothing stay as they are and are shown as stored.

The audit log is append-only (trigger of ``costellazioni.0007_audit_append_only``): the trigger is
switched off for this one conversion, inside the migration's transaction.
"""

from django.db import migrations

# Old label (Italian, then English) -> code. Frozen here: later changes to the labels do not concern old rows.
TEXT_TO_CODE = {
    "Verifica l'ente": "costellazioni.verifica_l_ente",
    "Verify the organisation": "costellazioni.verifica_l_ente",
    "Respingi la verifica": "costellazioni.respingi_la_verifica",
    "Reject the verification": "costellazioni.respingi_la_verifica",
    "Riapri la verifica": "costellazioni.riapri_la_verifica",
    "Reopen the verification": "costellazioni.riapri_la_verifica",
    "Sospendi la verifica": "costellazioni.sospendi_la_verifica",
    "Suspend the verification": "costellazioni.sospendi_la_verifica",
    "Conferma la rappresentanza": "costellazioni.conferma_la_rappresentanza",
    "Confirm the representation": "costellazioni.conferma_la_rappresentanza",
    "Respingi la richiesta": "costellazioni.respingi_la_richiesta",
    "Reject the request": "costellazioni.respingi_la_richiesta",
    "Ritira la richiesta": "costellazioni.ritira_la_richiesta",
    "Withdraw the request": "costellazioni.ritira_la_richiesta",
    "Revoca la rappresentanza": "costellazioni.revoca_la_rappresentanza",
    "Revoke the representation": "costellazioni.revoca_la_rappresentanza",
    "Invia di nuovo": "costellazioni.invia_di_nuovo",
    "Resend": "costellazioni.invia_di_nuovo",
    "Presa visione dell'informativa privacy": "costellazioni.presa_visione_dell_informativa_privacy",
    "Acknowledgement of the privacy notice": "costellazioni.presa_visione_dell_informativa_privacy",
    "Ente registrato": "costellazioni.ente_registrato",
    "Organisation registered": "costellazioni.ente_registrato",
    "Dati dell'ente aggiornati": "costellazioni.dati_dell_ente_aggiornati",
    "Organisation details updated": "costellazioni.dati_dell_ente_aggiornati",
    "Richiesta di rappresentanza": "costellazioni.richiesta_di_rappresentanza",
    "Representation request": "costellazioni.richiesta_di_rappresentanza",
    "Profilo aggiornato": "costellazioni.profilo_aggiornato",
    "Profile updated": "costellazioni.profilo_aggiornato",
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
    dependencies = [("costellazioni", "0013_coded_audit_events_and_notification_kinds")]

    operations = [migrations.RunPython(forwards, backwards)]
