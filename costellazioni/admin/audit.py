"""The audit log in the admin: read-only for everybody, and a timeline on other objects' change forms."""

from django.contrib import admin
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from costellazioni.admin.actions import ReadOnlyAdminMixin
from costellazioni.admin.changelist import PortalChangeListMixin
from costellazioni.admin.codes import code_filter
from costellazioni.codes import audit_events
from costellazioni.models import EventoAudit
from costellazioni.templatetags.audit import render_timeline


class AuditTimelineMixin:
    """Show the object's audit timeline at the bottom of its change form.

    ``class CandidaturaAdmin(AuditTimelineMixin, admin.ModelAdmin): ...`` — nothing else to declare;
    the mixin adds a read-only ``cronologia`` field in its own fieldset when the object exists.
    """

    timeline_field = "cronologia"

    @admin.display(description=_("cronologia"))
    def cronologia(self, obj):
        return render_timeline(obj, heading=False)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and self.timeline_field not in fields:
            fields.append(self.timeline_field)
        return fields

    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            (name, {**options, "fields": [f for f in options["fields"] if f != self.timeline_field]})
            for name, options in super().get_fieldsets(request, obj)
        ]
        if obj is not None:
            fieldsets.append((_("Cronologia"), {"fields": [self.timeline_field]}))
        return fieldsets


@admin.register(EventoAudit)
class EventoAuditAdmin(PortalChangeListMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    """Append-only for everybody, superusers included: the log is evidence."""

    list_display = ["creato_il", "oggetto_link", "content_type", "evento_display", "passaggio", "autore"]
    list_filter = [
        ("content_type", admin.RelatedOnlyFieldListFilter),
        code_filter(field="evento", title=_("evento"), registry=audit_events),
        "creato_il",
    ]
    list_select_related = ["content_type", "autore"]
    search_fields = ["oggetto_repr", "autore__email", "evento", "nota"]
    date_hierarchy = "creato_il"
    fields = [
        "creato_il",
        "content_type",
        "object_id",
        "oggetto_link",
        "evento_display",
        "stato_da",
        "stato_a",
        "nota",
        "autore",
    ]
    readonly_fields = fields
    list_per_page = 50

    @admin.display(description=_("oggetto"), ordering="oggetto_repr")
    def oggetto_link(self, obj):
        try:
            url = reverse(f"admin:{obj.content_type.app_label}_{obj.content_type.model}_change", args=[obj.object_id])
        except NoReverseMatch:
            return obj.oggetto_repr
        return format_html('<a href="{}">{}</a>', url, obj.oggetto_repr)

    @admin.display(description=_("evento"), ordering="evento")
    def evento_display(self, obj):
        return obj.evento_label

    @admin.display(description=_("passaggio di stato"))
    def passaggio(self, obj):
        if obj.stato_da and obj.stato_a:
            return format_html("{} → {}", obj.stato_da, obj.stato_a)
        return obj.stato_a or "—"
