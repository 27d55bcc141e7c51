"""The design, checked on the source: one door for state changes, one-way imports, no private borrowing.

Every rule reads the project's Python files (migrations and tests exempt) with ``ast``; a new
``obj.stato = ...`` outside ``costellazioni.services.workflow`` fails the build here. Each rule has a test
of the test over a small code sample, so a rule that could never fail is noticed.
"""

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.apps import apps

from costellazioni import workflows

ROOT = Path(__file__).resolve().parents[2]

# DESIGN.md, "Imports go one way": a lower layer never imports a higher one, nor an app of its own layer.
LAYERS = {
    "costellazioni": 1,
    "ricerca": 2,
    "hubs": 2,
    "governance": 2,
    "antenne": 3,
    "coprogrammazione": 3,
    "contributi": 3,
    "monitoraggio": 4,
}

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


@dataclass(frozen=True)
class Violation:
    path: str
    line: int
    function: str
    message: str

    def __str__(self):
        return f"{self.path}:{self.line} ({self.function or 'module'}): {self.message}"


def project_files():
    for app in LAYERS:
        for path in sorted((ROOT / app).rglob("*.py")):
            parts = path.relative_to(ROOT).parts
            if "migrations" in parts or "tests" in parts or path.name.startswith("test_"):
                continue
            yield path.relative_to(ROOT).as_posix(), path.read_text()


class _Scoped(ast.NodeVisitor):
    """Remembers the enclosing function's name while visiting."""

    def __init__(self, path: str):
        self.path = path
        self.function = ""
        self.violations: list[Violation] = []

    def visit_FunctionDef(self, node):
        outer, self.function = self.function, self.function or node.name
        self.generic_visit(node)
        self.function = outer

    visit_AsyncFunctionDef = visit_FunctionDef

    def report(self, node, message):
        self.violations.append(Violation(self.path, node.lineno, self.function, message))


class _StateWrites(_Scoped):
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


def state_writes(path: str, source: str) -> list[Violation]:
    if path == DOOR:
        return []
    visitor = _StateWrites(path)
    visitor.visit(ast.parse(source))
    return [v for v in visitor.violations if (v.path, v.function) not in STATE_WRITE_ALLOWED]


def _app_of(path: str) -> str:
    return path.split("/", 1)[0]


def _imports(tree):
    """(node, imported module, imported names) for every import, top-level or inside a function."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node, alias.name, []
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node, node.module, [alias.name for alias in node.names]


def import_violations(path: str, source: str) -> list[Violation]:
    """Layering (DESIGN.md) and private names: both about what one app takes from another."""
    app = _app_of(path)
    violations = []
    for node, module, names in _imports(ast.parse(source)):
        other = module.split(".", 1)[0]
        if other not in LAYERS or other == app:
            continue
        if LAYERS[other] >= LAYERS[app]:
            direction = "sideways" if LAYERS[other] == LAYERS[app] else "upwards"
            violations.append(Violation(path, node.lineno, "", f"imports {module} ({direction})"))
        private = [part for part in module.split(".")[1:] if part.startswith("_") and not part.startswith("__")]
        private += [name for name in names if name.startswith("_") and not name.startswith("__")]
        if private:
            violations.append(
                Violation(path, node.lineno, "", f"imports private {', '.join(private)} of {other} from {module}")
            )
    return violations


def service_request_violations(path: str, source: str) -> list[Violation]:
    """Services take data, never the HTTP request."""
    parts = path.split("/")
    if len(parts) < 2 or not (parts[1] == "services" or parts[1] == "services.py"):
        return []
    violations = []
    for node in ast.walk(ast.parse(source)):
        imported = [alias.name for alias in node.names] if isinstance(node, ast.ImportFrom) else []
        if "HttpRequest" in imported:
            violations.append(Violation(path, node.lineno, "", "a service imports HttpRequest"))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and not node.name.startswith("_"):
            arguments = node.args.args + node.args.kwonlyargs + node.args.posonlyargs
            for argument in arguments:
                annotation = ast.unparse(argument.annotation) if argument.annotation else ""
                if argument.arg == "request" or "HttpRequest" in annotation:
                    violations.append(Violation(path, node.lineno, node.name, "a service takes the HTTP request"))
    return violations


# README, "L'admin è sottile": admin modules call services; they neither save domain models nor write audit rows.
ADMIN_WRITE_CALLS = {"save", "create", "bulk_create", "get_or_create", "update_or_create", "update", "bulk_update"}

# Writes that stay in an admin module for a stated reason: (file, function) -> reason.
ADMIN_WRITE_ALLOWED: dict[tuple[str, str], str] = {}


def _is_admin_module(path: str) -> bool:
    parts = path.split("/")
    return len(parts) >= 2 and (parts[1] == "admin" or parts[1] == "admin.py")


def _through_objects(node) -> bool:
    """Whether an attribute chain goes through a manager: ``Model.objects.filter(...).update(...)``."""
    while isinstance(node, ast.Attribute | ast.Call):
        if isinstance(node, ast.Attribute) and node.attr == "objects":
            return True
        node = node.value if isinstance(node, ast.Attribute) else node.func
    return False


class _AdminWrites(_Scoped):
    def visit_Call(self, node):
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        if name == "audit_record":
            self.report(node, "writes an audit row in the admin (let the service record it)")
        elif isinstance(func, ast.Attribute) and name == "save":
            self.report(node, "calls .save() in the admin (call a service)")
        elif isinstance(func, ast.Attribute) and name in ADMIN_WRITE_CALLS and _through_objects(func.value):
            self.report(node, f"calls .objects….{name}() in the admin (call a service)")
        self.generic_visit(node)


def admin_writes(path: str, source: str) -> list[Violation]:
    if not _is_admin_module(path):
        return []
    visitor = _AdminWrites(path)
    visitor.visit(ast.parse(source))
    return [v for v in visitor.violations if (v.path, v.function) not in ADMIN_WRITE_ALLOWED]


# The one place that decides whether a superuser counts as staff (``is_staff_comunale``).
SUPERUSER_RULE = "costellazioni/permissions.py"


def superuser_reads(path: str, source: str) -> list[Violation]:
    """``user.is_superuser`` read outside the core rule: every app asks ``is_staff_comunale`` instead."""
    if path == SUPERUSER_RULE:
        return []
    visitor = _SuperuserReads(path)
    visitor.visit(ast.parse(source))
    return visitor.violations


class _SuperuserReads(_Scoped):
    MESSAGE = "reads is_superuser (ask costellazioni.permissions.is_staff_comunale)"

    def visit_Attribute(self, node):
        if node.attr == "is_superuser" and isinstance(node.ctx, ast.Load):
            self.report(node, self.MESSAGE)
        self.generic_visit(node)

    def visit_Call(self, node):
        func = node.func
        if isinstance(func, ast.Name) and func.id == "getattr" and len(node.args) >= 2:
            name = node.args[1]
            if isinstance(name, ast.Constant) and name.value == "is_superuser":
                self.report(node, self.MESSAGE)
        self.generic_visit(node)


def _all(check):
    return [violation for path, source in project_files() for violation in check(path, source)]


# --- the rules, on the project ---------------------------------------------------------------------


def test_no_state_is_assigned_outside_the_door():
    violations = _all(state_writes)
    assert not violations, "\n".join(map(str, violations))


def test_the_temporary_allow_list_names_existing_functions():
    for path, function in STATE_WRITE_ALLOWED:
        tree = ast.parse((ROOT / path).read_text())
        names = {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}
        assert function in names, f"{path}: {function} is gone, delete its STATE_WRITE_ALLOWED entry"


def test_imports_follow_the_layers_and_leave_private_names_alone():
    violations = _all(import_violations)
    assert not violations, "\n".join(map(str, violations))


def test_services_never_take_the_request():
    violations = _all(service_request_violations)
    assert not violations, "\n".join(map(str, violations))


def test_admin_modules_call_services_for_their_writes():
    violations = _all(admin_writes)
    assert not violations, "\n".join(map(str, violations))


def test_only_the_core_rule_reads_is_superuser():
    violations = _all(superuser_reads)
    assert not violations, "\n".join(map(str, violations))


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


class TestTheRulesCatchViolations:
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

    def test_upward_sideways_and_private_imports_fail(self):
        sample = (
            "from contributi.models import Bando\n"
            "import monitoraggio.services\n"
            "def f():\n    from hubs.services import _private_helper\n"
        )
        messages = [v.message for v in import_violations("antenne/services/x.py", sample)]
        assert messages == [
            "imports contributi.models (sideways)",
            "imports monitoraggio.services (upwards)",
            "imports private _private_helper of hubs from hubs.services",
        ]
        assert import_violations("contributi/views.py", "from hubs.models import Hub\n") == []

    def test_a_service_taking_the_request_fails(self):
        sample = "from django.http import HttpRequest\ndef bando_publish(*, request, bando):\n    pass\n"
        messages = [v.message for v in service_request_violations("contributi/services/bandi.py", sample)]
        assert messages == ["a service imports HttpRequest", "a service takes the HTTP request"]
        assert service_request_violations("contributi/views/bandi.py", sample) == []

    def test_an_admin_saving_or_auditing_by_hand_fails(self):
        sample = (
            "def save_model(self, request, obj, form, change):\n"
            "    obj.save()\n"
            "    audit_record(obj=obj, evento='x')\n"
            "    Connessione.objects.filter(pk=obj.pk).update(note='')\n"
            "    obj.__dict__.update({})\n"
        )
        violations = admin_writes("hubs/admin/prenotazioni.py", sample)
        assert [(v.line, v.function, v.message) for v in violations] == [
            (2, "save_model", "calls .save() in the admin (call a service)"),
            (3, "save_model", "writes an audit row in the admin (let the service record it)"),
            (4, "save_model", "calls .objects….update() in the admin (call a service)"),
        ]
        assert len(admin_writes("antenne/admin.py", sample)) == 3
        assert admin_writes("hubs/services.py", sample) == []

    def test_reading_is_superuser_outside_the_core_rule_fails(self):
        sample = (
            "def may_edit(user):\n"
            "    return is_staff_comunale(user) or user.is_superuser\n"
            "flag = getattr(request.user, 'is_superuser', False)\n"
        )
        violations = superuser_reads("contributi/admin/candidature.py", sample)
        assert [(v.line, v.function) for v in violations] == [(2, "may_edit"), (3, "")]
        assert {v.message for v in violations} == {_SuperuserReads.MESSAGE}
        assert superuser_reads(SUPERUSER_RULE, sample) == []
        # Naming the field (admin fieldsets, seed data, manager defaults) is not a permission check.
        naming = "fields = ('is_staff', 'is_superuser')\nextra.setdefault('is_superuser', True)\n"
        assert superuser_reads("costellazioni/admin/users.py", naming) == []
