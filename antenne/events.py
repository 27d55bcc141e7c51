"""The coded events of the antenne app, registered from ``apps.py`` (see ``costellazioni.codes``).

``Evento``: audit event codes, stored in ``EventoAudit.evento``; ``Notifica``: notification kinds, stored in
``Messaggio.tipo``. The database keeps the code; the label is shown in the reader's language.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Evento(models.TextChoices):
    ANTENNA_CONTATTATA = "antenne.antenna_contattata", _("Antenna contattata")
    ANTENNA_SUPPORTATA = "antenne.antenna_supportata", _("Antenna supportata")
    ANTENNA_ATTIVA = "antenne.antenna_attiva", _("Antenna attiva")
    ANTENNA_IN_RETE = "antenne.antenna_in_rete", _("Antenna in rete")
    ANTENNA_USCITA_DALLA_RETE = "antenne.antenna_uscita_dalla_rete", _("Antenna uscita dalla rete")
    ANTENNA_SOSPESA = "antenne.antenna_sospesa", _("Antenna sospesa")
    ANTENNA_RIPRESA_IN_CONTATTO = "antenne.antenna_ripresa_in_contatto", _("Antenna ripresa in contatto")
    ANTENNA_RIATTIVATA = "antenne.antenna_riattivata", _("Antenna riattivata")
    RICHIESTA_ACCETTATA = "antenne.richiesta_accettata", _("Richiesta accettata")
    RICHIESTA_RIFIUTATA = "antenne.richiesta_rifiutata", _("Richiesta rifiutata")
    SERVIZIO_SVOLTO = "antenne.servizio_svolto", _("Servizio svolto")
    RICHIESTA_ANNULLATA = "antenne.richiesta_annullata", _("Richiesta annullata")
    SOCIO_VERIFICATO = "antenne.socio_verificato", _("Socio verificato")
    ISCRIZIONE_NON_ACCOLTA = "antenne.iscrizione_non_accolta", _("Iscrizione non accolta")
    SOCIO_SOSPESO = "antenne.socio_sospeso", _("Socio sospeso")
    SOCIO_RIAMMESSO = "antenne.socio_riammesso", _("Socio riammesso")
    HUB_DI_RIFERIMENTO_CAMBIATO = "antenne.hub_di_riferimento_cambiato", _("HUB di riferimento cambiato")
    ANTENNA_REGISTRATA = "antenne.antenna_registrata", _("Antenna registrata")
    ANTENNA_MODIFICATA = "antenne.antenna_modificata", _("Dati dell'antenna modificati")
    AUTOCANDIDATURA = "antenne.autocandidatura", _("Autocandidatura")
    ISCRIZIONE_RICHIESTA = "antenne.iscrizione_richiesta", _("Iscrizione richiesta")
    SCAMBIO_PROPOSTO = "antenne.scambio_proposto", _("Scambio proposto")
    SCAMBIO_CONCORDATO = "antenne.scambio_concordato", _("Scambio concordato")
    SCAMBIO_CONFERMATO = "antenne.scambio_confermato", _("Scambio confermato da entrambi i soci")
    SCAMBIO_ANNULLATO = "antenne.scambio_annullato", _("Scambio annullato")
    RICHIESTA_INVIATA = "antenne.richiesta_inviata", _("Richiesta inviata")
    RECAPITO_DELLA_RICHIESTA_CORRETTO = (
        "antenne.recapito_della_richiesta_corretto",
        _("Recapito della richiesta corretto"),
    )
    DATI_DEL_SOCIO_CORRETTI = "antenne.dati_del_socio_corretti", _("Dati del socio corretti")


class Notifica(models.TextChoices):
    ANTENNA = "antenna", _("Antenna di quartiere")
    BANCA_DEL_TEMPO = "banca_del_tempo", _("Banca del tempo")
