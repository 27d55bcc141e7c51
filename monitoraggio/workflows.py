"""The procedures of monitoring as data: a report's generation and a manual measurement's validation.

``SISTEMA`` is the scheduler or the worker acting on its own; ``monitoraggio.services`` is the only code
that moves these objects between states, through the core door ``workflow_transition``.
"""

from django.utils.translation import gettext_lazy as _

from costellazioni.workflows import OWNER, STAFF, Transition
from monitoraggio.models import Importazione, Misurazione, Report

SISTEMA = "sistema"  # the beat schedule or the Celery worker

ReportStato = Report.Stato
REPORT = {
    (ReportStato.IN_CODA, ReportStato.IN_CORSO): Transition(_("Generazione del report avviata"), frozenset({SISTEMA})),
    (ReportStato.IN_CORSO, ReportStato.PRONTO): Transition(_("Report pronto"), frozenset({SISTEMA})),
    (ReportStato.IN_CORSO, ReportStato.FALLITO): Transition(
        _("Generazione del report non riuscita"), frozenset({SISTEMA})
    ),
    (ReportStato.IN_CORSO, ReportStato.IN_CORSO): Transition(_("Generazione del report ripresa"), frozenset({SISTEMA})),
    (ReportStato.FALLITO, ReportStato.IN_CORSO): Transition(_("Nuovo tentativo di generazione"), frozenset({SISTEMA})),
    (ReportStato.PRONTO, ReportStato.IN_CODA): Transition(
        _("Rigenerazione del report richiesta"), frozenset({STAFF, SISTEMA})
    ),
    (ReportStato.FALLITO, ReportStato.IN_CODA): Transition(
        _("Rigenerazione del report richiesta"), frozenset({STAFF, SISTEMA})
    ),
}

MisurazioneStato = Misurazione.Stato
MISURAZIONE = {
    (MisurazioneStato.DA_VALIDARE, MisurazioneStato.VALIDATA): Transition(
        _("Misurazione validata"), frozenset({STAFF})
    ),
    (MisurazioneStato.DA_VALIDARE, MisurazioneStato.RESPINTA): Transition(
        _("Misurazione respinta"), frozenset({STAFF}), note_required=True
    ),
    (MisurazioneStato.VALIDATA, MisurazioneStato.DA_VALIDARE): Transition(
        _("Validazione ritirata"), frozenset({STAFF}), note_required=True
    ),
}

ImportazioneStato = Importazione.Stato
IMPORTAZIONE = {
    (ImportazioneStato.IN_CODA, ImportazioneStato.IN_CORSO): Transition(
        _("Verifica del file avviata"), frozenset({SISTEMA})
    ),
    (ImportazioneStato.IN_CORSO, ImportazioneStato.IMPORTATA): Transition(_("Righe importate"), frozenset({SISTEMA})),
    (ImportazioneStato.IN_CORSO, ImportazioneStato.RESPINTA): Transition(
        _("File respinto: nessuna riga importata"), frozenset({SISTEMA})
    ),
}

__all__ = ["IMPORTAZIONE", "MISURAZIONE", "OWNER", "REPORT", "SISTEMA", "STAFF"]
