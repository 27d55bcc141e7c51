"""The procedures of monitoring as data: a report's generation and a manual measurement's validation.

``SISTEMA`` is the scheduler or the worker acting on its own; ``monitoraggio.services`` is the only code
that moves these objects between states, through the core door ``workflow_transition``.
"""

from costellazioni import workflows
from costellazioni.workflows import OWNER, STAFF, Transition
from monitoraggio.events import Evento
from monitoraggio.models import Importazione, Misurazione, Report

SISTEMA = "sistema"  # the beat schedule or the Celery worker

ReportStato = Report.Stato
REPORT = {
    (ReportStato.IN_CODA, ReportStato.IN_CORSO): Transition(
        Evento.GENERAZIONE_DEL_REPORT_AVVIATA, frozenset({SISTEMA})
    ),
    (ReportStato.IN_CORSO, ReportStato.PRONTO): Transition(Evento.REPORT_PRONTO, frozenset({SISTEMA})),
    (ReportStato.IN_CORSO, ReportStato.FALLITO): Transition(
        Evento.GENERAZIONE_DEL_REPORT_NON_RIUSCITA, frozenset({SISTEMA})
    ),
    (ReportStato.IN_CORSO, ReportStato.IN_CORSO): Transition(
        Evento.GENERAZIONE_DEL_REPORT_RIPRESA, frozenset({SISTEMA})
    ),
    (ReportStato.FALLITO, ReportStato.IN_CORSO): Transition(
        Evento.NUOVO_TENTATIVO_DI_GENERAZIONE, frozenset({SISTEMA})
    ),
    (ReportStato.PRONTO, ReportStato.IN_CODA): Transition(
        Evento.RIGENERAZIONE_DEL_REPORT_RICHIESTA, frozenset({STAFF, SISTEMA})
    ),
    (ReportStato.FALLITO, ReportStato.IN_CODA): Transition(
        Evento.RIGENERAZIONE_DEL_REPORT_RICHIESTA, frozenset({STAFF, SISTEMA})
    ),
}

MisurazioneStato = Misurazione.Stato
MISURAZIONE = {
    (MisurazioneStato.DA_VALIDARE, MisurazioneStato.VALIDATA): Transition(
        Evento.MISURAZIONE_VALIDATA, frozenset({STAFF})
    ),
    (MisurazioneStato.DA_VALIDARE, MisurazioneStato.RESPINTA): Transition(
        Evento.MISURAZIONE_RESPINTA, frozenset({STAFF}), note_required=True
    ),
    (MisurazioneStato.VALIDATA, MisurazioneStato.DA_VALIDARE): Transition(
        Evento.VALIDAZIONE_RITIRATA, frozenset({STAFF}), note_required=True
    ),
}

ImportazioneStato = Importazione.Stato
IMPORTAZIONE = {
    (ImportazioneStato.IN_CODA, ImportazioneStato.IN_CORSO): Transition(
        Evento.VERIFICA_DEL_FILE_AVVIATA, frozenset({SISTEMA})
    ),
    (ImportazioneStato.IN_CORSO, ImportazioneStato.IMPORTATA): Transition(Evento.RIGHE_IMPORTATE, frozenset({SISTEMA})),
    (ImportazioneStato.IN_CORSO, ImportazioneStato.RESPINTA): Transition(
        Evento.FILE_RESPINTO_NESSUNA_RIGA_IMPORTATA, frozenset({SISTEMA})
    ),
}

__all__ = ["IMPORTAZIONE", "MISURAZIONE", "OWNER", "REPORT", "SISTEMA", "STAFF"]


def register() -> None:
    """Declare this app's state fields and their tables to the core (from ``apps.py``)."""
    workflows.register(Report, table=REPORT)
    workflows.register(Misurazione, table=MISURAZIONE)
    workflows.register(Importazione, table=IMPORTAZIONE)
