"""Small modules (issue 12, item 6): no module of the apps (migrations exempt) and no test module is over
``LIMIT`` lines; a longer one is split along its concepts."""

from tests.costellazioni.architecture.source import ROOT, project_files, suite_files

LIMIT = 400

# Modules still over the limit, being split now: path -> reason. Temporary: a test fails once an entry is no
# longer over the limit, so the list only shrinks.
SPLITTING = "being split along its concepts (issue 12, item 6)"
SIZE_ALLOWED = {
    "antenne/demo.py": SPLITTING,
    "antenne/services/banca.py": SPLITTING,
    "contributi/admin/selezione.py": SPLITTING,
    "contributi/services/erogazioni.py": SPLITTING,
    "hubs/demo.py": SPLITTING,
    "hubs/services.py": SPLITTING,
    "tests/antenne/test_services.py": SPLITTING,
    "tests/antenne/test_views.py": SPLITTING,
    "tests/contributi/test_views_selezione.py": SPLITTING,
    "tests/costellazioni/test_area_personale.py": SPLITTING,
    "tests/hubs/test_services.py": SPLITTING,
}


def oversized(files) -> list[str]:
    """``path (n lines)`` of every module in ``files`` (pairs of path and source) over the limit."""
    return [f"{path} ({n} lines)" for path, source in files if (n := len(source.splitlines())) > LIMIT]


def _all_files():
    yield from project_files()
    yield from suite_files()


def test_no_module_is_over_the_limit():
    found = [entry for entry in oversized(_all_files()) if entry.split(" ", 1)[0] not in SIZE_ALLOWED]
    assert not found, f"split these along their concepts (at most {LIMIT} lines): {found}"


def test_every_allowed_module_is_still_over_the_limit():
    stale = [
        path
        for path in SIZE_ALLOWED
        if not (ROOT / path).exists() or len((ROOT / path).read_text().splitlines()) <= LIMIT
    ]
    assert not stale, f"these modules are split now, delete their SIZE_ALLOWED entries: {stale}"


def test_a_module_over_the_limit_is_caught():
    at_limit = "x = 1\n" * LIMIT
    assert oversized([("ricerca/nuovo.py", at_limit)]) == []
    assert oversized([("ricerca/nuovo.py", at_limit + "y = 2\n")]) == [f"ricerca/nuovo.py ({LIMIT + 1} lines)"]
