"""The coded events of the coprogrammazione app, registered from ``apps.py`` (see ``costellazioni.codes``).

``Evento``: audit event codes, stored in ``EventoAudit.evento``; ``Notifica``: notification kinds, stored in
``Messaggio.tipo``. The database keeps the code; the label is shown in the reader's language.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Evento(models.TextChoices):
    APERTE_LE_MANIFESTAZIONI_DI_INTERESSE = (
        "coprogrammazione.aperte_le_manifestazioni_di_interesse",
        _("Aperte le manifestazioni di interesse"),
    )
    AVVIATI_I_TAVOLI_E_GLI_INCONTRI = (
        "coprogrammazione.avviati_i_tavoli_e_gli_incontri",
        _("Avviati i tavoli e gli incontri"),
    )
    REDAZIONE_DEL_DOCUMENTO_ISTRUTTORIO_FINALE = (
        "coprogrammazione.redazione_del_documento_istruttorio_finale",
        _("Redazione del documento istruttorio finale"),
    )
    PERCORSO_CONCLUSO = "coprogrammazione.percorso_concluso", _("Percorso concluso")
    TAVOLI_RIAPERTI = "coprogrammazione.tavoli_riaperti", _("Tavoli riaperti")
    ENTE_AMMESSO_AL_PERCORSO = "coprogrammazione.ente_ammesso_al_percorso", _("Ente ammesso al percorso")
    MANIFESTAZIONE_DI_INTERESSE_ESCLUSA = (
        "coprogrammazione.manifestazione_di_interesse_esclusa",
        _("Manifestazione di interesse esclusa"),
    )
    ESCLUSIONE_RIESAMINATA_ENTE_AMMESSO = (
        "coprogrammazione.esclusione_riesaminata_ente_ammesso",
        _("Esclusione riesaminata, ente ammesso"),
    )
    PROTOCOLLO_INVIATO_IN_FIRMA = "coprogrammazione.protocollo_inviato_in_firma", _("Protocollo inviato in firma")
    PROTOCOLLO_RIPORTATO_IN_BOZZA = "coprogrammazione.protocollo_riportato_in_bozza", _("Protocollo riportato in bozza")
    PROTOCOLLO_FIRMATO_DA_TUTTE_LE_PARTI = (
        "coprogrammazione.protocollo_firmato_da_tutte_le_parti",
        _("Protocollo firmato da tutte le parti"),
    )
    PROTOCOLLO_ATTIVO = "coprogrammazione.protocollo_attivo", _("Protocollo attivo")
    PROTOCOLLO_IN_SCADENZA = "coprogrammazione.protocollo_in_scadenza", _("Protocollo in scadenza")
    PROTOCOLLO_SCADUTO = "coprogrammazione.protocollo_scaduto", _("Protocollo scaduto")
    PROTOCOLLO_RINNOVATO = "coprogrammazione.protocollo_rinnovato", _("Protocollo rinnovato")
    PROTOCOLLO_RISOLTO = "coprogrammazione.protocollo_risolto", _("Protocollo risolto")
    PROTOCOLLO_REGISTRATO = "coprogrammazione.protocollo_registrato", _("Protocollo registrato")
    PROTOCOLLO_MODIFICATO = "coprogrammazione.protocollo_modificato", _("Protocollo modificato")
    PARTE_O_IMPEGNO_AGGIUNTO = "coprogrammazione.parte_o_impegno_aggiunto", _("Parte o impegno aggiunto")
    PARTE_O_IMPEGNO_MODIFICATO = "coprogrammazione.parte_o_impegno_modificato", _("Parte o impegno modificato")
    PARTE_O_IMPEGNO_RIMOSSO = "coprogrammazione.parte_o_impegno_rimosso", _("Parte o impegno rimosso")
    IMPEGNO_AVVIATO = "coprogrammazione.impegno_avviato", _("Impegno avviato")
    IMPEGNO_ADEMPIUTO = "coprogrammazione.impegno_adempiuto", _("Impegno adempiuto")
    IMPEGNO_INADEMPIUTO = "coprogrammazione.impegno_inadempiuto", _("Impegno inadempiuto")
    IMPEGNO_RIPRESO = "coprogrammazione.impegno_ripreso", _("Impegno ripreso")
    FIRMA_REGISTRATA = "coprogrammazione.firma_registrata", _("Firma registrata")
    RINNOVO_CREATO = "coprogrammazione.rinnovo_creato", _("Rinnovo creato")
    PERCORSO_CREATO = "coprogrammazione.percorso_creato", _("Percorso creato")
    PERCORSO_MODIFICATO = "coprogrammazione.percorso_modificato", _("Percorso modificato")
    PERCORSO_ELIMINATO = "coprogrammazione.percorso_eliminato", _("Percorso eliminato")
    DOCUMENTO_DEL_PERCORSO_AGGIUNTO = (
        "coprogrammazione.documento_del_percorso_aggiunto",
        _("Documento del percorso aggiunto"),
    )
    DOCUMENTO_DEL_PERCORSO_MODIFICATO = (
        "coprogrammazione.documento_del_percorso_modificato",
        _("Documento del percorso modificato"),
    )
    DOCUMENTO_DEL_PERCORSO_ELIMINATO = (
        "coprogrammazione.documento_del_percorso_eliminato",
        _("Documento del percorso eliminato"),
    )


class Notifica(models.TextChoices):
    COPROGRAMMAZIONE = "coprogrammazione", _("Co-programmazione")
