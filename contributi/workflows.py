"""The application procedure as data: states, transitions and who may fire each one.

``REFERENTE`` is a verified referente of the application's ente (established by
``contributi.services.candidatura_transition``); ``STAFF`` as in the core. Every change of
``Candidatura.stato`` goes through ``candidatura_transition``, which checks this table.
Conditions that are not about who acts (a deadline, a preavviso di rigetto that has run its ten
days, a published ranking) are checked by the service that calls it.
"""

from contributi.events import Evento
from contributi.models import Candidatura, Rendiconto
from costellazioni import workflows
from costellazioni.workflows import STAFF, Transition

REFERENTE = "referente"

C = Candidatura.Stato
APPLICANT = frozenset({REFERENTE})
STAFF_ONLY = frozenset({STAFF})
STAFF_OR_APPLICANT = frozenset({STAFF, REFERENTE})

CANDIDATURA = {
    # Applicant side (part 1).
    (C.BOZZA, C.PRESENTATA): Transition(Evento.CANDIDATURA_PRESENTATA, APPLICANT),
    (C.PRESENTATA, C.RITIRATA): Transition(Evento.CANDIDATURA_RITIRATA, APPLICANT),
    # Istruttoria: admissibility review, soccorso istruttorio.
    (C.PRESENTATA, C.IN_ISTRUTTORIA): Transition(Evento.ISTRUTTORIA_AVVIATA, STAFF_ONLY),
    (C.IN_ISTRUTTORIA, C.INTEGRAZIONI_RICHIESTE): Transition(
        Evento.INTEGRAZIONI_RICHIESTE, STAFF_ONLY, note_required=True
    ),
    (C.INTEGRAZIONI_RICHIESTE, C.IN_ISTRUTTORIA): Transition(Evento.INTEGRAZIONI_INVIATE, STAFF_OR_APPLICANT),
    (C.IN_ISTRUTTORIA, C.AMMISSIBILE): Transition(Evento.CANDIDATURA_AMMISSIBILE, STAFF_ONLY),
    (C.IN_ISTRUTTORIA, C.NON_AMMISSIBILE): Transition(
        Evento.CANDIDATURA_NON_AMMISSIBILE, STAFF_ONLY, note_required=True
    ),
    # Evaluation and ranking.
    (C.AMMISSIBILE, C.IN_VALUTAZIONE): Transition(Evento.VALUTAZIONE_AVVIATA, STAFF_ONLY),
    (C.IN_VALUTAZIONE, C.VALUTATA): Transition(Evento.VALUTAZIONE_CONCLUSA, STAFF_ONLY),
    # After a preavviso di rigetto whose observations are accepted, the board revises its scores.
    (C.VALUTATA, C.IN_VALUTAZIONE): Transition(Evento.VALUTAZIONE_RIAPERTA, STAFF_ONLY, note_required=True),
    (C.VALUTATA, C.FINANZIATA): Transition(Evento.CANDIDATURA_FINANZIATA, STAFF_ONLY),
    (C.VALUTATA, C.IDONEA_NON_FINANZIATA): Transition(Evento.IDONEA_NON_FINANZIATA, STAFF_ONLY),
    (C.VALUTATA, C.NON_IDONEA): Transition(Evento.CANDIDATURA_NON_IDONEA, STAFF_ONLY, note_required=True),
    (C.IDONEA_NON_FINANZIATA, C.FINANZIATA): Transition(
        Evento.FINANZIATA_PER_SCORRIMENTO_DELLA_GRADUATORIA, STAFF_ONLY
    ),
    # Award, project and reporting.
    (C.FINANZIATA, C.AVVIATA): Transition(Evento.CONTRIBUTO_ACCETTATO_PROGETTO_AVVIATO, STAFF_OR_APPLICANT),
    (C.FINANZIATA, C.RITIRATA): Transition(Evento.RINUNCIA_AL_CONTRIBUTO, APPLICANT, note_required=True),
    (C.AVVIATA, C.RENDICONTATA): Transition(Evento.RENDICONTO_FINALE_PRESENTATO, STAFF_OR_APPLICANT),
    (C.RENDICONTATA, C.AVVIATA): Transition(Evento.MODIFICHE_AL_RENDICONTO_RICHIESTE, STAFF_ONLY, note_required=True),
    (C.RENDICONTATA, C.CONCLUSA): Transition(Evento.PROGETTO_CONCLUSO, STAFF_ONLY),
    (C.FINANZIATA, C.REVOCATA): Transition(Evento.CONTRIBUTO_REVOCATO, STAFF_ONLY, note_required=True),
    (C.AVVIATA, C.REVOCATA): Transition(Evento.CONTRIBUTO_REVOCATO, STAFF_ONLY, note_required=True),
    (C.RENDICONTATA, C.REVOCATA): Transition(Evento.CONTRIBUTO_REVOCATO, STAFF_ONLY, note_required=True),
}

R = Rendiconto.Stato
RENDICONTO = {
    (R.BOZZA, R.PRESENTATO): Transition(Evento.RENDICONTO_PRESENTATO, frozenset({REFERENTE})),
    (R.MODIFICHE_RICHIESTE, R.PRESENTATO): Transition(Evento.RENDICONTO_RIPRESENTATO, frozenset({REFERENTE})),
    (R.PRESENTATO, R.APPROVATO): Transition(Evento.RENDICONTO_APPROVATO, frozenset({STAFF})),
    (R.PRESENTATO, R.MODIFICHE_RICHIESTE): Transition(
        Evento.MODIFICHE_AL_RENDICONTO_RICHIESTE, frozenset({STAFF}), note_required=True
    ),
}

__all__ = ["CANDIDATURA", "REFERENTE", "RENDICONTO", "STAFF"]


def register() -> None:
    """Declare this app's state fields and their tables to the core (from ``apps.py``)."""
    workflows.register(Rendiconto, table=RENDICONTO)
