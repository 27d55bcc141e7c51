"""The coded events of the hubs app, registered from ``apps.py`` (see ``costellazioni.codes``).

``Evento``: audit event codes, stored in ``EventoAudit.evento``; ``Notifica``: notification kinds, stored in
``Messaggio.tipo``. The database keeps the code; the label is shown in the reader's language.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Evento(models.TextChoices):
    CONFERMA_LA_PRENOTAZIONE = "hubs.conferma_la_prenotazione", _("Conferma la prenotazione")
    RIFIUTA_LA_PRENOTAZIONE = "hubs.rifiuta_la_prenotazione", _("Rifiuta la prenotazione")
    ANNULLA_LA_RICHIESTA = "hubs.annulla_la_richiesta", _("Annulla la richiesta")
    ANNULLA_LA_PRENOTAZIONE = "hubs.annulla_la_prenotazione", _("Annulla la prenotazione")
    FISSA_L_APPUNTAMENTO = "hubs.fissa_l_appuntamento", _("Fissa l'appuntamento")
    SPOSTA_L_APPUNTAMENTO = "hubs.sposta_l_appuntamento", _("Sposta l'appuntamento")
    REGISTRA_L_ESITO = "hubs.registra_l_esito", _("Registra l'esito")
    ANNULLA_L_APPUNTAMENTO = "hubs.annulla_l_appuntamento", _("Annulla l'appuntamento")
    AVVIA_LA_COLLABORAZIONE = "hubs.avvia_la_collaborazione", _("Registra la collaborazione avviata")
    REGISTRA_IL_PROGETTO_COMUNE = "hubs.registra_il_progetto_comune", _("Registra il progetto comune")
    REGISTRA_CHE_NON_E_PROSEGUITA = "hubs.registra_che_non_e_proseguita", _("Registra che non è proseguita")
    RIAPRI_LA_CONNESSIONE = "hubs.riapri_la_connessione", _("Riapri la connessione")
    # Rows written before the outcome of a connection had its table carry this code.
    ESITO_AGGIORNATO = "hubs.esito_aggiornato", _("Esito aggiornato")
    PRENOTAZIONE_RICHIESTA = "hubs.prenotazione_richiesta", _("Prenotazione richiesta")
    APPUNTAMENTO_RICHIESTO = "hubs.appuntamento_richiesto", _("Appuntamento richiesto")
    CONNESSIONE_REGISTRATA = "hubs.connessione_registrata", _("Connessione registrata")


class Notifica(models.TextChoices):
    PRENOTAZIONE = "prenotazione", _("Prenotazione")
    APPUNTAMENTO = "appuntamento", _("Appuntamento")
