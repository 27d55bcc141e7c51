"""What every architecture rule shares: the project's files, the layers, a violation and a scoped visitor."""

import ast
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

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


@dataclass(frozen=True)
class Violation:
    path: str
    line: int
    function: str
    message: str

    def __str__(self):
        return f"{self.path}:{self.line} ({self.function or 'module'}): {self.message}"


def project_files():
    """``(path, source)`` of every module of the apps: migrations and tests left out."""
    for app in LAYERS:
        for path in sorted((ROOT / app).rglob("*.py")):
            parts = path.relative_to(ROOT).parts
            if "migrations" in parts or "tests" in parts or path.name.startswith("test_"):
                continue
            yield path.relative_to(ROOT).as_posix(), path.read_text()


def suite_files():
    """``(path, source)`` of every module of the test suite."""
    for path in sorted((ROOT / "tests").rglob("*.py")):
        yield path.relative_to(ROOT).as_posix(), path.read_text()


def app_of(path: str) -> str:
    return path.split("/", 1)[0]


class Scoped(ast.NodeVisitor):
    """Remembers the enclosing (outermost) function's name while visiting."""

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


def visit(visitor_class, path: str, source: str) -> list[Violation]:
    visitor = visitor_class(path)
    visitor.visit(ast.parse(source))
    return visitor.violations


def all_violations(check, files=project_files):
    return [violation for path, source in files() for violation in check(path, source)]


def function_names(path: str) -> set[str]:
    tree = ast.parse((ROOT / path).read_text())
    return {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)}
