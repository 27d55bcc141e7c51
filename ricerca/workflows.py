"""The procedures of the ricerca app as data: states, transitions, and who may fire each one.

Roles are computed by ``ricerca.permissions``; ``ricerca.services`` is the only code that moves a need or a
version of the theory of change between states, through ``costellazioni.services.workflow.workflow_transition``.
"""

from django.utils.translation import gettext_lazy as _

from costellazioni.workflows import STAFF, Transition
from ricerca.models import Bisogno, TeoriaCambiamento

OPERATORE = "operatore"  # a community operator (the core role group: ricerca does not import antenne)
COMITATO = "comitato"  # a member of the management committee, with the approve permission

B = Bisogno.Stato
CAMPO = frozenset({OPERATORE, STAFF})
BISOGNO = {
    (B.SEGNALATO, B.PRESO_IN_CARICO): Transition(_("Bisogno preso in carico"), CAMPO),
    (B.SEGNALATO, B.NON_RISOLVIBILE): Transition(_("Bisogno non risolvibile"), CAMPO, note_required=True),
    (B.PRESO_IN_CARICO, B.INDIRIZZATO): Transition(_("Bisogno indirizzato a un servizio"), CAMPO, note_required=True),
    (B.PRESO_IN_CARICO, B.RISOLTO): Transition(_("Bisogno risolto"), CAMPO),
    (B.PRESO_IN_CARICO, B.NON_RISOLVIBILE): Transition(_("Bisogno non risolvibile"), CAMPO, note_required=True),
    (B.INDIRIZZATO, B.RISOLTO): Transition(_("Bisogno risolto"), CAMPO),
    (B.INDIRIZZATO, B.NON_RISOLVIBILE): Transition(_("Bisogno non risolvibile"), CAMPO, note_required=True),
    (B.INDIRIZZATO, B.PRESO_IN_CARICO): Transition(_("Bisogno ripreso in carico"), CAMPO, note_required=True),
    (B.RISOLTO, B.PRESO_IN_CARICO): Transition(_("Bisogno riaperto"), frozenset({STAFF}), note_required=True),
    (B.NON_RISOLVIBILE, B.PRESO_IN_CARICO): Transition(_("Bisogno riaperto"), frozenset({STAFF}), note_required=True),
}

T = TeoriaCambiamento.Stato
TEORIA = {
    (T.BOZZA, T.IN_CONSULTAZIONE): Transition(_("Versione aperta ai commenti"), frozenset({STAFF})),
    (T.IN_CONSULTAZIONE, T.BOZZA): Transition(_("Versione riportata in bozza"), frozenset({STAFF}), note_required=True),
    (T.IN_CONSULTAZIONE, T.APPROVATA): Transition(
        _("Versione approvata dal comitato di gestione"), frozenset({COMITATO})
    ),
    (T.APPROVATA, T.SUPERATA): Transition(_("Versione superata"), frozenset({STAFF, COMITATO})),
}
