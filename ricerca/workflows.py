"""The procedures of the ricerca app as data: states, transitions, and who may fire each one.

Roles are computed by ``ricerca.permissions``; ``ricerca.services`` is the only code that moves a need or a
version of the theory of change between states, through ``costellazioni.services.workflow.workflow_transition``.
"""

from costellazioni import workflows
from costellazioni.workflows import STAFF, Transition
from ricerca.events import Evento
from ricerca.models import Bisogno, TeoriaCambiamento

OPERATORE = "operatore"  # a community operator (the core role group: ricerca does not import antenne)
COMITATO = "comitato"  # a member of the management committee, with the approve permission

B = Bisogno.Stato
CAMPO = frozenset({OPERATORE, STAFF})
BISOGNO = {
    (B.SEGNALATO, B.PRESO_IN_CARICO): Transition(Evento.BISOGNO_PRESO_IN_CARICO, CAMPO),
    (B.SEGNALATO, B.NON_RISOLVIBILE): Transition(Evento.BISOGNO_NON_RISOLVIBILE, CAMPO, note_required=True),
    (B.PRESO_IN_CARICO, B.INDIRIZZATO): Transition(Evento.BISOGNO_INDIRIZZATO_A_UN_SERVIZIO, CAMPO, note_required=True),
    (B.PRESO_IN_CARICO, B.RISOLTO): Transition(Evento.BISOGNO_RISOLTO, CAMPO),
    (B.PRESO_IN_CARICO, B.NON_RISOLVIBILE): Transition(Evento.BISOGNO_NON_RISOLVIBILE, CAMPO, note_required=True),
    (B.INDIRIZZATO, B.RISOLTO): Transition(Evento.BISOGNO_RISOLTO, CAMPO),
    (B.INDIRIZZATO, B.NON_RISOLVIBILE): Transition(Evento.BISOGNO_NON_RISOLVIBILE, CAMPO, note_required=True),
    (B.INDIRIZZATO, B.PRESO_IN_CARICO): Transition(Evento.BISOGNO_RIPRESO_IN_CARICO, CAMPO, note_required=True),
    (B.RISOLTO, B.PRESO_IN_CARICO): Transition(Evento.BISOGNO_RIAPERTO, frozenset({STAFF}), note_required=True),
    (B.NON_RISOLVIBILE, B.PRESO_IN_CARICO): Transition(Evento.BISOGNO_RIAPERTO, frozenset({STAFF}), note_required=True),
}

T = TeoriaCambiamento.Stato
TEORIA = {
    (T.BOZZA, T.IN_CONSULTAZIONE): Transition(Evento.VERSIONE_APERTA_AI_COMMENTI, frozenset({STAFF})),
    (T.IN_CONSULTAZIONE, T.BOZZA): Transition(
        Evento.VERSIONE_RIPORTATA_IN_BOZZA, frozenset({STAFF}), note_required=True
    ),
    (T.IN_CONSULTAZIONE, T.APPROVATA): Transition(
        Evento.VERSIONE_APPROVATA_DAL_COMITATO_DI_GESTIONE, frozenset({COMITATO})
    ),
    (T.APPROVATA, T.SUPERATA): Transition(Evento.VERSIONE_SUPERATA, frozenset({STAFF, COMITATO})),
}


def bisogno_roles(bisogno, user) -> set:
    from ricerca.permissions import bisogno_roles as roles

    return roles(user)


def register() -> None:
    """Declare this app's state fields and their tables to the core (from ``apps.py``)."""
    workflows.register(Bisogno, table=BISOGNO, roles=bisogno_roles)
    workflows.register(TeoriaCambiamento, table=TEORIA)
