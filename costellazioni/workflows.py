"""The procedures of the core app as data: states, transitions, and who may fire each one.

A transition is ``(from_state, to_state): Transition(...)``. ``services.workflow_transition``
is the only code that moves an object between states; it checks this table.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from costellazioni.models import Ente, Membership, OperazioneInCoda

STAFF = "staff"  # staff comunale and amministratori (permission-based, see permissions.py)
OWNER = "owner"  # the person the object belongs to


@dataclass(frozen=True)
class Transition:
    label: str
    allowed: frozenset
    note_required: bool = False


E = Ente.StatoVerifica
ENTE_VERIFICA = {
    (E.DA_VERIFICARE, E.VERIFICATO): Transition(_("Verifica l'ente"), frozenset({STAFF})),
    (E.DA_VERIFICARE, E.RESPINTO): Transition(_("Respingi la verifica"), frozenset({STAFF}), note_required=True),
    (E.RESPINTO, E.DA_VERIFICARE): Transition(_("Riapri la verifica"), frozenset({STAFF})),
    (E.VERIFICATO, E.DA_VERIFICARE): Transition(_("Sospendi la verifica"), frozenset({STAFF}), note_required=True),
}

M = Membership.Stato
MEMBERSHIP = {
    (M.RICHIESTA, M.VERIFICATA): Transition(_("Conferma la rappresentanza"), frozenset({STAFF})),
    (M.RICHIESTA, M.RESPINTA): Transition(_("Respingi la richiesta"), frozenset({STAFF}), note_required=True),
    (M.RICHIESTA, M.REVOCATA): Transition(_("Ritira la richiesta"), frozenset({OWNER, STAFF})),
    (M.VERIFICATA, M.REVOCATA): Transition(_("Revoca la rappresentanza"), frozenset({OWNER, STAFF})),
}

# The outbox moves its own rows (waiting, running, done, failed again); people fire only this one.
OPERAZIONE_IN_CODA = {
    (OperazioneInCoda.Stato.FALLITA, OperazioneInCoda.Stato.IN_ATTESA): Transition(
        _("Invia di nuovo"), frozenset({STAFF})
    ),
}
