"""Writes of the HUB app, one module per concept: bookings, sportello appointments, connections.

Callers use ``from hubs import services`` and ``services.<function>``; each module lists its functions here.
Views, the admin and the demo call these, nothing else writes.
"""

from hubs.services.appuntamenti import (
    appuntamento_cancel,
    appuntamento_fix,
    appuntamento_ics,
    appuntamento_record_outcome,
    appuntamento_request,
    appuntamento_transition,
)
from hubs.services.connessioni import connessione_record, connessione_update
from hubs.services.prenotazioni import (
    prenotazione_cancel,
    prenotazione_confirm,
    prenotazione_ics,
    prenotazione_refuse,
    prenotazione_request,
    prenotazione_rules_check,
    prenotazione_transition,
)

__all__ = [
    "appuntamento_cancel",
    "appuntamento_fix",
    "appuntamento_ics",
    "appuntamento_record_outcome",
    "appuntamento_request",
    "appuntamento_transition",
    "connessione_record",
    "connessione_update",
    "prenotazione_cancel",
    "prenotazione_confirm",
    "prenotazione_ics",
    "prenotazione_refuse",
    "prenotazione_request",
    "prenotazione_rules_check",
    "prenotazione_transition",
]
