"""Audit rows written before events were coded kept a label, in Italian or in the actor's language: those
that match one of this app's events now carry its code (the timeline shows the label in the reader's
language). Rows that match nothing stay as they are and are shown as stored.

The audit log is append-only (trigger of ``costellazioni.0007_audit_append_only``): the trigger is
switched off for this one conversion, inside the migration's transaction.
"""

from django.db import migrations

# Old label (Italian, then English) -> code. Frozen here: later changes to the labels do not concern old rows.
TEXT_TO_CODE = {
    "Candidatura presentata": "contributi.candidatura_presentata",
    "Application submitted": "contributi.candidatura_presentata",
    "Candidatura ritirata": "contributi.candidatura_ritirata",
    "Application withdrawn": "contributi.candidatura_ritirata",
    "Istruttoria avviata": "contributi.istruttoria_avviata",
    "Admissibility review started": "contributi.istruttoria_avviata",
    "Integrazioni richieste": "contributi.integrazioni_richieste",
    "Additional information requested": "contributi.integrazioni_richieste",
    "Integrazioni inviate": "contributi.integrazioni_inviate",
    "Additional documents sent": "contributi.integrazioni_inviate",
    "Candidatura ammissibile": "contributi.candidatura_ammissibile",
    "Application admissible": "contributi.candidatura_ammissibile",
    "Candidatura non ammissibile": "contributi.candidatura_non_ammissibile",
    "Application not admissible": "contributi.candidatura_non_ammissibile",
    "Valutazione avviata": "contributi.valutazione_avviata",
    "Evaluation started": "contributi.valutazione_avviata",
    "Valutazione conclusa": "contributi.valutazione_conclusa",
    "Evaluation closed": "contributi.valutazione_conclusa",
    "Valutazione riaperta": "contributi.valutazione_riaperta",
    "Evaluation reopened": "contributi.valutazione_riaperta",
    "Candidatura finanziata": "contributi.candidatura_finanziata",
    "Application funded": "contributi.candidatura_finanziata",
    "Idonea non finanziata": "contributi.idonea_non_finanziata",
    "Eligible but not funded": "contributi.idonea_non_finanziata",
    "Candidatura non idonea": "contributi.candidatura_non_idonea",
    "Application did not qualify": "contributi.candidatura_non_idonea",
    "Finanziata per scorrimento della graduatoria": "contributi.finanziata_per_scorrimento_della_graduatoria",
    "Funded by moving up the ranking": "contributi.finanziata_per_scorrimento_della_graduatoria",
    "Contributo accettato, progetto avviato": "contributi.contributo_accettato_progetto_avviato",
    "Grant accepted, project started": "contributi.contributo_accettato_progetto_avviato",
    "Rinuncia al contributo": "contributi.rinuncia_al_contributo",
    "Decline the grant": "contributi.rinuncia_al_contributo",
    "Rendiconto finale presentato": "contributi.rendiconto_finale_presentato",
    "Final report submitted": "contributi.rendiconto_finale_presentato",
    "Modifiche al rendiconto richieste": "contributi.modifiche_al_rendiconto_richieste",
    "Changes to the report requested": "contributi.modifiche_al_rendiconto_richieste",
    "Progetto concluso": "contributi.progetto_concluso",
    "Project completed": "contributi.progetto_concluso",
    "Contributo revocato": "contributi.contributo_revocato",
    "Grant revoked": "contributi.contributo_revocato",
    "Rendiconto presentato": "contributi.rendiconto_presentato",
    "Report submitted": "contributi.rendiconto_presentato",
    "Rendiconto ripresentato": "contributi.rendiconto_ripresentato",
    "Report resubmitted": "contributi.rendiconto_ripresentato",
    "Rendiconto approvato": "contributi.rendiconto_approvato",
    "Report approved": "contributi.rendiconto_approvato",
    "Bando pubblicato": "contributi.bando_pubblicato",
    "Call published": "contributi.bando_pubblicato",
    "Rettifica pubblicata": "contributi.rettifica_pubblicata",
    "Amendment published": "contributi.rettifica_pubblicata",
    "Bozza creata": "contributi.bozza_creata",
    "Draft created": "contributi.bozza_creata",
    "Checklist di ammissibilità generata": "contributi.checklist_di_ammissibilita_generata",
    "Admissibility checklist generated": "contributi.checklist_di_ammissibilita_generata",
    "Commissione aggiornata": "contributi.commissione_aggiornata",
    "Evaluation board updated": "contributi.commissione_aggiornata",
    "Conflitto di interessi dichiarato": "contributi.conflitto_di_interessi_dichiarato",
    "Conflict of interest declared": "contributi.conflitto_di_interessi_dichiarato",
    "Bando in valutazione": "contributi.bando_in_valutazione",
    "Call under evaluation": "contributi.bando_in_valutazione",
    "Punteggio collegiale inserito": "contributi.punteggio_collegiale_inserito",
    "Joint score entered": "contributi.punteggio_collegiale_inserito",
    "Scheda di valutazione annullata per conflitto di interessi": "contributi.scheda_annullata_per_conflitto",
    "Evaluation form cancelled due to a conflict of interest": "contributi.scheda_annullata_per_conflitto",
    "Scheda di valutazione inviata": "contributi.scheda_di_valutazione_inviata",
    "Evaluation form sent": "contributi.scheda_di_valutazione_inviata",
    "Piano delle tranche": "contributi.piano_delle_tranche",
    "Instalment plan": "contributi.piano_delle_tranche",
    "Concessione registrata": "contributi.concessione_registrata",
    "Grant award recorded": "contributi.concessione_registrata",
    "Dati della concessione aggiornati": "contributi.dati_della_concessione_aggiornati",
    "Grant award details updated": "contributi.dati_della_concessione_aggiornati",
    "Concessione pubblicata": "contributi.concessione_pubblicata",
    "Grant award published": "contributi.concessione_pubblicata",
    "Pagamento registrato": "contributi.pagamento_registrato",
    "Payment recorded": "contributi.pagamento_registrato",
    "Contributo ridotto": "contributi.contributo_ridotto",
    "Grant reduced": "contributi.contributo_ridotto",
    "Graduatoria provvisoria calcolata": "contributi.graduatoria_provvisoria_calcolata",
    "Provisional ranking calculated": "contributi.graduatoria_provvisoria_calcolata",
    "Graduatoria approvata": "contributi.graduatoria_approvata",
    "Ranking approved": "contributi.graduatoria_approvata",
    "Graduatoria pubblicata": "contributi.graduatoria_pubblicata",
    "Ranking published": "contributi.graduatoria_pubblicata",
    "Preavviso di rigetto inviato": "contributi.preavviso_di_rigetto_inviato",
    "Notice of intended rejection sent": "contributi.preavviso_di_rigetto_inviato",
    "Osservazioni al preavviso inviate": "contributi.osservazioni_al_preavviso_inviate",
    "Comments on the notice sent": "contributi.osservazioni_al_preavviso_inviate",
    "Decisione sulle osservazioni": "contributi.decisione_sulle_osservazioni",
    "Decision on the comments": "contributi.decisione_sulle_osservazioni",
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
        ("contributi", "0013_private_file_fields"),
        ("costellazioni", "0013_coded_audit_events_and_notification_kinds"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
