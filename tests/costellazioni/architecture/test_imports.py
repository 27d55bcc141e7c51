"""Imports go one way (DESIGN.md's layers), no app borrows another's private names, services never take the
HTTP request."""

import ast

from tests.costellazioni.architecture.source import LAYERS, Violation, all_violations, app_of


def _imports(tree):
    """(node, imported module, imported names) for every import, top-level or inside a function."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node, alias.name, []
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node, node.module, [alias.name for alias in node.names]


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def import_violations(path: str, source: str) -> list[Violation]:
    """Layering (DESIGN.md) and private names: both about what one app takes from another."""
    app = app_of(path)
    violations = []
    for node, module, names in _imports(ast.parse(source)):
        other = module.split(".", 1)[0]
        if other not in LAYERS or other == app:
            continue
        if LAYERS[other] >= LAYERS[app]:
            direction = "sideways" if LAYERS[other] == LAYERS[app] else "upwards"
            violations.append(Violation(path, node.lineno, "", f"imports {module} ({direction})"))
        private = [part for part in module.split(".")[1:] if _private(part)] + [n for n in names if _private(n)]
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


def test_imports_follow_the_layers_and_leave_private_names_alone():
    violations = all_violations(import_violations)
    assert not violations, "\n".join(map(str, violations))


def test_services_never_take_the_request():
    violations = all_violations(service_request_violations)
    assert not violations, "\n".join(map(str, violations))


class TestTheRulesCatchViolations:
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
