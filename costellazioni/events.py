"""The coded events of the costellazioni app, registered from ``apps.py`` (see ``costellazioni.codes``).

``Evento``: audit event codes, stored in ``EventoAudit.evento``; ``Notifica``: notification kinds, stored in
``Messaggio.tipo``. The database keeps the code; the label is shown in the reader's language.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Evento(models.TextChoices):
    VERIFICA_L_ENTE = "costellazioni.verifica_l_ente", _("Verifica l'ente")
    RESPINGI_LA_VERIFICA = "costellazioni.respingi_la_verifica", _("Respingi la verifica")
    RIAPRI_LA_VERIFICA = "costellazioni.riapri_la_verifica", _("Riapri la verifica")
    SOSPENDI_LA_VERIFICA = "costellazioni.sospendi_la_verifica", _("Sospendi la verifica")
    CONFERMA_LA_RAPPRESENTANZA = "costellazioni.conferma_la_rappresentanza", _("Conferma la rappresentanza")
    RESPINGI_LA_RICHIESTA = "costellazioni.respingi_la_richiesta", _("Respingi la richiesta")
    RITIRA_LA_RICHIESTA = "costellazioni.ritira_la_richiesta", _("Ritira la richiesta")
    REVOCA_LA_RAPPRESENTANZA = "costellazioni.revoca_la_rappresentanza", _("Revoca la rappresentanza")
    INVIA_DI_NUOVO = "costellazioni.invia_di_nuovo", _("Invia di nuovo")
    PRESA_VISIONE_DELL_INFORMATIVA_PRIVACY = (
        "costellazioni.presa_visione_dell_informativa_privacy",
        _("Presa visione dell'informativa privacy"),
    )
    ENTE_REGISTRATO = "costellazioni.ente_registrato", _("Ente registrato")
    DATI_DELL_ENTE_AGGIORNATI = "costellazioni.dati_dell_ente_aggiornati", _("Dati dell'ente aggiornati")
    RICHIESTA_DI_RAPPRESENTANZA = "costellazioni.richiesta_di_rappresentanza", _("Richiesta di rappresentanza")
    DATI_DELL_ENTE_CORRETTI = "costellazioni.dati_dell_ente_corretti", _("Dati dell'ente corretti dal Comune")
    RAPPRESENTANZA_MODIFICATA = "costellazioni.rappresentanza_modificata", _("Dati della rappresentanza modificati")
    PROFILO_AGGIORNATO = "costellazioni.profilo_aggiornato", _("Profilo aggiornato")


class Notifica(models.TextChoices):
    ACCOUNT = "account", _("Account")
    RAPPRESENTANZA = "rappresentanza", _("Rappresentanza di un ente")
    ENTE = "ente", _("Verifica dell'ente")
    AVVISO = "avviso", _("Avviso")
