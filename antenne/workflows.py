"""The procedures of the antenne app as data: states, transitions, and who may fire each one.

Roles are computed by ``antenne.permissions.actor_roles``; ``antenne.services`` is the only code that
moves an antenna or a portierato request between states, and it checks these tables.
"""

from antenne.events import Evento
from antenne.models import Antenna, RichiestaPortierato, Scambio, SocioBancaDelTempo
from costellazioni import workflows
from costellazioni.workflows import STAFF, Transition

OPERATORE = "operatore"  # the operator assigned to the antenna, or any operator while none is
COORDINATORE = "coordinatore"  # an operator with the coordinator flag
GESTORE = "gestore"  # who manages the antenna's portierato: its account or its operator
RICHIEDENTE = "richiedente"  # the citizen who asked
PARTE = "parte"  # either member of a time-bank exchange
CONTROPARTE = "controparte"  # the member of an exchange who did not propose it

A = Antenna.Stato
FIELD = frozenset({OPERATORE, COORDINATORE, STAFF})
ANTENNA = {
    (A.INDIVIDUATA, A.CONTATTATA): Transition(Evento.ANTENNA_CONTATTATA, FIELD),
    (A.CONTATTATA, A.SUPPORTATA): Transition(Evento.ANTENNA_SUPPORTATA, FIELD),
    (A.SUPPORTATA, A.ATTIVA): Transition(Evento.ANTENNA_ATTIVA, FIELD),
    (A.ATTIVA, A.IN_RETE): Transition(Evento.ANTENNA_IN_RETE, FIELD),
    (A.IN_RETE, A.ATTIVA): Transition(Evento.ANTENNA_USCITA_DALLA_RETE, FIELD, note_required=True),
    **{
        (stato, A.SOSPESA): Transition(Evento.ANTENNA_SOSPESA, FIELD, note_required=True)
        for stato in [A.INDIVIDUATA, A.CONTATTATA, A.SUPPORTATA, A.ATTIVA, A.IN_RETE]
    },
    (A.SOSPESA, A.CONTATTATA): Transition(Evento.ANTENNA_RIPRESA_IN_CONTATTO, FIELD),
    (A.SOSPESA, A.ATTIVA): Transition(Evento.ANTENNA_RIATTIVATA, frozenset({COORDINATORE, STAFF})),
}

P = RichiestaPortierato.Stato
PORTIERATO = {
    (P.RICHIESTA, P.ACCETTATA): Transition(Evento.RICHIESTA_ACCETTATA, frozenset({GESTORE, STAFF})),
    (P.RICHIESTA, P.RIFIUTATA): Transition(Evento.RICHIESTA_RIFIUTATA, frozenset({GESTORE, STAFF}), note_required=True),
    (P.ACCETTATA, P.SVOLTA): Transition(Evento.SERVIZIO_SVOLTO, frozenset({GESTORE, RICHIEDENTE, STAFF})),
    (P.ACCETTATA, P.RIFIUTATA): Transition(Evento.RICHIESTA_RIFIUTATA, frozenset({GESTORE, STAFF}), note_required=True),
    (P.RICHIESTA, P.ANNULLATA): Transition(Evento.RICHIESTA_ANNULLATA, frozenset({RICHIEDENTE, STAFF})),
    (P.ACCETTATA, P.ANNULLATA): Transition(Evento.RICHIESTA_ANNULLATA, frozenset({RICHIEDENTE, STAFF})),
}

S = SocioBancaDelTempo.Stato
BANCA = frozenset({COORDINATORE, STAFF})
SOCIO = {
    (S.IN_ATTESA, S.VERIFICATO): Transition(Evento.SOCIO_VERIFICATO, BANCA),
    (S.IN_ATTESA, S.RESPINTO): Transition(Evento.ISCRIZIONE_NON_ACCOLTA, BANCA, note_required=True),
    (S.VERIFICATO, S.SOSPESO): Transition(Evento.SOCIO_SOSPESO, BANCA, note_required=True),
    (S.SOSPESO, S.VERIFICATO): Transition(Evento.SOCIO_RIAMMESSO, BANCA),
}

# A time-bank exchange: proposed before it happens and agreed by the other member, then confirmed by both once it
# has happened (the hours move then); or recorded after it happened and confirmed by the other. Until confirmed,
# either member (or the coordination) may cancel it.
SC = Scambio.Stato
SCAMBIO_PARTI = frozenset({PARTE, COORDINATORE, STAFF})
SCAMBIO = {
    (SC.PROPOSTO, SC.CONCORDATO): Transition(Evento.SCAMBIO_CONCORDATO, frozenset({CONTROPARTE})),
    (SC.PROPOSTO, SC.CONFERMATO): Transition(Evento.SCAMBIO_CONFERMATO, frozenset({PARTE})),
    (SC.CONCORDATO, SC.CONFERMATO): Transition(Evento.SCAMBIO_CONFERMATO, frozenset({PARTE})),
    (SC.PROPOSTO, SC.ANNULLATO): Transition(Evento.SCAMBIO_ANNULLATO, SCAMBIO_PARTI),
    (SC.CONCORDATO, SC.ANNULLATO): Transition(Evento.SCAMBIO_ANNULLATO, SCAMBIO_PARTI),
}


def scambio_roles(scambio, user) -> set:
    from antenne.permissions import scambio_roles

    return scambio_roles(user, scambio)


def register() -> None:
    """Declare this app's state fields and their tables to the core (from ``apps.py``)."""
    workflows.register(Antenna, table=ANTENNA)
    workflows.register(RichiestaPortierato, table=PORTIERATO)
    workflows.register(SocioBancaDelTempo, table=SOCIO)
    workflows.register(Scambio, table=SCAMBIO, roles=scambio_roles)
