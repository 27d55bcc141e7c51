"""Small modules (issue 12, item 6): no module of the apps (migrations exempt) and no test module is over
``LIMIT`` lines; a longer one is split along its concepts."""

from tests.costellazioni.architecture.source import project_files, suite_files

LIMIT = 400


def oversized(files) -> list[str]:
    """``path (n lines)`` of every module in ``files`` (pairs of path and source) over the limit."""
    return [f"{path} ({n} lines)" for path, source in files if (n := len(source.splitlines())) > LIMIT]


def _all_files():
    yield from project_files()
    yield from suite_files()


def test_no_module_is_over_the_limit():
    found = oversized(_all_files())
    assert not found, f"split these along their concepts (at most {LIMIT} lines): {found}"


def test_a_module_over_the_limit_is_caught():
    at_limit = "x = 1\n" * LIMIT
    assert oversized([("ricerca/nuovo.py", at_limit)]) == []
    assert oversized([("ricerca/nuovo.py", at_limit + "y = 2\n")]) == [f"ricerca/nuovo.py ({LIMIT + 1} lines)"]
