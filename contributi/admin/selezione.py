"""Admin of a call's selection rules: the admissibility checklist and the scoring rules."""

from django.contrib import admin

from contributi.models import CriterioValutazione, RegoleSelezione, VoceChecklist
from contributi.models.graduatoria import REGOLE_FISSE


@admin.register(VoceChecklist)
class VoceChecklistAdmin(admin.ModelAdmin):
    list_display = ["testo", "bando", "riferimento", "bloccante", "ordine"]
    list_filter = ["bando"]
    list_editable = ["ordine"]
    search_fields = ["testo"]


@admin.register(RegoleSelezione)
class RegoleSelezioneAdmin(admin.ModelAdmin):
    list_display = ["bando", "modalita_punteggio", "soglia_minima", "criterio_spareggio", "finanziamento_parziale"]
    autocomplete_fields = []

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.is_frozen():
            return ["bando", *REGOLE_FISSE]
        return ["bando"] if obj is not None else []

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "criterio_spareggio":
            kwargs["queryset"] = CriterioValutazione.objects.select_related("bando")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
