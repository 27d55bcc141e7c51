from django.contrib import admin

from costellazioni.admin.changelist import SafeDateHierarchyMixin
from ricerca.models import Bisogno


@admin.register(Bisogno)
class BisognoAdmin(SafeDateHierarchyMixin, admin.ModelAdmin):
    list_display = ["__str__", "categoria", "urgenza", "stato", "quartiere", "creato_il"]
    list_filter = ["stato", "urgenza", "categoria", ("quartiere", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["quartiere"]
    search_fields = ["descrizione"]
    date_hierarchy = "creato_il"
    autocomplete_fields = ["segnalato_da"]
    raw_id_fields = ["quartiere"]
