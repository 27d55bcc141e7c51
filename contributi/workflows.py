"""The application procedure as data: states, transitions and who may fire each one.

``REFERENTE`` is a verified referente of the application's ente (established by
``contributi.services.candidatura_transition``); ``STAFF`` as in the core. Every change of
``Candidatura.stato`` goes through ``candidatura_transition``, which checks this table.
Conditions that are not about who acts (a deadline, a preavviso di rigetto that has run its ten
days, a published ranking) are checked by the service that calls it.
"""

from django.utils.translation import gettext_lazy as _

from contributi.models import Candidatura, Rendiconto
from costellazioni.workflows import STAFF, Transition

REFERENTE = "referente"

C = Candidatura.Stato
APPLICANT = frozenset({REFERENTE})
STAFF_ONLY = frozenset({STAFF})
STAFF_OR_APPLICANT = frozenset({STAFF, REFERENTE})

CANDIDATURA = {
    # Applicant side (part 1).
    (C.BOZZA, C.PRESENTATA): Transition(_("Candidatura presentata"), APPLICANT),
    (C.PRESENTATA, C.RITIRATA): Transition(_("Candidatura ritirata"), APPLICANT),
    # Istruttoria: admissibility review, soccorso istruttorio.
    (C.PRESENTATA, C.IN_ISTRUTTORIA): Transition(_("Istruttoria avviata"), STAFF_ONLY),
    (C.IN_ISTRUTTORIA, C.INTEGRAZIONI_RICHIESTE): Transition(
        _("Integrazioni richieste"), STAFF_ONLY, note_required=True
    ),
    (C.INTEGRAZIONI_RICHIESTE, C.IN_ISTRUTTORIA): Transition(_("Integrazioni inviate"), STAFF_OR_APPLICANT),
    (C.IN_ISTRUTTORIA, C.AMMISSIBILE): Transition(_("Candidatura ammissibile"), STAFF_ONLY),
    (C.IN_ISTRUTTORIA, C.NON_AMMISSIBILE): Transition(_("Candidatura non ammissibile"), STAFF_ONLY, note_required=True),
    # Evaluation and ranking.
    (C.AMMISSIBILE, C.IN_VALUTAZIONE): Transition(_("Valutazione avviata"), STAFF_ONLY),
    (C.IN_VALUTAZIONE, C.VALUTATA): Transition(_("Valutazione conclusa"), STAFF_ONLY),
    # After a preavviso di rigetto whose observations are accepted, the board revises its scores.
    (C.VALUTATA, C.IN_VALUTAZIONE): Transition(_("Valutazione riaperta"), STAFF_ONLY, note_required=True),
    (C.VALUTATA, C.FINANZIATA): Transition(_("Candidatura finanziata"), STAFF_ONLY),
    (C.VALUTATA, C.IDONEA_NON_FINANZIATA): Transition(_("Idonea non finanziata"), STAFF_ONLY),
    (C.VALUTATA, C.NON_IDONEA): Transition(_("Candidatura non idonea"), STAFF_ONLY, note_required=True),
    (C.IDONEA_NON_FINANZIATA, C.FINANZIATA): Transition(_("Finanziata per scorrimento della graduatoria"), STAFF_ONLY),
    # Award, project and reporting.
    (C.FINANZIATA, C.AVVIATA): Transition(_("Contributo accettato, progetto avviato"), STAFF_OR_APPLICANT),
    (C.FINANZIATA, C.RITIRATA): Transition(_("Rinuncia al contributo"), APPLICANT, note_required=True),
    (C.AVVIATA, C.RENDICONTATA): Transition(_("Rendiconto finale presentato"), STAFF_OR_APPLICANT),
    (C.RENDICONTATA, C.AVVIATA): Transition(_("Modifiche al rendiconto richieste"), STAFF_ONLY, note_required=True),
    (C.RENDICONTATA, C.CONCLUSA): Transition(_("Progetto concluso"), STAFF_ONLY),
    (C.FINANZIATA, C.REVOCATA): Transition(_("Contributo revocato"), STAFF_ONLY, note_required=True),
    (C.AVVIATA, C.REVOCATA): Transition(_("Contributo revocato"), STAFF_ONLY, note_required=True),
    (C.RENDICONTATA, C.REVOCATA): Transition(_("Contributo revocato"), STAFF_ONLY, note_required=True),
}

R = Rendiconto.Stato
RENDICONTO = {
    (R.BOZZA, R.PRESENTATO): Transition(_("Rendiconto presentato"), frozenset({REFERENTE})),
    (R.MODIFICHE_RICHIESTE, R.PRESENTATO): Transition(_("Rendiconto ripresentato"), frozenset({REFERENTE})),
    (R.PRESENTATO, R.APPROVATO): Transition(_("Rendiconto approvato"), frozenset({STAFF})),
    (R.PRESENTATO, R.MODIFICHE_RICHIESTE): Transition(
        _("Modifiche al rendiconto richieste"), frozenset({STAFF}), note_required=True
    ),
}

__all__ = ["CANDIDATURA", "REFERENTE", "RENDICONTO", "STAFF"]
