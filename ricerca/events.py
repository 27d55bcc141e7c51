"""The coded events of the ricerca app, registered from ``apps.py`` (see ``costellazioni.codes``).

``Evento``: audit event codes, stored in ``EventoAudit.evento``; ``Notifica``: notification kinds, stored in
``Messaggio.tipo``. The database keeps the code; the label is shown in the reader's language.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Evento(models.TextChoices):
    BISOGNO_PRESO_IN_CARICO = "ricerca.bisogno_preso_in_carico", _("Bisogno preso in carico")
    BISOGNO_NON_RISOLVIBILE = "ricerca.bisogno_non_risolvibile", _("Bisogno non risolvibile")
    BISOGNO_INDIRIZZATO_A_UN_SERVIZIO = (
        "ricerca.bisogno_indirizzato_a_un_servizio",
        _("Bisogno indirizzato a un servizio"),
    )
    BISOGNO_RISOLTO = "ricerca.bisogno_risolto", _("Bisogno risolto")
    BISOGNO_RIPRESO_IN_CARICO = "ricerca.bisogno_ripreso_in_carico", _("Bisogno ripreso in carico")
    BISOGNO_RIAPERTO = "ricerca.bisogno_riaperto", _("Bisogno riaperto")
    BISOGNO_MODIFICATO = "ricerca.bisogno_modificato", _("Bisogno modificato")
    VERSIONE_APERTA_AI_COMMENTI = "ricerca.versione_aperta_ai_commenti", _("Versione aperta ai commenti")
    VERSIONE_RIPORTATA_IN_BOZZA = "ricerca.versione_riportata_in_bozza", _("Versione riportata in bozza")
    VERSIONE_APPROVATA_DAL_COMITATO_DI_GESTIONE = (
        "ricerca.versione_approvata_dal_comitato_di_gestione",
        _("Versione approvata dal comitato di gestione"),
    )
    VERSIONE_SUPERATA = "ricerca.versione_superata", _("Versione superata")
    VERSIONE_CREATA = "ricerca.versione_creata", _("Versione creata")
    VERSIONE_MODIFICATA = "ricerca.versione_modificata", _("Versione modificata")
