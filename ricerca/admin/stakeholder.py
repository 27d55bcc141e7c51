from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from costellazioni.admin.changelist import PortalChangeListMixin
from ricerca.models import AttivitaCoinvolgimento, LivelloCoinvolgimento, Stakeholder


class LivelloInline(admin.TabularInline):
    model = LivelloCoinvolgimento
    extra = 1
    fields = ["data", "livello", "attivita", "nota"]
    autocomplete_fields = ["attivita"]


@admin.register(Stakeholder)
class StakeholderAdmin(admin.ModelAdmin):
    list_display = ["nome", "tipo", "quartiere", "interesse", "influenza", "quadrante"]
    list_filter = ["tipo", ("quartiere", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["quartiere"]
    search_fields = ["nome"]
    autocomplete_fields = ["ente", "quartiere"]
    inlines = [LivelloInline]

    @admin.display(description=_("quadrante"))
    def quadrante(self, obj):
        return format_html('<a href="{}">{}</a>', reverse("ricerca:stakeholder"), obj.quadrante)


@admin.register(AttivitaCoinvolgimento)
class AttivitaCoinvolgimentoAdmin(PortalChangeListMixin, admin.ModelAdmin):
    list_display = ["titolo", "tipo", "data", "partecipanti"]
    list_filter = ["tipo"]
    search_fields = ["titolo"]
    date_hierarchy = "data"
    filter_horizontal = ["stakeholder"]
