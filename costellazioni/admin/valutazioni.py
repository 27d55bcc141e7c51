"""Page ratings and disservice reports in the admin: what people found unclear or broken, and why."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from costellazioni.admin.changelist import PortalChangeListMixin
from costellazioni.models import SegnalazioneDisservizio, ValutazionePagina
from costellazioni.services.disservizi import disservizio_mark_handled


@admin.register(ValutazionePagina)
class ValutazionePaginaAdmin(PortalChangeListMixin, admin.ModelAdmin):
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


class GestitaFilter(admin.SimpleListFilter):
    title = _("gestione")
    parameter_name = "gestita"

    def lookups(self, request, model_admin):
        return [("no", _("Da gestire")), ("si", _("Gestite"))]

    def queryset(self, request, queryset):
        if self.value() in ("no", "si"):
            return queryset.filter(gestita_il__isnull=self.value() == "no")
        return queryset


@admin.register(SegnalazioneDisservizio)
class SegnalazioneDisservizioAdmin(PortalChangeListMixin, admin.ModelAdmin):
    list_display = ["creata_il", "pagina", "descrizione_breve", "email", "gestita_il"]
    list_filter = [GestitaFilter, ("creata_il", admin.DateFieldListFilter)]
    search_fields = ["pagina", "descrizione", "email", "nome"]
    date_hierarchy = "creata_il"
    readonly_fields = ["creata_il", "pagina", "descrizione", "nome", "email", "autore", "gestita_il"]
    fields = [*readonly_fields, "nota_interna"]
    actions = ["segna_gestite"]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("segnalazione"))
    def descrizione_breve(self, obj):
        return Truncator(obj.descrizione).chars(80)

    @admin.action(description=_("Segna come gestite"), permissions=["change"])
    def segna_gestite(self, request, queryset):
        try:
            changed = disservizio_mark_handled(segnalazioni=queryset, actor=request.user)
        except PermissionDenied as error:
            self.message_user(request, error, messages.ERROR)
            return
        self.message_user(
            request,
            ngettext("%(n)d segnalazione segnata come gestita.", "%(n)d segnalazioni segnate come gestite.", changed)
            % {"n": changed},
            messages.SUCCESS,
        )
