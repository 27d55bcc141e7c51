"""Public events at the HUBs: staff publish, change and cancel them here."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from costellazioni.admin.changelist import PortalChangeListMixin
from hubs.models import EventoHub


@admin.register(EventoHub)
class EventoHubAdmin(PortalChangeListMixin, admin.ModelAdmin):
    """Cancel an event with «annullato» rather than deleting it: people who planned to come see the notice."""

    list_display = ["titolo", "hub", "inizio", "fine", "pubblico", "annullato"]
    list_filter = ["hub", "pubblico", "annullato", ("inizio", admin.DateFieldListFilter)]
    list_select_related = ["hub"]
    search_fields = ["titolo", "descrizione"]
    date_hierarchy = "inizio"
    ordering = ["-inizio"]
    prepopulated_fields = {"slug": ["titolo"]}
    autocomplete_fields = ["hub", "ente_organizzatore"]
    fieldsets = (
        (None, {"fields": ("hub", "spazio", "titolo", "slug", "descrizione", "ente_organizzatore")}),
        (_("Quando"), {"fields": ("inizio", "fine")}),
        (_("Partecipazione"), {"fields": ("iscrizione", "link_iscrizione", "accessibilita")}),
        (_("Pubblicazione"), {"fields": ("pubblico", "annullato")}),
    )

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if "spazio" in form.base_fields:
            form.base_fields["spazio"].queryset = form.base_fields["spazio"].queryset.select_related("hub")
        return form
