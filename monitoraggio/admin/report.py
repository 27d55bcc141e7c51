from django import forms
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from costellazioni.admin.actions import apply_to_each
from costellazioni.admin.audit import AuditTimelineMixin
from costellazioni.admin.changelist import PortalChangeListMixin
from costellazioni.admin.saving import RefusalAwareSaveMixin
from monitoraggio import services
from monitoraggio.models import Report
from monitoraggio.periods import PERIOD_OF


class ReportRequestForm(forms.ModelForm):
    riferimento = forms.DateField(
        label=_("Un giorno del periodo"),
        help_text=_("Il report copre il mese, il trimestre o l'anno che contiene questo giorno."),
        initial=timezone.localdate,
    )

    class Meta:
        model = Report
        fields = ["tipo"]

    def clean(self):
        data = super().clean()
        if data.get("tipo") and data.get("riferimento"):
            data["periodo_inizio"], data["periodo_fine"] = PERIOD_OF[data["tipo"]](data["riferimento"])
            if data["periodo_inizio"] > timezone.localdate():
                self.add_error("riferimento", _("Il periodo non è ancora cominciato."))
        return data


@admin.register(Report)
class ReportAdmin(RefusalAwareSaveMixin, PortalChangeListMixin, AuditTimelineMixin, admin.ModelAdmin):
    form = ReportRequestForm
    list_display = ["__str__", "tipo", "stato_badge", "generato_il", "pagine", "tentativi", "pubblicato", "scarica"]
    list_filter = ["tipo", "stato", "pubblicato"]
    date_hierarchy = "periodo_inizio"
    actions = ["regenerate", "publish", "unpublish"]
    DETAIL = [
        "tipo",
        "periodo_inizio",
        "periodo_fine",
        "stato_badge",
        "scarica",
        "pagine",
        "generato_il",
        "durata_secondi",
        "tentativi",
        "errore",
        "richiesto_da",
        "pubblicato",
        "pubblicato_il",
    ]

    def get_fields(self, request, obj=None):
        return ["tipo", "riferimento"] if obj is None else self.DETAIL

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else [*self.DETAIL, *super().get_readonly_fields(request, obj)]

    @admin.display(description=_("stato"), ordering="stato")
    def stato_badge(self, obj):
        colours = {Report.Stato.PRONTO: "success", Report.Stato.FALLITO: "danger"}
        return format_html(
            '<strong class="text-{}">{}</strong>', colours.get(obj.stato, "secondary"), obj.get_stato_display()
        )

    @admin.display(description=_("file"))
    def scarica(self, obj):
        if not obj.file or obj.stato != Report.Stato.PRONTO:
            return "—"
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), _("Scarica il PDF"))

    def save_model(self, request, obj, form, change):
        if change:
            return
        data = form.cleaned_data
        # A refusal goes through: ``RefusalAwareSaveMixin`` shows it next to the form.
        created = services.report_request(
            tipo=data["tipo"],
            periodo_inizio=data["periodo_inizio"],
            periodo_fine=data["periodo_fine"],
            actor=request.user,
        )
        obj.__dict__.update({key: value for key, value in created.__dict__.items() if key != "_state"})
        obj._state.adding = False
        self.message_user(
            request,
            _("Report in preparazione: lo stato si aggiorna qui; riceverai un messaggio quando è pronto."),
            messages.INFO,
        )

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Rigenera i report selezionati"), permissions=["change"])
    def regenerate(self, request, queryset):
        apply_to_each(
            self,
            request,
            queryset,
            lambda r: services.report_request(
                tipo=r.tipo, periodo_inizio=r.periodo_inizio, periodo_fine=r.periodo_fine, actor=request.user
            ),
            lambda n: ngettext("%(n)d report in preparazione.", "%(n)d report in preparazione.", n),
        )

    @admin.action(description=_("Pubblica i report selezionati"), permissions=["change"])
    def publish(self, request, queryset):
        apply_to_each(
            self,
            request,
            queryset,
            lambda r: services.report_publish(report=r, actor=request.user),
            lambda n: ngettext("%(n)d report pubblicato.", "%(n)d report pubblicati.", n),
        )

    @admin.action(description=_("Ritira dalla pubblicazione"), permissions=["change"])
    def unpublish(self, request, queryset):
        apply_to_each(
            self,
            request,
            queryset,
            lambda r: services.report_unpublish(report=r, actor=request.user),
            lambda n: ngettext("%(n)d report ritirato.", "%(n)d report ritirati.", n),
        )
