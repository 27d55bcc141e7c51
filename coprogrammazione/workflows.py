"""The procedures of co-programming as data: states, transitions, and who may fire each one.

``REFERENTE`` is a verified referente of the ente concerned (the ente that expressed interest, or the
party of an MOU); ``SISTEMA`` is the daily task that follows an MOU's dates. ``coprogrammazione.services``
is the only code that changes these states, always through ``workflow_transition``.
"""

from coprogrammazione.events import Evento
from coprogrammazione.models import Impegno, ManifestazioneInteresse, Percorso, ProtocolloIntesa
from costellazioni import workflows
from costellazioni.workflows import STAFF, Transition

REFERENTE = "referente"
SISTEMA = "sistema"

STAFF_ONLY = frozenset({STAFF})

F = Percorso.Fase
PERCORSO = {
    (F.AVVISO, F.MANIFESTAZIONI): Transition(Evento.APERTE_LE_MANIFESTAZIONI_DI_INTERESSE, STAFF_ONLY),
    (F.MANIFESTAZIONI, F.TAVOLI): Transition(Evento.AVVIATI_I_TAVOLI_E_GLI_INCONTRI, STAFF_ONLY),
    (F.TAVOLI, F.DOCUMENTO): Transition(Evento.REDAZIONE_DEL_DOCUMENTO_ISTRUTTORIO_FINALE, STAFF_ONLY),
    (F.DOCUMENTO, F.ESITO): Transition(Evento.PERCORSO_CONCLUSO, STAFF_ONLY),
    (F.DOCUMENTO, F.TAVOLI): Transition(Evento.TAVOLI_RIAPERTI, STAFF_ONLY, note_required=True),
}

M = ManifestazioneInteresse.Stato
MANIFESTAZIONE = {
    (M.PRESENTATA, M.AMMESSA): Transition(Evento.ENTE_AMMESSO_AL_PERCORSO, STAFF_ONLY),
    (M.PRESENTATA, M.ESCLUSA): Transition(Evento.MANIFESTAZIONE_DI_INTERESSE_ESCLUSA, STAFF_ONLY, note_required=True),
    (M.ESCLUSA, M.AMMESSA): Transition(Evento.ESCLUSIONE_RIESAMINATA_ENTE_AMMESSO, STAFF_ONLY, note_required=True),
}

P = ProtocolloIntesa.Stato
STAFF_OR_SISTEMA = frozenset({STAFF, SISTEMA})
PROTOCOLLO = {
    (P.BOZZA, P.IN_FIRMA): Transition(Evento.PROTOCOLLO_INVIATO_IN_FIRMA, STAFF_ONLY),
    (P.IN_FIRMA, P.BOZZA): Transition(Evento.PROTOCOLLO_RIPORTATO_IN_BOZZA, STAFF_ONLY, note_required=True),
    # Fired by the service that records the last missing signature, whoever uploads it.
    (P.IN_FIRMA, P.FIRMATO): Transition(Evento.PROTOCOLLO_FIRMATO_DA_TUTTE_LE_PARTI, frozenset({STAFF, REFERENTE})),
    (P.FIRMATO, P.ATTIVO): Transition(Evento.PROTOCOLLO_ATTIVO, STAFF_OR_SISTEMA),
    (P.ATTIVO, P.IN_SCADENZA): Transition(Evento.PROTOCOLLO_IN_SCADENZA, STAFF_OR_SISTEMA),
    (P.IN_SCADENZA, P.SCADUTO): Transition(Evento.PROTOCOLLO_SCADUTO, STAFF_OR_SISTEMA),
    (P.ATTIVO, P.SCADUTO): Transition(Evento.PROTOCOLLO_SCADUTO, STAFF_OR_SISTEMA),
    (P.FIRMATO, P.SCADUTO): Transition(Evento.PROTOCOLLO_SCADUTO, STAFF_OR_SISTEMA),
    (P.ATTIVO, P.RINNOVATO): Transition(Evento.PROTOCOLLO_RINNOVATO, STAFF_ONLY),
    (P.IN_SCADENZA, P.RINNOVATO): Transition(Evento.PROTOCOLLO_RINNOVATO, STAFF_ONLY),
    (P.SCADUTO, P.RINNOVATO): Transition(Evento.PROTOCOLLO_RINNOVATO, STAFF_ONLY),
    (P.FIRMATO, P.RISOLTO): Transition(Evento.PROTOCOLLO_RISOLTO, STAFF_ONLY, note_required=True),
    (P.ATTIVO, P.RISOLTO): Transition(Evento.PROTOCOLLO_RISOLTO, STAFF_ONLY, note_required=True),
    (P.IN_SCADENZA, P.RISOLTO): Transition(Evento.PROTOCOLLO_RISOLTO, STAFF_ONLY, note_required=True),
}

# States in which the task follows the MOU's dates.
PROTOCOLLO_SEGUITO = (P.FIRMATO, P.ATTIVO, P.IN_SCADENZA)

I = Impegno.Stato  # noqa: E741
STAFF_OR_REFERENTE = frozenset({STAFF, REFERENTE})
IMPEGNO = {
    (I.DA_AVVIARE, I.IN_CORSO): Transition(Evento.IMPEGNO_AVVIATO, STAFF_OR_REFERENTE),
    (I.IN_CORSO, I.ADEMPIUTO): Transition(Evento.IMPEGNO_ADEMPIUTO, STAFF_ONLY),
    (I.DA_AVVIARE, I.ADEMPIUTO): Transition(Evento.IMPEGNO_ADEMPIUTO, STAFF_ONLY),
    (I.DA_AVVIARE, I.INADEMPIUTO): Transition(Evento.IMPEGNO_INADEMPIUTO, STAFF_ONLY, note_required=True),
    (I.IN_CORSO, I.INADEMPIUTO): Transition(Evento.IMPEGNO_INADEMPIUTO, STAFF_ONLY, note_required=True),
    (I.INADEMPIUTO, I.IN_CORSO): Transition(Evento.IMPEGNO_RIPRESO, STAFF_ONLY, note_required=True),
}

# Events recorded through the core audit that are not state changes (coded like every event: the label is shown
# in the reader's language).
EVENTO_FIRMA = Evento.FIRMA_REGISTRATA
EVENTO_RINNOVO = Evento.RINNOVO_CREATO


def register() -> None:
    """Declare this app's state fields and their tables to the core (from ``apps.py``)."""
    workflows.register(Percorso, table=PERCORSO, field="fase")
    workflows.register(ManifestazioneInteresse, table=MANIFESTAZIONE)
    workflows.register(ProtocolloIntesa, table=PROTOCOLLO)
    workflows.register(Impegno, table=IMPEGNO)
