"""The procedures of the HUB app as data: states, transitions, and who may fire each one.

``services.prenotazione_transition`` and ``services.appuntamento_transition`` are the only code that
moves a booking or an appointment between states; they check these tables through
``costellazioni.services.workflow.workflow_transition``.
"""

from django.utils.translation import gettext_lazy as _

from costellazioni.workflows import OWNER, STAFF, Transition
from hubs.models import Appuntamento, Prenotazione

P = Prenotazione.Stato
PRENOTAZIONE = {
    (P.RICHIESTA, P.CONFERMATA): Transition(_("Conferma la prenotazione"), frozenset({STAFF})),
    (P.RICHIESTA, P.RIFIUTATA): Transition(_("Rifiuta la prenotazione"), frozenset({STAFF}), note_required=True),
    (P.RICHIESTA, P.ANNULLATA): Transition(_("Annulla la richiesta"), frozenset({OWNER, STAFF})),
    (P.CONFERMATA, P.ANNULLATA): Transition(_("Annulla la prenotazione"), frozenset({OWNER, STAFF})),
}

A = Appuntamento.Stato
APPUNTAMENTO = {
    (A.RICHIESTO, A.FISSATO): Transition(_("Fissa l'appuntamento"), frozenset({STAFF})),
    (A.FISSATO, A.FISSATO): Transition(_("Sposta l'appuntamento"), frozenset({STAFF})),
    (A.FISSATO, A.SVOLTO): Transition(_("Registra l'esito"), frozenset({STAFF})),
    (A.RICHIESTO, A.ANNULLATO): Transition(_("Annulla l'appuntamento"), frozenset({OWNER, STAFF})),
    (A.FISSATO, A.ANNULLATO): Transition(_("Annulla l'appuntamento"), frozenset({OWNER, STAFF})),
}


def table_for(obj) -> dict:
    return PRENOTAZIONE if isinstance(obj, Prenotazione) else APPUNTAMENTO


def cancelled_state(obj) -> str:
    return P.ANNULLATA if isinstance(obj, Prenotazione) else A.ANNULLATO
