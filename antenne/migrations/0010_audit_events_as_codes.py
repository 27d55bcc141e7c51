"""Audit rows written before events were coded kept a label, in Italian or in the actor's language: those
that match one of this app's events now carry its code (the timeline shows the label in the reader's
language). Rows that match nothing stay as they are and are shown as stored.

The audit log is append-only (trigger of ``costellazioni.0007_audit_append_only``): the trigger is
switched off for this one conversion, inside the migration's transaction.
"""

from django.db import migrations

# Old label (Italian, then English) -> code. Frozen here: later changes to the labels do not concern old rows.
TEXT_TO_CODE = {
    "Antenna contattata": "antenne.antenna_contattata",
    "Antenna contacted": "antenne.antenna_contattata",
    "Antenna supportata": "antenne.antenna_supportata",
    "Antenna supported": "antenne.antenna_supportata",
    "Antenna attiva": "antenne.antenna_attiva",
    "Antenna active": "antenne.antenna_attiva",
    "Antenna in rete": "antenne.antenna_in_rete",
    "Antenna networked": "antenne.antenna_in_rete",
    "Antenna uscita dalla rete": "antenne.antenna_uscita_dalla_rete",
    "Antenna left the network": "antenne.antenna_uscita_dalla_rete",
    "Antenna sospesa": "antenne.antenna_sospesa",
    "Antenna suspended": "antenne.antenna_sospesa",
    "Antenna ripresa in contatto": "antenne.antenna_ripresa_in_contatto",
    "Antenna back in contact": "antenne.antenna_ripresa_in_contatto",
    "Antenna riattivata": "antenne.antenna_riattivata",
    "Antenna reactivated": "antenne.antenna_riattivata",
    "Richiesta accettata": "antenne.richiesta_accettata",
    "Request accepted": "antenne.richiesta_accettata",
    "Richiesta rifiutata": "antenne.richiesta_rifiutata",
    "Request declined": "antenne.richiesta_rifiutata",
    "Servizio svolto": "antenne.servizio_svolto",
    "Service carried out": "antenne.servizio_svolto",
    "Richiesta annullata": "antenne.richiesta_annullata",
    "Request cancelled": "antenne.richiesta_annullata",
    "Socio verificato": "antenne.socio_verificato",
    "Member verified": "antenne.socio_verificato",
    "Iscrizione non accolta": "antenne.iscrizione_non_accolta",
    "Membership not accepted": "antenne.iscrizione_non_accolta",
    "Socio sospeso": "antenne.socio_sospeso",
    "Member suspended": "antenne.socio_sospeso",
    "Socio riammesso": "antenne.socio_riammesso",
    "Member reinstated": "antenne.socio_riammesso",
    "HUB di riferimento cambiato": "antenne.hub_di_riferimento_cambiato",
    "Reference HUB changed": "antenne.hub_di_riferimento_cambiato",
    "Autocandidatura": "antenne.autocandidatura",
    "Self-nomination": "antenne.autocandidatura",
    "Iscrizione richiesta": "antenne.iscrizione_richiesta",
    "Membership requested": "antenne.iscrizione_richiesta",
    "Richiesta inviata": "antenne.richiesta_inviata",
    "Request sent": "antenne.richiesta_inviata",
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
        ("antenne", "0009_annunci_antenna_chiave_idempotenza"),
        ("costellazioni", "0013_coded_audit_events_and_notification_kinds"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
