"""The procedures of the governance app as data: states, transitions, and who may fire each one.

Roles are computed by ``governance.permissions.actor_roles``; ``governance.services`` is the only code that
moves a meeting between states, and it checks these tables.
"""

from django.utils.translation import gettext_lazy as _

from costellazioni.workflows import STAFF, Transition
from governance.models import Riunione

PRESIDENZA = "presidenza"  # the chair or the secretary of the meeting's body
RESPONSABILE_CONTESTO = "responsabile_contesto"  # granted by the app that owns the meeting (co-programming)

CONDUZIONE = frozenset({PRESIDENZA, RESPONSABILE_CONTESTO, STAFF})
RIUNIONE = {
    (Riunione.Stato.CONVOCATA, Riunione.Stato.SVOLTA): Transition(_("Riunione svolta"), CONDUZIONE),
    (Riunione.Stato.SVOLTA, Riunione.Stato.VERBALE_APPROVATO): Transition(_("Verbale approvato"), CONDUZIONE),
    (Riunione.Stato.CONVOCATA, Riunione.Stato.ANNULLATA): Transition(
        _("Riunione annullata"), CONDUZIONE, note_required=True
    ),
}
