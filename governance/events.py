"""The coded events of the governance app, registered from ``apps.py`` (see ``costellazioni.codes``).

``Evento``: audit event codes, stored in ``EventoAudit.evento``; ``Notifica``: notification kinds, stored in
``Messaggio.tipo``. The database keeps the code; the label is shown in the reader's language.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Evento(models.TextChoices):
    RIUNIONE_SVOLTA = "governance.riunione_svolta", _("Riunione svolta")
    VERBALE_APPROVATO = "governance.verbale_approvato", _("Verbale approvato")
    RIUNIONE_ANNULLATA = "governance.riunione_annullata", _("Riunione annullata")
    VERBALE_APPROVATO_CON_VOTAZIONE = "governance.verbale_approvato_con_votazione", _("Verbale approvato con votazione")
    VERBALE_SOSTITUITO_DA_UNA_CORREZIONE = (
        "governance.verbale_sostituito_da_una_correzione",
        _("Verbale sostituito da una correzione"),
    )
    AZIONE_AVVIATA = "governance.azione_avviata", _("Azione avviata")
    AZIONE_COMPLETATA = "governance.azione_completata", _("Azione completata")
    AZIONE_ANNULLATA = "governance.azione_annullata", _("Azione annullata")
    RELAZIONE_INVIATA = "governance.relazione_inviata", _("Relazione inviata")
    RELAZIONE_INVIATA_DI_NUOVO = "governance.relazione_inviata_di_nuovo", _("Relazione inviata di nuovo")
    RELAZIONE_ACCETTATA = "governance.relazione_accettata", _("Relazione accettata")
    MODIFICHE_RICHIESTE = "governance.modifiche_richieste", _("Modifiche richieste")
    STATO_DEL_RISULTATO_ATTESO_AGGIORNATO = (
        "governance.stato_del_risultato_atteso_aggiornato",
        _("Stato del risultato atteso aggiornato"),
    )
    STATO_DEL_PARTENARIATO_AGGIORNATO = (
        "governance.stato_del_partenariato_aggiornato",
        _("Stato del partenariato aggiornato"),
    )
    AZIONE_MODIFICATA = "governance.azione_modificata", _("Azione modificata")
    RIUNIONE_CONVOCATA = "governance.riunione_convocata", _("Riunione convocata")
    AZIONE_REGISTRATA = "governance.azione_registrata", _("Azione registrata")
    DOCUMENTO_CARICATO = "governance.documento_caricato", _("Documento caricato")
    APPALTO_REGISTRATO = "governance.appalto_registrato", _("Appalto registrato")
    APPALTO_MODIFICATO = "governance.appalto_modificato", _("Appalto modificato")


class Notifica(models.TextChoices):
    RIUNIONE = "riunione", _("Riunione")
    REPORT = "report", _("Report")
