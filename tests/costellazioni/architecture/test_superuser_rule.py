"""One meaning of "staff": only ``costellazioni.permissions.is_staff_comunale`` reads ``is_superuser``."""

import ast

from tests.costellazioni.architecture.source import Scoped, all_violations, visit

# The one place that decides whether a superuser counts as staff (``is_staff_comunale``).
SUPERUSER_RULE = "costellazioni/permissions.py"
# Keys the permissions it keeps on the flag, so that one made or unmade superuser is read again; it decides
# nothing (Django's backend says what a superuser holds).
PERMISSION_CACHE = "costellazioni/permission_cache.py"


class _SuperuserReads(Scoped):
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


def superuser_reads(path: str, source: str):
    """``user.is_superuser`` read outside the core rule: every app asks ``is_staff_comunale`` instead."""
    if path in (SUPERUSER_RULE, PERMISSION_CACHE):
        return []
    return visit(_SuperuserReads, path, source)


def test_only_the_core_rule_reads_is_superuser():
    violations = all_violations(superuser_reads)
    assert not violations, "\n".join(map(str, violations))


def test_reading_is_superuser_outside_the_core_rule_fails():
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
