from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from costellazioni.admin.changelist import PortalChangeListMixin
from ricerca.models import Citazione, Intervista, Tema


class CitazioneInline(admin.StackedInline):
    model = Citazione
    extra = 1
    fields = ["tema", "testo", "bisogni", "elementi_toc"]
    autocomplete_fields = ["bisogni", "elementi_toc"]


@admin.register(Intervista)
class IntervistaAdmin(PortalChangeListMixin, admin.ModelAdmin):
    list_display = ["titolo", "tipo", "data", "partecipanti"]
    list_filter = ["tipo"]
    search_fields = ["titolo", "note"]
    date_hierarchy = "data"
    inlines = [CitazioneInline]
    autocomplete_fields = ["condotta_da"]


@admin.register(Tema)
class TemaAdmin(admin.ModelAdmin):
    list_display = ["nome", "citazioni_n"]
    search_fields = ["nome"]

    def get_queryset(self, request):
        from django.db.models import Count

        return super().get_queryset(request).annotate(n=Count("citazioni"))

    @admin.display(description=_("citazioni"), ordering="n")
    def citazioni_n(self, obj):
        return obj.n
