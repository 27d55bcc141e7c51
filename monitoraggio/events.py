"""The coded events of the monitoraggio app, registered from ``apps.py`` (see ``costellazioni.codes``).

``Evento``: audit event codes, stored in ``EventoAudit.evento``; ``Notifica``: notification kinds, stored in
``Messaggio.tipo``. The database keeps the code; the label is shown in the reader's language.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Evento(models.TextChoices):
    GENERAZIONE_DEL_REPORT_AVVIATA = "monitoraggio.generazione_del_report_avviata", _("Generazione del report avviata")
    REPORT_PRONTO = "monitoraggio.report_pronto", _("Report pronto")
    GENERAZIONE_DEL_REPORT_NON_RIUSCITA = (
        "monitoraggio.generazione_del_report_non_riuscita",
        _("Generazione del report non riuscita"),
    )
    GENERAZIONE_DEL_REPORT_RIPRESA = "monitoraggio.generazione_del_report_ripresa", _("Generazione del report ripresa")
    NUOVO_TENTATIVO_DI_GENERAZIONE = "monitoraggio.nuovo_tentativo_di_generazione", _("Nuovo tentativo di generazione")
    RIGENERAZIONE_DEL_REPORT_RICHIESTA = (
        "monitoraggio.rigenerazione_del_report_richiesta",
        _("Rigenerazione del report richiesta"),
    )
    MISURAZIONE_VALIDATA = "monitoraggio.misurazione_validata", _("Misurazione validata")
    MISURAZIONE_RESPINTA = "monitoraggio.misurazione_respinta", _("Misurazione respinta")
    VALIDAZIONE_RITIRATA = "monitoraggio.validazione_ritirata", _("Validazione ritirata")
    FILE_CARICATO = "monitoraggio.file_caricato", _("File caricato per l'importazione")
    VERIFICA_DEL_FILE_AVVIATA = "monitoraggio.verifica_del_file_avviata", _("Verifica del file avviata")
    RIGHE_IMPORTATE = "monitoraggio.righe_importate", _("Righe importate")
    FILE_RESPINTO_NESSUNA_RIGA_IMPORTATA = (
        "monitoraggio.file_respinto_nessuna_riga_importata",
        _("File respinto: nessuna riga importata"),
    )
    REPORT_PUBBLICATO = "monitoraggio.report_pubblicato", _("Report pubblicato")
    REPORT_RITIRATO_DALLA_PUBBLICAZIONE = (
        "monitoraggio.report_ritirato_dalla_pubblicazione",
        _("Report ritirato dalla pubblicazione"),
    )
