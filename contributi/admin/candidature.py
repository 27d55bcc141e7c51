import json

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from contributi.models import Allegato, Candidatura, VoceBudget
from costellazioni.admin.audit import AuditTimelineMixin


class VoceInline(admin.TabularInline):
    model = VoceBudget
    extra = 0


class AllegatoInline(admin.TabularInline):
    model = Allegato
    extra = 0
    fields = ["richiesto", "nome_originale", "content_type", "dimensione", "sha256", "scarica"]
    readonly_fields = fields

    @admin.display(description=_("file"))
    def scarica(self, obj):
        return format_html('<a href="{}">{}</a>', reverse("contributi:allegato", kwargs={"pk": obj.pk}), _("Scarica"))


@admin.register(Candidatura)
class CandidaturaAdmin(AuditTimelineMixin, admin.ModelAdmin):
    list_display = ["__str__", "bando", "ente", "stato", "presentata_il", "importo_richiesto"]
    list_filter = ["bando", "stato", "bando__linea"]
    search_fields = ["numero_protocollo", "titolo", "ente__denominazione", "ente__codice_fiscale"]
    list_select_related = ["bando", "ente"]
    inlines = [VoceInline, AllegatoInline]
    readonly_fields = [f.name for f in Candidatura._meta.fields] + ["snapshot_json"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("bando", "ente")

    @admin.display(description=_("contenuto presentato"))
    def snapshot_json(self, obj):
        if obj.snapshot is None:
            return "—"
        return format_html("<pre>{}</pre>", json.dumps(obj.snapshot, indent=2, ensure_ascii=False))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
