"""The procedures of the antenne app as data: states, transitions, and who may fire each one.

Roles are computed by ``antenne.permissions.actor_roles``; ``antenne.services`` is the only code that
moves an antenna or a portierato request between states, and it checks these tables.
"""

from django.utils.translation import gettext_lazy as _

from antenne.models import Antenna, RichiestaPortierato, Scambio, SocioBancaDelTempo
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
    (A.INDIVIDUATA, A.CONTATTATA): Transition(_("Antenna contattata"), FIELD),
    (A.CONTATTATA, A.SUPPORTATA): Transition(_("Antenna supportata"), FIELD),
    (A.SUPPORTATA, A.ATTIVA): Transition(_("Antenna attiva"), FIELD),
    (A.ATTIVA, A.IN_RETE): Transition(_("Antenna in rete"), FIELD),
    (A.IN_RETE, A.ATTIVA): Transition(_("Antenna uscita dalla rete"), FIELD, note_required=True),
    **{
        (stato, A.SOSPESA): Transition(_("Antenna sospesa"), FIELD, note_required=True)
        for stato in [A.INDIVIDUATA, A.CONTATTATA, A.SUPPORTATA, A.ATTIVA, A.IN_RETE]
    },
    (A.SOSPESA, A.CONTATTATA): Transition(_("Antenna ripresa in contatto"), FIELD),
    (A.SOSPESA, A.ATTIVA): Transition(_("Antenna riattivata"), frozenset({COORDINATORE, STAFF})),
}

P = RichiestaPortierato.Stato
PORTIERATO = {
    (P.RICHIESTA, P.ACCETTATA): Transition(_("Richiesta accettata"), frozenset({GESTORE, STAFF})),
    (P.RICHIESTA, P.RIFIUTATA): Transition(_("Richiesta rifiutata"), frozenset({GESTORE, STAFF}), note_required=True),
    (P.ACCETTATA, P.SVOLTA): Transition(_("Servizio svolto"), frozenset({GESTORE, RICHIEDENTE, STAFF})),
    (P.ACCETTATA, P.RIFIUTATA): Transition(_("Richiesta rifiutata"), frozenset({GESTORE, STAFF}), note_required=True),
    (P.RICHIESTA, P.ANNULLATA): Transition(_("Richiesta annullata"), frozenset({RICHIEDENTE, STAFF})),
    (P.ACCETTATA, P.ANNULLATA): Transition(_("Richiesta annullata"), frozenset({RICHIEDENTE, STAFF})),
}

S = SocioBancaDelTempo.Stato
BANCA = frozenset({COORDINATORE, STAFF})
SOCIO = {
    (S.IN_ATTESA, S.VERIFICATO): Transition(_("Socio verificato"), BANCA),
    (S.IN_ATTESA, S.RESPINTO): Transition(_("Iscrizione non accolta"), BANCA, note_required=True),
    (S.VERIFICATO, S.SOSPESO): Transition(_("Socio sospeso"), BANCA, note_required=True),
    (S.SOSPESO, S.VERIFICATO): Transition(_("Socio riammesso"), BANCA),
}

# A time-bank exchange: proposed before it happens and agreed by the other member, then confirmed by both once it
# has happened (the hours move then); or recorded after it happened and confirmed by the other. Until confirmed,
# either member (or the coordination) may cancel it.
SC = Scambio.Stato
SCAMBIO_PARTI = frozenset({PARTE, COORDINATORE, STAFF})
SCAMBIO = {
    (SC.PROPOSTO, SC.CONCORDATO): Transition(_("Scambio concordato"), frozenset({CONTROPARTE})),
    (SC.PROPOSTO, SC.CONFERMATO): Transition(_("Scambio confermato"), frozenset({PARTE})),
    (SC.CONCORDATO, SC.CONFERMATO): Transition(_("Scambio confermato"), frozenset({PARTE})),
    (SC.PROPOSTO, SC.ANNULLATO): Transition(_("Scambio annullato"), SCAMBIO_PARTI),
    (SC.CONCORDATO, SC.ANNULLATO): Transition(_("Scambio annullato"), SCAMBIO_PARTI),
}
