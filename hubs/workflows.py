"""The procedures of the HUB app as data: states, transitions, and who may fire each one.

``services.prenotazione_transition``, ``services.appuntamento_transition`` and ``services.connessione_update``
are the only code that moves a booking, an appointment or a connection's outcome; they check these tables
through ``costellazioni.services.workflow.workflow_transition``.
"""

from costellazioni import workflows
from costellazioni.workflows import OWNER, STAFF, Transition
from hubs.events import Evento
from hubs.models import Appuntamento, Connessione, Prenotazione

P = Prenotazione.Stato
PRENOTAZIONE = {
    (P.RICHIESTA, P.CONFERMATA): Transition(Evento.CONFERMA_LA_PRENOTAZIONE, frozenset({STAFF})),
    (P.RICHIESTA, P.RIFIUTATA): Transition(Evento.RIFIUTA_LA_PRENOTAZIONE, frozenset({STAFF}), note_required=True),
    (P.RICHIESTA, P.ANNULLATA): Transition(Evento.ANNULLA_LA_RICHIESTA, frozenset({OWNER, STAFF})),
    (P.CONFERMATA, P.ANNULLATA): Transition(Evento.ANNULLA_LA_PRENOTAZIONE, frozenset({OWNER, STAFF})),
}

A = Appuntamento.Stato
APPUNTAMENTO = {
    (A.RICHIESTO, A.FISSATO): Transition(Evento.FISSA_L_APPUNTAMENTO, frozenset({STAFF})),
    (A.FISSATO, A.FISSATO): Transition(Evento.SPOSTA_L_APPUNTAMENTO, frozenset({STAFF})),
    (A.FISSATO, A.SVOLTO): Transition(Evento.REGISTRA_L_ESITO, frozenset({STAFF})),
    (A.RICHIESTO, A.ANNULLATO): Transition(Evento.ANNULLA_L_APPUNTAMENTO, frozenset({OWNER, STAFF})),
    (A.FISSATO, A.ANNULLATO): Transition(Evento.ANNULLA_L_APPUNTAMENTO, frozenset({OWNER, STAFF})),
}

C = Connessione.Esito
# How a brokered relationship went: a joint project is where it ends; one that stopped may start again.
CONNESSIONE = {
    (C.IN_CORSO, C.COLLABORAZIONE_AVVIATA): Transition(Evento.AVVIA_LA_COLLABORAZIONE, frozenset({STAFF})),
    (C.IN_CORSO, C.PROGETTO_COMUNE): Transition(Evento.REGISTRA_IL_PROGETTO_COMUNE, frozenset({STAFF})),
    (C.COLLABORAZIONE_AVVIATA, C.PROGETTO_COMUNE): Transition(Evento.REGISTRA_IL_PROGETTO_COMUNE, frozenset({STAFF})),
    (C.IN_CORSO, C.NON_PROSEGUITA): Transition(Evento.REGISTRA_CHE_NON_E_PROSEGUITA, frozenset({STAFF})),
    (C.COLLABORAZIONE_AVVIATA, C.NON_PROSEGUITA): Transition(Evento.REGISTRA_CHE_NON_E_PROSEGUITA, frozenset({STAFF})),
    (C.NON_PROSEGUITA, C.IN_CORSO): Transition(Evento.RIAPRI_LA_CONNESSIONE, frozenset({STAFF})),
}


def table_for(obj) -> dict:
    return PRENOTAZIONE if isinstance(obj, Prenotazione) else APPUNTAMENTO


def cancelled_state(obj) -> str:
    return P.ANNULLATA if isinstance(obj, Prenotazione) else A.ANNULLATO


def register() -> None:
    """Declare this app's state fields and their tables to the core (from ``apps.py``)."""
    workflows.register(Prenotazione, table=PRENOTAZIONE)
    workflows.register(Appuntamento, table=APPUNTAMENTO)
    workflows.register(Connessione, table=CONNESSIONE, field="esito")
