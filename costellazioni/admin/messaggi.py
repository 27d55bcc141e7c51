"""Messages in the admin: read-only, to answer "did this person get told?"."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from costellazioni.admin.actions import ReadOnlyAdminMixin
from costellazioni.admin.changelist import PortalChangeListMixin
from costellazioni.admin.codes import code_filter
from costellazioni.codes import notification_kinds
from costellazioni.models import Messaggio


class LettoFilter(admin.SimpleListFilter):
    title = _("letto")
    parameter_name = "letto"

    def lookups(self, request, model_admin):
        return [("si", _("Letti")), ("no", _("Da leggere"))]

    def queryset(self, request, queryset):
        if self.value() == "si":
            return queryset.filter(letto_il__isnull=False)
        if self.value() == "no":
            return queryset.filter(letto_il__isnull=True)
        return queryset


class EmailFilter(admin.SimpleListFilter):
    title = _("e-mail")
    parameter_name = "email"

    def lookups(self, request, model_admin):
        return [("si", _("Inviata")), ("no", _("Non inviata"))]

    def queryset(self, request, queryset):
        if self.value() == "si":
            return queryset.filter(email_inviata_il__isnull=False)
        if self.value() == "no":
            return queryset.filter(email_inviata_il__isnull=True)
        return queryset


@admin.register(Messaggio)
class MessaggioAdmin(PortalChangeListMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    """Messages are written only by services.notifications.notify and go with their recipient's account."""

    list_display = ["creato_il", "destinatario", "tipo_display", "oggetto", "letto_il", "email_inviata_il"]
    list_filter = [
        code_filter(field="tipo", title=_("tipo"), registry=notification_kinds),
        LettoFilter,
        EmailFilter,
        "creato_il",
    ]
    list_select_related = ["destinatario"]
    search_fields = ["oggetto", "testo", "destinatario__email", "destinatario__last_name"]
    date_hierarchy = "creato_il"
    fields = [
        "destinatario",
        "tipo_display",
        "oggetto",
        "testo",
        "link",
        "allegati_elenco",
        "creato_il",
        "letto_il",
        "email_inviata_il",
    ]
    readonly_fields = fields
    list_per_page = 50

    @admin.display(description=_("tipo"), ordering="tipo")
    def tipo_display(self, obj):
        return obj.tipo_label

    @admin.display(description=_("allegati"))
    def allegati_elenco(self, obj):
        # Staff see what was attached, not the content: the files are the recipient's.
        return ", ".join(obj.allegati.values_list("nome_file", flat=True)) or "—"
