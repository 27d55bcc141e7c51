"""The procedures of the governance app as data: states, transitions, and who may fire each one.

Roles are computed by ``governance.permissions`` (``actor_roles`` and friends); ``governance.services`` is the
only code that moves a meeting, a minute, an action item or a contractor report between states.
"""

from costellazioni import workflows
from costellazioni.workflows import STAFF, Transition
from governance.events import Evento
from governance.models import (
    Azione,
    Partenariato,
    RapportoAppaltatore,
    RisultatoAtteso,
    Riunione,
    SeguitoSopralluogo,
    Verbale,
)

PRESIDENZA = "presidenza"  # the chair or the secretary of the meeting's body
RESPONSABILE_CONTESTO = "responsabile_contesto"  # granted by the app that owns the meeting (co-programming)
RESPONSABILE = "responsabile"  # the person in charge of an action item
APPALTATORE = "appaltatore"  # a verified representative of the contractor

CONDUZIONE = frozenset({PRESIDENZA, RESPONSABILE_CONTESTO, STAFF})
RIUNIONE = {
    (Riunione.Stato.CONVOCATA, Riunione.Stato.SVOLTA): Transition(Evento.RIUNIONE_SVOLTA, CONDUZIONE),
    (Riunione.Stato.SVOLTA, Riunione.Stato.VERBALE_APPROVATO): Transition(Evento.VERBALE_APPROVATO, CONDUZIONE),
    (Riunione.Stato.CONVOCATA, Riunione.Stato.ANNULLATA): Transition(
        Evento.RIUNIONE_ANNULLATA, CONDUZIONE, note_required=True
    ),
}

VERBALE = {
    (Verbale.Stato.BOZZA, Verbale.Stato.APPROVATO): Transition(Evento.VERBALE_APPROVATO_CON_VOTAZIONE, CONDUZIONE),
    (Verbale.Stato.APPROVATO, Verbale.Stato.SOSTITUITO): Transition(
        Evento.VERBALE_SOSTITUITO_DA_UNA_CORREZIONE, CONDUZIONE, note_required=True
    ),
}

SEGUITO = frozenset({RESPONSABILE, PRESIDENZA, STAFF})
AZIONE = {
    (Azione.Stato.APERTA, Azione.Stato.IN_CORSO): Transition(Evento.AZIONE_AVVIATA, SEGUITO),
    (Azione.Stato.APERTA, Azione.Stato.COMPLETATA): Transition(Evento.AZIONE_COMPLETATA, SEGUITO),
    (Azione.Stato.IN_CORSO, Azione.Stato.COMPLETATA): Transition(Evento.AZIONE_COMPLETATA, SEGUITO),
    (Azione.Stato.APERTA, Azione.Stato.ANNULLATA): Transition(
        Evento.AZIONE_ANNULLATA, frozenset({PRESIDENZA, STAFF}), note_required=True
    ),
    (Azione.Stato.IN_CORSO, Azione.Stato.ANNULLATA): Transition(
        Evento.AZIONE_ANNULLATA, frozenset({PRESIDENZA, STAFF}), note_required=True
    ),
}

RAPPORTO = {
    (RapportoAppaltatore.Stato.BOZZA, RapportoAppaltatore.Stato.INVIATO): Transition(
        Evento.RELAZIONE_INVIATA, frozenset({APPALTATORE})
    ),
    (RapportoAppaltatore.Stato.MODIFICHE_RICHIESTE, RapportoAppaltatore.Stato.INVIATO): Transition(
        Evento.RELAZIONE_INVIATA_DI_NUOVO, frozenset({APPALTATORE})
    ),
    (RapportoAppaltatore.Stato.INVIATO, RapportoAppaltatore.Stato.ACCETTATO): Transition(
        Evento.RELAZIONE_ACCETTATA, frozenset({STAFF})
    ),
    (RapportoAppaltatore.Stato.INVIATO, RapportoAppaltatore.Stato.MODIFICHE_RICHIESTE): Transition(
        Evento.MODIFICHE_RICHIESTE, frozenset({STAFF}), note_required=True
    ),
}

# Expected results and partnerships move freely between their states: the table still names who may move them.
RISULTATO = {
    (da, a): Transition(Evento.STATO_DEL_RISULTATO_ATTESO_AGGIORNATO, frozenset({PRESIDENZA, STAFF}))
    for da in RisultatoAtteso.Stato.values
    for a in RisultatoAtteso.Stato.values
    if da != a
}

PARTENARIATO = {
    (da, a): Transition(Evento.STATO_DEL_PARTENARIATO_AGGIORNATO, frozenset({STAFF}))
    for da in Partenariato.Stato.values
    for a in Partenariato.Stato.values
    if da != a
}

# The follow-ups of a site visit: their owner moves them on; the project staff may also cancel them.
_S = SeguitoSopralluogo.Stato
SEGUITO_SOPRALLUOGO = {
    (_S.APERTO, _S.IN_CORSO): Transition(Evento.AZIONE_AVVIATA, SEGUITO),
    (_S.APERTO, _S.COMPLETATO): Transition(Evento.AZIONE_COMPLETATA, SEGUITO),
    (_S.IN_CORSO, _S.COMPLETATO): Transition(Evento.AZIONE_COMPLETATA, SEGUITO),
    (_S.APERTO, _S.ANNULLATO): Transition(Evento.AZIONE_ANNULLATA, frozenset({STAFF}), note_required=True),
    (_S.IN_CORSO, _S.ANNULLATO): Transition(Evento.AZIONE_ANNULLATA, frozenset({STAFF}), note_required=True),
}


def register() -> None:
    """Declare this app's state fields and their tables to the core (from ``apps.py``)."""
    workflows.register(Riunione, table=RIUNIONE)
    workflows.register(Verbale, table=VERBALE)
    workflows.register(Azione, table=AZIONE)
    workflows.register(RapportoAppaltatore, table=RAPPORTO)
    workflows.register(RisultatoAtteso, table=RISULTATO)
    workflows.register(Partenariato, table=PARTENARIATO)
    workflows.register(SeguitoSopralluogo, table=SEGUITO_SOPRALLUOGO)
