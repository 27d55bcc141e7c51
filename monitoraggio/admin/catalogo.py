from django.contrib import admin

from monitoraggio.models import Indicatore, Tappa, Target


class TargetInline(admin.TabularInline):
    model = Target
    extra = 1


@admin.register(Indicatore)
class IndicatoreAdmin(admin.ModelAdmin):
    list_display = ["codice", "nome", "macro_azione", "tipo", "fonte", "frequenza", "pubblico"]
    list_filter = ["macro_azione", "tipo", "fonte", "pubblico"]
    search_fields = ["codice", "nome", "codice_ue"]
    inlines = [TargetInline]


@admin.register(Tappa)
class TappaAdmin(admin.ModelAdmin):
    list_display = ["titolo", "progetto", "scadenza", "raggiunta_il"]
    list_filter = ["raggiunta_il"]
    search_fields = ["titolo", "progetto__candidatura__titolo", "progetto__cup"]
    raw_id_fields = ["progetto"]
    date_hierarchy = "scadenza"
