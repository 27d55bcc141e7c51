"""The procedures of the governance app as data: states, transitions, and who may fire each one.

Roles are computed by ``governance.permissions`` (``actor_roles`` and friends); ``governance.services`` is the
only code that moves a meeting, a minute, an action item or a contractor report between states.
"""

from django.utils.translation import gettext_lazy as _

from costellazioni.workflows import STAFF, Transition
from governance.models import (
    Azione,
    Partenariato,
    RapportoAppaltatore,
    RisultatoAtteso,
    Riunione,
    SeguitoSopralluogo,
    Verbale,
)

PRESIDENZA = "presidenza"  # the chair or the secretary of the meeting's body
RESPONSABILE_CONTESTO = "responsabile_contesto"  # granted by the app that owns the meeting (co-programming)
RESPONSABILE = "responsabile"  # the person in charge of an action item
APPALTATORE = "appaltatore"  # a verified representative of the contractor

CONDUZIONE = frozenset({PRESIDENZA, RESPONSABILE_CONTESTO, STAFF})
RIUNIONE = {
    (Riunione.Stato.CONVOCATA, Riunione.Stato.SVOLTA): Transition(_("Riunione svolta"), CONDUZIONE),
    (Riunione.Stato.SVOLTA, Riunione.Stato.VERBALE_APPROVATO): Transition(_("Verbale approvato"), CONDUZIONE),
    (Riunione.Stato.CONVOCATA, Riunione.Stato.ANNULLATA): Transition(
        _("Riunione annullata"), CONDUZIONE, note_required=True
    ),
}

VERBALE = {
    (Verbale.Stato.BOZZA, Verbale.Stato.APPROVATO): Transition(_("Verbale approvato con votazione"), CONDUZIONE),
    (Verbale.Stato.APPROVATO, Verbale.Stato.SOSTITUITO): Transition(
        _("Verbale sostituito da una correzione"), CONDUZIONE, note_required=True
    ),
}

SEGUITO = frozenset({RESPONSABILE, PRESIDENZA, STAFF})
AZIONE = {
    (Azione.Stato.APERTA, Azione.Stato.IN_CORSO): Transition(_("Azione avviata"), SEGUITO),
    (Azione.Stato.APERTA, Azione.Stato.COMPLETATA): Transition(_("Azione completata"), SEGUITO),
    (Azione.Stato.IN_CORSO, Azione.Stato.COMPLETATA): Transition(_("Azione completata"), SEGUITO),
    (Azione.Stato.APERTA, Azione.Stato.ANNULLATA): Transition(
        _("Azione annullata"), frozenset({PRESIDENZA, STAFF}), note_required=True
    ),
    (Azione.Stato.IN_CORSO, Azione.Stato.ANNULLATA): Transition(
        _("Azione annullata"), frozenset({PRESIDENZA, STAFF}), note_required=True
    ),
}

RAPPORTO = {
    (RapportoAppaltatore.Stato.BOZZA, RapportoAppaltatore.Stato.INVIATO): Transition(
        _("Relazione inviata"), frozenset({APPALTATORE})
    ),
    (RapportoAppaltatore.Stato.MODIFICHE_RICHIESTE, RapportoAppaltatore.Stato.INVIATO): Transition(
        _("Relazione inviata di nuovo"), frozenset({APPALTATORE})
    ),
    (RapportoAppaltatore.Stato.INVIATO, RapportoAppaltatore.Stato.ACCETTATO): Transition(
        _("Relazione accettata"), frozenset({STAFF})
    ),
    (RapportoAppaltatore.Stato.INVIATO, RapportoAppaltatore.Stato.MODIFICHE_RICHIESTE): Transition(
        _("Modifiche richieste"), frozenset({STAFF}), note_required=True
    ),
}

# Expected results and partnerships move freely between their states: the table still names who may move them.
RISULTATO = {
    (da, a): Transition(_("Stato del risultato atteso aggiornato"), frozenset({PRESIDENZA, STAFF}))
    for da in RisultatoAtteso.Stato.values
    for a in RisultatoAtteso.Stato.values
    if da != a
}

PARTENARIATO = {
    (da, a): Transition(_("Stato del partenariato aggiornato"), frozenset({STAFF}))
    for da in Partenariato.Stato.values
    for a in Partenariato.Stato.values
    if da != a
}

# The follow-ups of a site visit: their owner moves them on; the project staff may also cancel them.
_S = SeguitoSopralluogo.Stato
SEGUITO_SOPRALLUOGO = {
    (_S.APERTO, _S.IN_CORSO): Transition(_("Azione avviata"), SEGUITO),
    (_S.APERTO, _S.COMPLETATO): Transition(_("Azione completata"), SEGUITO),
    (_S.IN_CORSO, _S.COMPLETATO): Transition(_("Azione completata"), SEGUITO),
    (_S.APERTO, _S.ANNULLATO): Transition(_("Azione annullata"), frozenset({STAFF}), note_required=True),
    (_S.IN_CORSO, _S.ANNULLATO): Transition(_("Azione annullata"), frozenset({STAFF}), note_required=True),
}
