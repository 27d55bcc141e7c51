"""The coded events of the contributi app, registered from ``apps.py`` (see ``costellazioni.codes``).

``Evento``: audit event codes, stored in ``EventoAudit.evento``; ``Notifica``: notification kinds, stored in
``Messaggio.tipo``. The database keeps the code; the label is shown in the reader's language.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Evento(models.TextChoices):
    CANDIDATURA_PRESENTATA = "contributi.candidatura_presentata", _("Candidatura presentata")
    CANDIDATURA_RITIRATA = "contributi.candidatura_ritirata", _("Candidatura ritirata")
    ISTRUTTORIA_AVVIATA = "contributi.istruttoria_avviata", _("Istruttoria avviata")
    INTEGRAZIONI_RICHIESTE = "contributi.integrazioni_richieste", _("Integrazioni richieste")
    INTEGRAZIONI_INVIATE = "contributi.integrazioni_inviate", _("Integrazioni inviate")
    CANDIDATURA_AMMISSIBILE = "contributi.candidatura_ammissibile", _("Candidatura ammissibile")
    CANDIDATURA_NON_AMMISSIBILE = "contributi.candidatura_non_ammissibile", _("Candidatura non ammissibile")
    VALUTAZIONE_AVVIATA = "contributi.valutazione_avviata", _("Valutazione avviata")
    VALUTAZIONE_CONCLUSA = "contributi.valutazione_conclusa", _("Valutazione conclusa")
    VALUTAZIONE_RIAPERTA = "contributi.valutazione_riaperta", _("Valutazione riaperta")
    CANDIDATURA_FINANZIATA = "contributi.candidatura_finanziata", _("Candidatura finanziata")
    IDONEA_NON_FINANZIATA = "contributi.idonea_non_finanziata", _("Idonea non finanziata")
    CANDIDATURA_NON_IDONEA = "contributi.candidatura_non_idonea", _("Candidatura non idonea")
    FINANZIATA_PER_SCORRIMENTO_DELLA_GRADUATORIA = (
        "contributi.finanziata_per_scorrimento_della_graduatoria",
        _("Finanziata per scorrimento della graduatoria"),
    )
    CONTRIBUTO_ACCETTATO_PROGETTO_AVVIATO = (
        "contributi.contributo_accettato_progetto_avviato",
        _("Contributo accettato, progetto avviato"),
    )
    RINUNCIA_AL_CONTRIBUTO = "contributi.rinuncia_al_contributo", _("Rinuncia al contributo")
    RENDICONTO_FINALE_PRESENTATO = "contributi.rendiconto_finale_presentato", _("Rendiconto finale presentato")
    MODIFICHE_AL_RENDICONTO_RICHIESTE = (
        "contributi.modifiche_al_rendiconto_richieste",
        _("Modifiche al rendiconto richieste"),
    )
    PROGETTO_CONCLUSO = "contributi.progetto_concluso", _("Progetto concluso")
    CONTRIBUTO_REVOCATO = "contributi.contributo_revocato", _("Contributo revocato")
    RENDICONTO_PRESENTATO = "contributi.rendiconto_presentato", _("Rendiconto presentato")
    RENDICONTO_RIPRESENTATO = "contributi.rendiconto_ripresentato", _("Rendiconto ripresentato")
    RENDICONTO_APPROVATO = "contributi.rendiconto_approvato", _("Rendiconto approvato")
    BANDO_PUBBLICATO = "contributi.bando_pubblicato", _("Bando pubblicato")
    BANDO_REGISTRATO = "contributi.bando_registrato", _("Bando registrato")
    BANDO_MODIFICATO = "contributi.bando_modificato", _("Bando modificato")
    CONTENUTO_DEL_BANDO_AGGIUNTO = "contributi.contenuto_del_bando_aggiunto", _("Contenuto del bando aggiunto")
    CONTENUTO_DEL_BANDO_MODIFICATO = "contributi.contenuto_del_bando_modificato", _("Contenuto del bando modificato")
    CONTENUTO_DEL_BANDO_RIMOSSO = "contributi.contenuto_del_bando_rimosso", _("Contenuto del bando rimosso")
    QUARTIERI_DEL_BANDO_MODIFICATI = "contributi.quartieri_del_bando_modificati", _("Quartieri del bando modificati")
    RETTIFICA_PUBBLICATA = "contributi.rettifica_pubblicata", _("Rettifica pubblicata")
    BOZZA_CREATA = "contributi.bozza_creata", _("Bozza creata")
    CHECKLIST_DI_AMMISSIBILITA_GENERATA = (
        "contributi.checklist_di_ammissibilita_generata",
        _("Checklist di ammissibilità generata"),
    )
    COMMISSIONE_AGGIORNATA = "contributi.commissione_aggiornata", _("Commissione aggiornata")
    CONFLITTO_DI_INTERESSI_DICHIARATO = (
        "contributi.conflitto_di_interessi_dichiarato",
        _("Conflitto di interessi dichiarato"),
    )
    BANDO_IN_VALUTAZIONE = "contributi.bando_in_valutazione", _("Bando in valutazione")
    PUNTEGGIO_COLLEGIALE_INSERITO = "contributi.punteggio_collegiale_inserito", _("Punteggio collegiale inserito")
    SCHEDA_ANNULLATA_PER_CONFLITTO = (
        "contributi.scheda_annullata_per_conflitto",
        _("Scheda di valutazione annullata per conflitto di interessi"),
    )
    SCHEDA_DI_VALUTAZIONE_INVIATA = "contributi.scheda_di_valutazione_inviata", _("Scheda di valutazione inviata")
    PIANO_DELLE_TRANCHE = "contributi.piano_delle_tranche", _("Piano delle tranche")
    CONCESSIONE_REGISTRATA = "contributi.concessione_registrata", _("Concessione registrata")
    DATI_DELLA_CONCESSIONE_AGGIORNATI = (
        "contributi.dati_della_concessione_aggiornati",
        _("Dati della concessione aggiornati"),
    )
    CONCESSIONE_PUBBLICATA = "contributi.concessione_pubblicata", _("Concessione pubblicata")
    PAGAMENTO_REGISTRATO = "contributi.pagamento_registrato", _("Pagamento registrato")
    CONTRIBUTO_RIDOTTO = "contributi.contributo_ridotto", _("Contributo ridotto")
    GRADUATORIA_PROVVISORIA_CALCOLATA = (
        "contributi.graduatoria_provvisoria_calcolata",
        _("Graduatoria provvisoria calcolata"),
    )
    GRADUATORIA_APPROVATA = "contributi.graduatoria_approvata", _("Graduatoria approvata")
    GRADUATORIA_PUBBLICATA = "contributi.graduatoria_pubblicata", _("Graduatoria pubblicata")
    PREAVVISO_DI_RIGETTO_INVIATO = "contributi.preavviso_di_rigetto_inviato", _("Preavviso di rigetto inviato")
    OSSERVAZIONI_AL_PREAVVISO_INVIATE = (
        "contributi.osservazioni_al_preavviso_inviate",
        _("Osservazioni al preavviso inviate"),
    )
    DECISIONE_SULLE_OSSERVAZIONI = "contributi.decisione_sulle_osservazioni", _("Decisione sulle osservazioni")


class Notifica(models.TextChoices):
    BANDO = "bando", _("Bando")
    CANDIDATURA = "candidatura", _("Candidatura")
    VALUTAZIONE = "valutazione", _("Valutazione")
    PAGAMENTO = "pagamento", _("Pagamento")
    RENDICONTAZIONE = "rendicontazione", _("Rendicontazione")
