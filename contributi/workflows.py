"""The application procedure as data: states, transitions and who may fire each one.

``REFERENTE`` is a verified referente of the application's ente (established by
``contributi.services.candidatura_transition``); ``STAFF`` as in the core. Every change of
``Candidatura.stato`` goes through ``candidatura_transition``, which checks this table.
Conditions that are not about who acts (a deadline, a preavviso di rigetto that has run its ten
days, a published ranking) are checked by the service that calls it.
"""

from contributi.events import Evento
from contributi.models import Bando, Candidatura, Graduatoria, Rendiconto
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

# A call: published (frozen), in evaluation from the first application sent to the board, concluded when its
# ranking is published. Conditions on the content (criteria, dates) are checked by ``contributi.services.bandi``.
B = Bando.Stato
BANDO = {
    (B.BOZZA, B.PUBBLICATO): Transition(Evento.BANDO_PUBBLICATO, STAFF_ONLY),
    (B.PUBBLICATO, B.IN_VALUTAZIONE): Transition(Evento.BANDO_IN_VALUTAZIONE, STAFF_ONLY),
    (B.PUBBLICATO, B.CONCLUSO): Transition(Evento.GRADUATORIA_PUBBLICATA, STAFF_ONLY),
    (B.IN_VALUTAZIONE, B.CONCLUSO): Transition(Evento.GRADUATORIA_PUBBLICATA, STAFF_ONLY),
}

# The ranking: approved by a determina dirigenziale, then published (each application gets its outcome).
G = Graduatoria.Stato
GRADUATORIA = {
    (G.PROVVISORIA, G.APPROVATA): Transition(Evento.GRADUATORIA_APPROVATA, STAFF_ONLY),
    (G.APPROVATA, G.PUBBLICATA): Transition(Evento.GRADUATORIA_PUBBLICATA, STAFF_ONLY),
}

__all__ = ["BANDO", "CANDIDATURA", "GRADUATORIA", "REFERENTE", "RENDICONTO", "STAFF"]


def candidatura_roles(candidatura, user) -> set:
    """A verified referente of the application's ente acts as ``REFERENTE``."""
    from costellazioni.permissions import can_act_for_ente

    return {REFERENTE} if can_act_for_ente(user, candidatura.ente) else set()


def candidatura_approval(user, candidatura):
    from contributi.permissions import can_decide

    return can_decide(user, candidatura)


def register() -> None:
    """Declare this app's state fields and their tables to the core (from ``apps.py``)."""
    workflows.register(Candidatura, table=CANDIDATURA, roles=candidatura_roles, approval=candidatura_approval)
    workflows.register(Rendiconto, table=RENDICONTO)
    workflows.register(Bando, table=BANDO)
    workflows.register(Graduatoria, table=GRADUATORIA)
