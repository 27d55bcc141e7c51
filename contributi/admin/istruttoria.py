"""Admin of the istruttoria's requests to the applicant: integration requests and preavvisi di rigetto."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from contributi import permissions, services
from contributi.models import Preavviso, RichiestaIntegrazioni
from costellazioni.admin.actions import apply_to_each
from costellazioni.admin.saving import RefusalAwareSaveMixin, ViewOnlyChangeFormMixin


class AperteFilter(admin.SimpleListFilter):
    """Still waiting: integration requests without a reply, preavvisi without a decision (the work queue's lines)."""

    title = _("in attesa")
    parameter_name = "aperta"
    label = _("In attesa di risposta")

    def lookups(self, request, model_admin):
        return [("1", self.label)]

    def queryset(self, request, queryset):
        return self.open(queryset) if self.value() == "1" else queryset

    def open(self, queryset):
        return queryset.pending()


class PreavvisiApertiFilter(AperteFilter):
    parameter_name = "aperto"
    label = _("Da decidere")

    def open(self, queryset):
        return queryset.undecided()


@admin.register(RichiestaIntegrazioni)
class RichiestaIntegrazioniAdmin(ViewOnlyChangeFormMixin, admin.ModelAdmin):
    list_display = ["candidatura", "richiesta_il", "scadenza", "risposta_il", "chiusa_il"]
    list_filter = [AperteFilter, "candidatura__bando"]
    list_select_related = ["candidatura"]
    readonly_fields = [f.name for f in RichiestaIntegrazioni._meta.fields]
    actions = ["chiudi_scadute"]

    def has_add_permission(self, request):
        return False

    def has_selezione_permission(self, request):
        return permissions.may_work_selection(request.user)

    @admin.action(description=_("Riprendi l'istruttoria (termine scaduto senza risposta)"), permissions=["selezione"])
    def chiudi_scadute(self, request, queryset):
        apply_to_each(
            self,
            request,
            queryset,
            lambda r: services.integrazioni_close(richiesta=r, actor=request.user),
            lambda n: ngettext("%(n)d richiesta chiusa.", "%(n)d richieste chiuse.", n),
        )


@admin.register(Preavviso)
class PreavvisoAdmin(RefusalAwareSaveMixin, ViewOnlyChangeFormMixin, admin.ModelAdmin):
    """The final decision after a preavviso di rigetto: only once observations arrived or ten days passed."""

    list_display = ["candidatura", "fase", "inviato_il", "scadenza", "osservazioni_il", "esito", "decisa_il"]
    list_filter = [PreavvisiApertiFilter, "fase", "esito", "candidatura__bando"]
    list_select_related = ["candidatura"]
    fields = [
        "candidatura",
        "fase",
        "motivi",
        "inviato_il",
        "scadenza",
        "osservazioni",
        "osservazioni_il",
        "esito",
        "considerazioni",
        "decisa_il",
        "decisa_da",
    ]

    def get_readonly_fields(self, request, obj=None):
        readonly = [f for f in self.fields if f not in ("esito", "considerazioni")]
        if obj is None or not obj.is_open:
            return self.fields
        return readonly

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def is_editable(self, request, obj) -> bool:
        return obj.is_open

    def save_model(self, request, obj, form, change):
        services.preavviso_decide(
            preavviso=obj,
            actor=request.user,
            esito=form.cleaned_data["esito"],
            considerazioni=form.cleaned_data["considerazioni"],
        )
