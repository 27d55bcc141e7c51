"""Page ratings in the admin: read-only, to see which pages people find unclear and why."""

from django.contrib import admin

from costellazioni.admin.changelist import SafeDateHierarchyMixin
from costellazioni.models import ValutazionePagina


@admin.register(ValutazionePagina)
class ValutazionePaginaAdmin(SafeDateHierarchyMixin, admin.ModelAdmin):
    list_display = ["pagina", "stelle", "aspetto", "creata_il"]
    list_filter = ["stelle", "aspetto", ("creata_il", admin.DateFieldListFilter)]
    search_fields = ["pagina"]
    date_hierarchy = "creata_il"
    readonly_fields = ["pagina", "stelle", "aspetto", "commento", "creata_il"]
    fields = readonly_fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # Viewing stays possible through the view permission; answers are never edited.
        return False
