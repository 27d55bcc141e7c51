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

FIELD = frozenset({OPERATORE, COORDINATORE, STAFF})
ANTENNA = {
    (Antenna.Stato.INDIVIDUATA, Antenna.Stato.CONTATTATA): Transition(Evento.ANTENNA_CONTATTATA, FIELD),
    (Antenna.Stato.CONTATTATA, Antenna.Stato.SUPPORTATA): Transition(Evento.ANTENNA_SUPPORTATA, FIELD),
    (Antenna.Stato.SUPPORTATA, Antenna.Stato.ATTIVA): Transition(Evento.ANTENNA_ATTIVA, FIELD),
    (Antenna.Stato.ATTIVA, Antenna.Stato.IN_RETE): Transition(Evento.ANTENNA_IN_RETE, FIELD),
    (Antenna.Stato.IN_RETE, Antenna.Stato.ATTIVA): Transition(
        Evento.ANTENNA_USCITA_DALLA_RETE, FIELD, note_required=True
    ),
    **{
        (stato, Antenna.Stato.SOSPESA): Transition(Evento.ANTENNA_SOSPESA, FIELD, note_required=True)
        for stato in [
            Antenna.Stato.INDIVIDUATA,
            Antenna.Stato.CONTATTATA,
            Antenna.Stato.SUPPORTATA,
            Antenna.Stato.ATTIVA,
            Antenna.Stato.IN_RETE,
        ]
    },
    (Antenna.Stato.SOSPESA, Antenna.Stato.CONTATTATA): Transition(Evento.ANTENNA_RIPRESA_IN_CONTATTO, FIELD),
    (Antenna.Stato.SOSPESA, Antenna.Stato.ATTIVA): Transition(
        Evento.ANTENNA_RIATTIVATA, frozenset({COORDINATORE, STAFF})
    ),
}

PORTIERATO = {
    (RichiestaPortierato.Stato.RICHIESTA, RichiestaPortierato.Stato.ACCETTATA): Transition(
        Evento.RICHIESTA_ACCETTATA, frozenset({GESTORE, STAFF})
    ),
    (RichiestaPortierato.Stato.RICHIESTA, RichiestaPortierato.Stato.RIFIUTATA): Transition(
        Evento.RICHIESTA_RIFIUTATA, frozenset({GESTORE, STAFF}), note_required=True
    ),
    (RichiestaPortierato.Stato.ACCETTATA, RichiestaPortierato.Stato.SVOLTA): Transition(
        Evento.SERVIZIO_SVOLTO, frozenset({GESTORE, RICHIEDENTE, STAFF})
    ),
    (RichiestaPortierato.Stato.ACCETTATA, RichiestaPortierato.Stato.RIFIUTATA): Transition(
        Evento.RICHIESTA_RIFIUTATA, frozenset({GESTORE, STAFF}), note_required=True
    ),
    (RichiestaPortierato.Stato.RICHIESTA, RichiestaPortierato.Stato.ANNULLATA): Transition(
        Evento.RICHIESTA_ANNULLATA, frozenset({RICHIEDENTE, STAFF})
    ),
    (RichiestaPortierato.Stato.ACCETTATA, RichiestaPortierato.Stato.ANNULLATA): Transition(
        Evento.RICHIESTA_ANNULLATA, frozenset({RICHIEDENTE, STAFF})
    ),
}

BANCA = frozenset({COORDINATORE, STAFF})
SOCIO = {
    (SocioBancaDelTempo.Stato.IN_ATTESA, SocioBancaDelTempo.Stato.VERIFICATO): Transition(
        Evento.SOCIO_VERIFICATO, BANCA
    ),
    (SocioBancaDelTempo.Stato.IN_ATTESA, SocioBancaDelTempo.Stato.RESPINTO): Transition(
        Evento.ISCRIZIONE_NON_ACCOLTA, BANCA, note_required=True
    ),
    (SocioBancaDelTempo.Stato.VERIFICATO, SocioBancaDelTempo.Stato.SOSPESO): Transition(
        Evento.SOCIO_SOSPESO, BANCA, note_required=True
    ),
    (SocioBancaDelTempo.Stato.SOSPESO, SocioBancaDelTempo.Stato.VERIFICATO): Transition(Evento.SOCIO_RIAMMESSO, BANCA),
}

# A time-bank exchange: proposed before it happens and agreed by the other member, then confirmed by both once it
# has happened (the hours move then); or recorded after it happened and confirmed by the other. Until confirmed,
# either member (or the coordination) may cancel it.
SCAMBIO_PARTI = frozenset({PARTE, COORDINATORE, STAFF})
SCAMBIO = {
    (Scambio.Stato.PROPOSTO, Scambio.Stato.CONCORDATO): Transition(Evento.SCAMBIO_CONCORDATO, frozenset({CONTROPARTE})),
    (Scambio.Stato.PROPOSTO, Scambio.Stato.CONFERMATO): Transition(Evento.SCAMBIO_CONFERMATO, frozenset({PARTE})),
    (Scambio.Stato.CONCORDATO, Scambio.Stato.CONFERMATO): Transition(Evento.SCAMBIO_CONFERMATO, frozenset({PARTE})),
    (Scambio.Stato.PROPOSTO, Scambio.Stato.ANNULLATO): Transition(Evento.SCAMBIO_ANNULLATO, SCAMBIO_PARTI),
    (Scambio.Stato.CONCORDATO, Scambio.Stato.ANNULLATO): Transition(Evento.SCAMBIO_ANNULLATO, SCAMBIO_PARTI),
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
