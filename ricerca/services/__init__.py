"""Writes of the research-action; every function is ``<entity>_<verb>`` with keyword-only arguments."""

from ricerca.services.bisogni import (
    BISOGNO_CAMPI,
    bisogno_link_risposta,
    bisogno_report,
    bisogno_transition,
    bisogno_update,
)
from ricerca.services.maturita import maturita_valuta
from ricerca.services.questionari import (
    questionario_invito_create,
    questionario_save,
    questionario_start,
)
from ricerca.services.stakeholder import stakeholder_livello_set
from ricerca.services.teoria import (
    teoria_collegamento_add,
    teoria_collegamento_delete,
    teoria_commento_add,
    teoria_elemento_delete,
    teoria_elemento_save,
    teoria_nuova_versione,
    teoria_save,
    teoria_transition,
)

__all__ = [
    "BISOGNO_CAMPI",
    "bisogno_link_risposta",
    "bisogno_report",
    "bisogno_transition",
    "bisogno_update",
    "questionario_start",
    "maturita_valuta",
    "questionario_invito_create",
    "questionario_save",
    "stakeholder_livello_set",
    "teoria_collegamento_add",
    "teoria_collegamento_delete",
    "teoria_commento_add",
    "teoria_elemento_delete",
    "teoria_elemento_save",
    "teoria_nuova_versione",
    "teoria_save",
    "teoria_transition",
]
