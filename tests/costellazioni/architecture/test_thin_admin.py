"""README, "L'admin è sottile": admin modules call services; they neither save domain models nor write audit
rows, and an admin that edits a model with a state or an audit trail saves through a service, with refusals
shown next to the form (``costellazioni.admin.saving.RefusalAwareSaveMixin``)."""

import ast
import inspect

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import RequestFactory

from costellazioni import workflows
from costellazioni.admin.audit import AuditTimelineMixin
from costellazioni.admin.saving import RefusalAwareSaveMixin, ViewOnlyChangeFormMixin
from tests.costellazioni.architecture.source import LAYERS, Scoped, all_violations, function_names, visit

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


class _AdminWrites(Scoped):
    def visit_Call(self, node):
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        if name == "audit_record":
            self.report(node, "writes an audit row in the admin (let the service record it)")
        elif isinstance(func, ast.Attribute) and name in {"save", "delete"}:
            self.report(node, f"calls .{name}() in the admin (call a service)")
        elif isinstance(func, ast.Attribute) and name in ADMIN_WRITE_CALLS and _through_objects(func.value):
            self.report(node, f"calls .objects….{name}() in the admin (call a service)")
        self.generic_visit(node)


def admin_writes(path: str, source: str):
    if not _is_admin_module(path):
        return []
    return [v for v in visit(_AdminWrites, path, source) if (v.path, v.function) not in ADMIN_WRITE_ALLOWED]


# --- admins of models with a state or an audit trail save through a service ------------------------
#
# Read from the admin registry rather than the source: which model an admin serves, whether the model has a
# registered workflow and which class finally defines ``save_model`` are facts of the running classes (mixins,
# ``admin.site.register`` calls, inherited methods) that ``ast`` could only guess at.


def _superuser_request():
    request = RequestFactory().get("/admin/")
    request.user = get_user_model()(is_superuser=True, is_staff=True, is_active=True)
    return request


def _keeps_a_record(model, model_admin) -> bool:
    return bool(workflows.workflows_for(model)) or isinstance(model_admin, AuditTimelineMixin)


def _saves_through_a_service(model_admin) -> bool:
    return (
        isinstance(model_admin, RefusalAwareSaveMixin)
        and type(model_admin).save_model is not admin.ModelAdmin.save_model
    )


def _view_only(model_admin) -> bool:
    return (
        isinstance(model_admin, ViewOnlyChangeFormMixin)
        and type(model_admin).is_editable is ViewOnlyChangeFormMixin.is_editable
    )


def _offers_a_form(model_admin) -> bool:
    """Whether anyone (a superuser, the widest case) could submit its add or change form."""
    request = _superuser_request()
    if model_admin.has_add_permission(request):
        return True
    return model_admin.has_change_permission(request) and not _view_only(model_admin)


def default_saves(registry) -> list[str]:
    """The models whose admin would save them with Django's default ``save_model``, though they have a workflow
    or an audit timeline."""
    return sorted(
        model._meta.label
        for model, model_admin in registry.items()
        if model._meta.app_label in LAYERS
        and _keeps_a_record(model, model_admin)
        and _offers_a_form(model_admin)
        and not _saves_through_a_service(model_admin)
    )


def _reaches_the_default(model_admin, method: str) -> bool:
    """Whether the admin's ``method`` is Django's own, or hands over to it with ``super()``."""
    own = getattr(type(model_admin), method)
    default = getattr(admin.ModelAdmin, method)
    return own is default or f"super().{method}(" in inspect.getsource(own)


def _hands_rows_to_save_formset(model_admin) -> bool:
    """Whether ``save_related`` passes the inline formsets to ``save_formset``, as Django's own does."""
    return _reaches_the_default(model_admin, "save_related") or "self.save_formset(" in inspect.getsource(
        type(model_admin).save_related
    )


def _edits_rows(model_admin, request) -> bool:
    return any(
        inline.has_add_permission(request, None)
        or inline.has_change_permission(request, None)
        or inline.has_delete_permission(request, None)
        for inline in model_admin.get_inline_instances(request, None)
    )


def _edits_many_to_many(model, model_admin, request) -> bool:
    names = {field.name for field in model._meta.many_to_many}
    return bool(names & set(model_admin.get_form(request, None).base_fields))


def default_row_saves(registry) -> list[str]:
    """The models with a workflow or an audit timeline whose admin saves inline rows or many-to-many fields
    with Django's default (``save_formset``, ``form.save_m2m()`` in ``save_related``)."""
    request = _superuser_request()
    found = []
    for model, model_admin in registry.items():
        if model._meta.app_label not in LAYERS or not _keeps_a_record(model, model_admin):
            continue
        rows = (
            _edits_rows(model_admin, request)
            and _hands_rows_to_save_formset(model_admin)
            and _reaches_the_default(model_admin, "save_formset")
        )
        many = _edits_many_to_many(model, model_admin, request) and _reaches_the_default(model_admin, "save_related")
        if rows or many:
            found.append(model._meta.label)
    return sorted(found)


def test_admin_modules_call_services_for_their_writes():
    violations = all_violations(admin_writes)
    assert not violations, "\n".join(map(str, violations))


def test_admins_of_models_with_a_record_save_through_a_service():
    found = default_saves(admin.site._registry)
    assert found == [], f"these admins save with Django's default, let them call a service: {found}"


def test_inline_rows_and_many_to_many_of_models_with_a_record_save_through_a_service():
    found = default_row_saves(admin.site._registry)
    assert found == [], f"these admins save rows or many-to-many fields with Django's default: {found}"


def test_the_allow_list_names_existing_functions():
    for path, function in ADMIN_WRITE_ALLOWED:
        assert function in function_names(path), f"{path}: {function} is gone, delete its ADMIN_WRITE_ALLOWED entry"


# --- tests of the tests --------------------------------------------------------------------------


def test_an_admin_saving_or_auditing_by_hand_fails():
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


def test_an_admin_overriding_nothing_on_a_model_with_a_workflow_fails():
    from coprogrammazione.models import Percorso
    from governance.models import Appalto

    class DefaultSave(admin.ModelAdmin):
        pass

    class MixinWithoutSave(RefusalAwareSaveMixin, admin.ModelAdmin):
        pass

    class ReadOnly(admin.ModelAdmin):
        def has_add_permission(self, request):
            return False

        def has_change_permission(self, request, obj=None):
            return False

    class ViewOnly(ViewOnlyChangeFormMixin, admin.ModelAdmin):
        def has_add_permission(self, request):
            return False

    class SometimesEditable(ViewOnly):
        def is_editable(self, request, obj):
            return True

    class ThroughTheService(RefusalAwareSaveMixin, admin.ModelAdmin):
        def save_model(self, request, obj, form, change):
            pass

    class TimelineDefaultSave(AuditTimelineMixin, admin.ModelAdmin):
        pass

    def found(admin_class, model=Percorso):
        site = admin.AdminSite()
        site.register(model, admin_class)
        return default_saves(site._registry)

    assert found(DefaultSave) == found(MixinWithoutSave) == ["coprogrammazione.Percorso"]
    assert found(ReadOnly) == found(ViewOnly) == found(ThroughTheService) == []
    assert found(SometimesEditable) == ["coprogrammazione.Percorso"]
    # A model without a workflow counts when its admin shows an audit timeline.
    assert found(DefaultSave, Appalto) == []
    assert found(TimelineDefaultSave, Appalto) == ["governance.Appalto"]


def test_an_admin_saving_rows_or_many_to_many_with_the_default_fails():
    from contributi.models import Bando, CriterioValutazione

    class Criteri(admin.TabularInline):
        model = CriterioValutazione

    class ThroughTheService(RefusalAwareSaveMixin, admin.ModelAdmin):
        exclude = ["quartieri"]

        def save_model(self, request, obj, form, change):
            pass

    class DefaultRows(ThroughTheService):
        inlines = [Criteri]

    class RowsHandedToTheDefault(DefaultRows):
        def save_formset(self, request, form, formset, change):
            super().save_formset(request, form, formset, change)

    class RowsThroughTheService(DefaultRows):
        def save_formset(self, request, form, formset, change):
            pass

    class DefaultManyToMany(ThroughTheService):
        exclude = []

    class ManyToManyThroughTheService(DefaultManyToMany):
        def save_related(self, request, form, formsets, change):
            pass

    class RowsInSaveRelated(DefaultRows):
        def save_related(self, request, form, formsets, change):
            pass

    class SaveRelatedHandingRowsToTheDefault(DefaultRows):
        def save_related(self, request, form, formsets, change):
            for formset in formsets:
                self.save_formset(request, form, formset, change=change)

    def found(admin_class):
        site = admin.AdminSite()
        site.register(Bando, admin_class)
        return default_row_saves(site._registry)

    assert found(DefaultRows) == found(RowsHandedToTheDefault) == ["contributi.Bando"]
    assert found(SaveRelatedHandingRowsToTheDefault) == found(DefaultManyToMany) == ["contributi.Bando"]
    assert found(ThroughTheService) == found(RowsThroughTheService) == found(RowsInSaveRelated) == []
    assert found(ManyToManyThroughTheService) == []
