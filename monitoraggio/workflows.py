"""The procedures of monitoring as data: a report's generation and a manual measurement's validation.

``SISTEMA`` is the scheduler or the worker acting on its own; ``monitoraggio.services`` is the only code
that moves these objects between states, through the core door ``workflow_transition``.
"""

from django.utils.translation import gettext_lazy as _

from costellazioni.workflows import OWNER, STAFF, Transition
from monitoraggio.models import Misurazione, Report

SISTEMA = "sistema"  # the beat schedule or the Celery worker

R = Report.Stato
REPORT = {
    (R.IN_CODA, R.IN_CORSO): Transition(_("Generazione del report avviata"), frozenset({SISTEMA})),
    (R.IN_CORSO, R.PRONTO): Transition(_("Report pronto"), frozenset({SISTEMA})),
    (R.IN_CORSO, R.FALLITO): Transition(_("Generazione del report non riuscita"), frozenset({SISTEMA})),
    (R.IN_CORSO, R.IN_CORSO): Transition(_("Generazione del report ripresa"), frozenset({SISTEMA})),
    (R.FALLITO, R.IN_CORSO): Transition(_("Nuovo tentativo di generazione"), frozenset({SISTEMA})),
    (R.PRONTO, R.IN_CODA): Transition(_("Rigenerazione del report richiesta"), frozenset({STAFF, SISTEMA})),
    (R.FALLITO, R.IN_CODA): Transition(_("Rigenerazione del report richiesta"), frozenset({STAFF, SISTEMA})),
}

V = Misurazione.Stato
MISURAZIONE = {
    (V.DA_VALIDARE, V.VALIDATA): Transition(_("Misurazione validata"), frozenset({STAFF})),
    (V.DA_VALIDARE, V.RESPINTA): Transition(_("Misurazione respinta"), frozenset({STAFF}), note_required=True),
    (V.VALIDATA, V.DA_VALIDARE): Transition(_("Validazione ritirata"), frozenset({STAFF}), note_required=True),
}

__all__ = ["MISURAZIONE", "OWNER", "REPORT", "SISTEMA", "STAFF"]
