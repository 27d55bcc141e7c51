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
    ESITO_AGGIORNATO = "hubs.esito_aggiornato", _("Esito aggiornato")
    PRENOTAZIONE_RICHIESTA = "hubs.prenotazione_richiesta", _("Prenotazione richiesta")
    APPUNTAMENTO_RICHIESTO = "hubs.appuntamento_richiesto", _("Appuntamento richiesto")
    CONNESSIONE_REGISTRATA = "hubs.connessione_registrata", _("Connessione registrata")


class Notifica(models.TextChoices):
    PRENOTAZIONE = "prenotazione", _("Prenotazione")
    APPUNTAMENTO = "appuntamento", _("Appuntamento")
