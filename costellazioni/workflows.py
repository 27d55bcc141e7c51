"""The procedures of the core app as data, and the machinery every app's ``workflows.py`` uses.

A transition is ``(from_state, to_state): Transition(Evento.X, roles, note_required=..., notifica=...)``:
its audit event code (a registered ``TextChoices`` member, whose label is also the button's text), who may
fire it and the notification it sends. Each app registers its tables from ``apps.py`` with ``register``;
``costellazioni.services.workflow.workflow_transition`` is the only code that moves an object between
states, and ``available_transitions(obj, user)`` lists what a person may do now.
"""

from collections.abc import Callable
from dataclasses import dataclass

from costellazioni.events import Evento
from costellazioni.models import Ente, Membership, OperazioneInCoda

STAFF = "staff"  # staff comunale and amministratori (permission-based, see permissions.py)
OWNER = "owner"  # the person the object belongs to


@dataclass(frozen=True)
class Notification:
    """What a transition tells people: ``tipo`` (a registered notification kind) to ``destinatari(obj)``.

    The subject is ``oggetto`` (``%(label)s`` and ``%(oggetto)s`` available) or "<label>: <object>"; the text
    is the label and the note; the link is ``link(obj)`` or the object's ``get_absolute_url()``.
    """

    tipo: str
    destinatari: Callable
    oggetto: str = ""
    link: Callable | None = None


@dataclass(frozen=True)
class Transition:
    """One arrow of a table: its audit event code (label shown in the reader's language), who may fire it."""

    evento: str
    allowed: frozenset
    note_required: bool = False
    notifica: Notification | None = None

    @property
    def label(self):
        """The event's label (lazy): the button's text and the timeline's line."""
        return getattr(self.evento, "label", self.evento)


@dataclass(frozen=True)
class Workflow:
    """A state field of a model and its table, as registered by the app that owns the model.

    ``roles(obj, user)`` adds the app's roles (a referente, an operator) and ``owner(obj)`` names the person the
    object belongs to; ``approval(user, obj)`` is the app's "nobody approves their own request" rule. The
    door and ``available_transitions`` use them, so callers and buttons agree.
    """

    model: type
    field: str
    table: dict
    roles: Callable | None = None
    owner: Callable | None = None
    approval: Callable | None = None


_REGISTRY: dict[type, list[Workflow]] = {}


def register(model, *, table: dict, field: str = "stato", roles=None, owner=None, approval=None) -> Workflow:
    """Declare ``model.<field>`` a state moved only through ``table`` (from the app's ``apps.py``)."""
    workflow = Workflow(model=model, field=field, table=table, roles=roles, owner=owner, approval=approval)
    _REGISTRY.setdefault(model, [w for w in _REGISTRY.get(model, []) if w.field != field]).append(workflow)
    return workflow


def registered() -> list[Workflow]:
    return [workflow for workflows in _REGISTRY.values() for workflow in workflows]


def workflows_for(model) -> list[Workflow]:
    """The workflows of ``model`` (a proxy model shares its concrete model's)."""
    return list(_REGISTRY.get(model, []) or _REGISTRY.get(model._meta.concrete_model, []))


E = Ente.StatoVerifica
ENTE_VERIFICA = {
    (E.DA_VERIFICARE, E.VERIFICATO): Transition(Evento.VERIFICA_L_ENTE, frozenset({STAFF})),
    (E.DA_VERIFICARE, E.RESPINTO): Transition(Evento.RESPINGI_LA_VERIFICA, frozenset({STAFF}), note_required=True),
    (E.RESPINTO, E.DA_VERIFICARE): Transition(Evento.RIAPRI_LA_VERIFICA, frozenset({STAFF})),
    (E.VERIFICATO, E.DA_VERIFICARE): Transition(Evento.SOSPENDI_LA_VERIFICA, frozenset({STAFF}), note_required=True),
}

M = Membership.Stato
MEMBERSHIP = {
    (M.RICHIESTA, M.VERIFICATA): Transition(Evento.CONFERMA_LA_RAPPRESENTANZA, frozenset({STAFF})),
    (M.RICHIESTA, M.RESPINTA): Transition(Evento.RESPINGI_LA_RICHIESTA, frozenset({STAFF}), note_required=True),
    (M.RICHIESTA, M.REVOCATA): Transition(Evento.RITIRA_LA_RICHIESTA, frozenset({OWNER, STAFF})),
    (M.VERIFICATA, M.REVOCATA): Transition(Evento.REVOCA_LA_RAPPRESENTANZA, frozenset({OWNER, STAFF})),
}

# The outbox moves its own rows (waiting, running, done, failed again); people fire only this one.
OPERAZIONE_IN_CODA = {
    (OperazioneInCoda.Stato.FALLITA, OperazioneInCoda.Stato.IN_ATTESA): Transition(
        Evento.INVIA_DI_NUOVO, frozenset({STAFF})
    ),
}


def register_core_tables() -> None:
    """Declare the core's own state fields and their tables (from ``apps.py``)."""
    register(Ente, table=ENTE_VERIFICA, field="stato_verifica")
    register(Membership, table=MEMBERSHIP, owner=lambda membership: membership.user)
    register(OperazioneInCoda, table=OPERAZIONE_IN_CODA)
