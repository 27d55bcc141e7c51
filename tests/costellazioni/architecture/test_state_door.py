"""One door for state changes: no state assigned outside ``costellazioni.services.workflow``, and every model
with a state has a transition table whose transitions carry a registered event code."""

import ast

import pytest
from django.apps import apps

from costellazioni import workflows
from tests.costellazioni.architecture.source import LAYERS, Scoped, all_violations, function_names, visit

# The door: the only module that assigns a state.
DOOR = "costellazioni/services/workflow.py"

# Assignments of a state that stay outside the door for a stated reason: (file, function) -> reason.
STATE_WRITE_ALLOWED = {
    # The outbox moves its own rows between machine states with conditional UPDATEs, so that a row is taken
    # exactly once (README, "Affidabilità"); the one transition people fire (retry) goes through the door.
    ("costellazioni/services/outbox.py", "operazione_run"): "outbox machine state, taken once",
    ("costellazioni/services/outbox.py", "_mark_done"): "outbox machine state, taken once",
    ("costellazioni/services/outbox.py", "_fail"): "outbox machine state, taken once",
    ("costellazioni/services/outbox.py", "operazioni_sweep"): "outbox machine state, taken once",
    # ``esito`` is a state of hubs.Connessione; the preavviso's ``esito`` is a decision written once.
    ("contributi/services/istruttoria.py", "preavviso_decide"): "Preavviso.esito, a one-time decision",
}

# Names of state fields: those of every model with a registered transition table.
STATE_FIELDS = frozenset(workflow.field for workflow in workflows.registered()) | {"stato", "state"}


class _StateWrites(Scoped):
    def _target(self, target):
        if isinstance(target, ast.Attribute) and target.attr in STATE_FIELDS:
            self.report(target, f"assigns .{target.attr} outside the door (use workflow_transition)")
        elif isinstance(target, ast.Tuple | ast.List):
            for element in target.elts:
                self._target(element)

    def visit_Assign(self, node):
        for target in node.targets:
            self._target(target)
        self.generic_visit(node)

    def visit_AugAssign(self, node):
        self._target(node.target)
        self.generic_visit(node)

    def visit_AnnAssign(self, node):
        self._target(node.target)
        self.generic_visit(node)

    def visit_Call(self, node):
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in {"update", "bulk_update"}:
            for keyword in node.keywords:
                if keyword.arg in STATE_FIELDS:
                    self.report(node, f".{func.attr}({keyword.arg}=…) outside the door (use workflow_transition)")
        if isinstance(func, ast.Name) and func.id == "setattr" and len(node.args) >= 2:
            name = node.args[1]
            if isinstance(name, ast.Constant) and name.value in STATE_FIELDS:
                self.report(node, f"setattr(…, {name.value!r}, …) outside the door")
        self.generic_visit(node)


def state_writes(path: str, source: str):
    if path == DOOR:
        return []
    return [v for v in visit(_StateWrites, path, source) if (v.path, v.function) not in STATE_WRITE_ALLOWED]


def _state_fields(model):
    """Concrete fields with choices whose name says state: ``stato``, ``stato_*``, ``state``, ``fase``."""
    return [
        field.name
        for field in model._meta.concrete_fields
        if field.choices and (field.name in {"stato", "state", "fase"} or field.name.startswith("stato_"))
    ]


# Fields named like a state that are not a procedure: (app_label.Model, field) -> why.
NOT_A_WORKFLOW = {
    ("contributi.Preavviso", "fase"): "the stage of the procedure a preavviso belongs to, fixed at creation",
    ("ricerca.RilevazioneMaturita", "fase"): "which round (ex ante, in itinere, ex post) a survey belongs to",
    ("governance.AggiornamentoAzione", "stato"): "a record of the state an action reached, written once",
}


# --- the rules, on the project ---------------------------------------------------------------------


def test_no_state_is_assigned_outside_the_door():
    violations = all_violations(state_writes)
    assert not violations, "\n".join(map(str, violations))


def test_the_temporary_allow_list_names_existing_functions():
    for path, function in STATE_WRITE_ALLOWED:
        assert function in function_names(path), f"{path}: {function} is gone, delete its STATE_WRITE_ALLOWED entry"


@pytest.mark.django_db
def test_every_model_with_a_state_has_a_transition_table():
    missing = []
    for model in apps.get_models():
        if model._meta.app_label not in LAYERS:
            continue
        registered = {workflow.field for workflow in workflows.workflows_for(model)}
        for name in _state_fields(model):
            if name not in registered and (model._meta.label, name) not in NOT_A_WORKFLOW:
                missing.append(f"{model._meta.label}.{name}")
    assert not missing, f"state fields without a transition table (register them from apps.py): {missing}"


def test_every_transition_carries_a_registered_event_code():
    from costellazioni.codes import audit_events

    unregistered = [
        f"{workflow.model._meta.label} {key}: {transition.evento!r}"
        for workflow in workflows.registered()
        for key, transition in workflow.table.items()
        if transition.evento not in audit_events
    ]
    assert not unregistered, unregistered


# --- tests of the tests --------------------------------------------------------------------------


class TestTheRuleCatchesStateWrites:
    def test_a_new_state_assignment_fails(self):
        sample = "def candidatura_approve(candidatura):\n    candidatura.stato = 'approvata'\n"
        [violation] = state_writes("contributi/services/nuovo.py", sample)
        assert (violation.line, violation.function) == (2, "candidatura_approve")
        assert "assigns .stato outside the door" in violation.message

    def test_update_setattr_and_tuple_targets_fail(self):
        sample = (
            "Bando.objects.filter(pk=1).update(stato='concluso')\n"
            "setattr(bando, 'stato', 'concluso')\n"
            "a.stato, b.nome = 'x', 'y'\n"
        )
        messages = [v.message for v in state_writes("contributi/services/bandi.py", sample)]
        assert messages == [
            ".update(stato=…) outside the door (use workflow_transition)",
            "setattr(…, 'stato', …) outside the door",
            "assigns .stato outside the door (use workflow_transition)",
        ]

    def test_the_door_and_the_allow_list_are_exempt(self):
        sample = "def operazione_run(o):\n    o.stato = 'in_corso'\n"
        assert state_writes("costellazioni/services/outbox.py", sample) == []
        assert state_writes(DOOR, "obj.stato = 'x'\n") == []
        assert state_writes("costellazioni/services/outbox.py", sample.replace("operazione_run", "other"))
