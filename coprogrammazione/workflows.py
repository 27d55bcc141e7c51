"""The procedures of co-programming as data: states, transitions, and who may fire each one.

``REFERENTE`` is a verified referente of the ente concerned (the ente that expressed interest, or the
party of an MOU); ``SISTEMA`` is the daily task that follows an MOU's dates. ``coprogrammazione.services``
is the only code that changes these states, always through ``workflow_transition``.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from coprogrammazione.models import Impegno, ManifestazioneInteresse, Percorso, ProtocolloIntesa
from costellazioni.workflows import STAFF, Transition

REFERENTE = "referente"
SISTEMA = "sistema"

STAFF_ONLY = frozenset({STAFF})

F = Percorso.Fase
PERCORSO = {
    (F.AVVISO, F.MANIFESTAZIONI): Transition(_("Aperte le manifestazioni di interesse"), STAFF_ONLY),
    (F.MANIFESTAZIONI, F.TAVOLI): Transition(_("Avviati i tavoli e gli incontri"), STAFF_ONLY),
    (F.TAVOLI, F.DOCUMENTO): Transition(_("Redazione del documento istruttorio finale"), STAFF_ONLY),
    (F.DOCUMENTO, F.ESITO): Transition(_("Percorso concluso"), STAFF_ONLY),
    (F.DOCUMENTO, F.TAVOLI): Transition(_("Tavoli riaperti"), STAFF_ONLY, note_required=True),
}

M = ManifestazioneInteresse.Stato
MANIFESTAZIONE = {
    (M.PRESENTATA, M.AMMESSA): Transition(_("Ente ammesso al percorso"), STAFF_ONLY),
    (M.PRESENTATA, M.ESCLUSA): Transition(_("Manifestazione di interesse esclusa"), STAFF_ONLY, note_required=True),
    (M.ESCLUSA, M.AMMESSA): Transition(_("Esclusione riesaminata, ente ammesso"), STAFF_ONLY, note_required=True),
}

P = ProtocolloIntesa.Stato
STAFF_OR_SISTEMA = frozenset({STAFF, SISTEMA})
PROTOCOLLO = {
    (P.BOZZA, P.IN_FIRMA): Transition(_("Protocollo inviato in firma"), STAFF_ONLY),
    (P.IN_FIRMA, P.BOZZA): Transition(_("Protocollo riportato in bozza"), STAFF_ONLY, note_required=True),
    # Fired by the service that records the last missing signature, whoever uploads it.
    (P.IN_FIRMA, P.FIRMATO): Transition(_("Protocollo firmato da tutte le parti"), frozenset({STAFF, REFERENTE})),
    (P.FIRMATO, P.ATTIVO): Transition(_("Protocollo attivo"), STAFF_OR_SISTEMA),
    (P.ATTIVO, P.IN_SCADENZA): Transition(_("Protocollo in scadenza"), STAFF_OR_SISTEMA),
    (P.IN_SCADENZA, P.SCADUTO): Transition(_("Protocollo scaduto"), STAFF_OR_SISTEMA),
    (P.ATTIVO, P.SCADUTO): Transition(_("Protocollo scaduto"), STAFF_OR_SISTEMA),
    (P.FIRMATO, P.SCADUTO): Transition(_("Protocollo scaduto"), STAFF_OR_SISTEMA),
    (P.ATTIVO, P.RINNOVATO): Transition(_("Protocollo rinnovato"), STAFF_ONLY),
    (P.IN_SCADENZA, P.RINNOVATO): Transition(_("Protocollo rinnovato"), STAFF_ONLY),
    (P.SCADUTO, P.RINNOVATO): Transition(_("Protocollo rinnovato"), STAFF_ONLY),
    (P.FIRMATO, P.RISOLTO): Transition(_("Protocollo risolto"), STAFF_ONLY, note_required=True),
    (P.ATTIVO, P.RISOLTO): Transition(_("Protocollo risolto"), STAFF_ONLY, note_required=True),
    (P.IN_SCADENZA, P.RISOLTO): Transition(_("Protocollo risolto"), STAFF_ONLY, note_required=True),
}

# States in which the task follows the MOU's dates.
PROTOCOLLO_SEGUITO = (P.FIRMATO, P.ATTIVO, P.IN_SCADENZA)

I = Impegno.Stato  # noqa: E741
STAFF_OR_REFERENTE = frozenset({STAFF, REFERENTE})
IMPEGNO = {
    (I.DA_AVVIARE, I.IN_CORSO): Transition(_("Impegno avviato"), STAFF_OR_REFERENTE),
    (I.IN_CORSO, I.ADEMPIUTO): Transition(_("Impegno adempiuto"), STAFF_ONLY),
    (I.DA_AVVIARE, I.ADEMPIUTO): Transition(_("Impegno adempiuto"), STAFF_ONLY),
    (I.DA_AVVIARE, I.INADEMPIUTO): Transition(_("Impegno inadempiuto"), STAFF_ONLY, note_required=True),
    (I.IN_CORSO, I.INADEMPIUTO): Transition(_("Impegno inadempiuto"), STAFF_ONLY, note_required=True),
    (I.INADEMPIUTO, I.IN_CORSO): Transition(_("Impegno ripreso"), STAFF_ONLY, note_required=True),
}

# Events recorded through the core audit that are not state changes. The core stores free text, so these are
# stable Italian constants, never translated at write time: the rows read the same whatever the language of the
# person acting, and can be filtered and counted by their text. ``gettext_noop`` keeps them in the catalogue
# for a display that translates them.
EVENTO_FIRMA = gettext_noop("Firma registrata")
EVENTO_RINNOVO = gettext_noop("Rinnovo creato")
