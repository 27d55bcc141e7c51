from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from contributi import services
from contributi.admin.erogazioni import TrancheFormSet
from contributi.models import (
    FROZEN_FIELDS,
    AllegatoRichiesto,
    Bando,
    Candidatura,
    CriterioValutazione,
    DocumentoBando,
    FaqBando,
    Rettifica,
    TrancheBando,
)
from costellazioni.admin.actions import apply_to_each
from costellazioni.admin.audit import AuditTimelineMixin
from costellazioni.admin.confirm import confirm_action
from costellazioni.admin.saving import RefusalAwareSaveMixin, save_nothing, save_rows
from costellazioni.spreadsheets import csv_response, xlsx_append, xlsx_response, xlsx_workbook

EXPORT_COLUMNS = [
    ("numero_protocollo", _("Protocollo")),
    ("presentata_il", _("Presentata il")),
    ("ente__denominazione", _("Ente")),
    ("ente__codice_fiscale", _("Codice fiscale")),
    ("titolo", _("Progetto")),
    ("stato", _("Stato")),
    ("importo_richiesto", _("Contributo richiesto")),
    ("cofinanziamento", _("Cofinanziamento")),
]


class FrozenInline(admin.TabularInline):
    extra = 0

    def _published(self, obj):
        return obj is not None and obj.is_published

    def has_add_permission(self, request, obj=None):
        return not self._published(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self._published(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._published(obj) and super().has_delete_permission(request, obj)


class CriterioInline(FrozenInline):
    model = CriterioValutazione


class AllegatoRichiestoInline(FrozenInline):
    model = AllegatoRichiesto


class FaqInline(admin.StackedInline):
    model = FaqBando
    extra = 0


class DocumentoInline(admin.TabularInline):
    model = DocumentoBando
    extra = 0


class PianoTrancheInline(FrozenInline):
    """The call's payment plan, part of the call: written before publication (through ``tranche_plan_set``)."""

    model = TrancheBando
    formset = TrancheFormSet
    fields = ["nome", "percentuale", "condizione"]
    verbose_name_plural = _("piano delle tranche di pagamento")


class RettificaForm(forms.Form):
    oggetto = forms.CharField(label=_("Oggetto"), max_length=200)
    testo = forms.CharField(label=_("Testo"), widget=forms.Textarea(attrs={"rows": 6, "cols": 80}))
    nuova_chiusura = forms.SplitDateTimeField(
        label=_("Nuova chiusura (proroga)"),
        required=False,
        widget=AdminSplitDateTime,
        help_text=_("Ora di Roma. Lascia vuoto se la rettifica non proroga il termine."),
    )
    documento = forms.FileField(label=_("Atto (PDF)"), required=False)


class RettificaInline(admin.TabularInline):
    model = Rettifica
    extra = 0
    can_delete = False
    fields = ["numero", "pubblicata_il", "oggetto", "testo", "nuova_chiusura", "atto", "autore"]
    readonly_fields = fields

    @admin.display(description=_("atto (PDF)"))
    def atto(self, obj):
        return obj.documento.name.rsplit("/", 1)[-1] if obj.documento else "—"

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Bando)
class BandoAdmin(RefusalAwareSaveMixin, AuditTimelineMixin, admin.ModelAdmin):
    list_display = ["titolo", "linea", "stato", "apertura", "termine"]
    list_filter = ["linea", "stato"]
    search_fields = ["titolo", "cup"]
    prepopulated_fields = {"slug": ["titolo"]}
    filter_horizontal = ["quartieri"]
    inlines = [
        CriterioInline,
        PianoTrancheInline,
        AllegatoRichiestoInline,
        DocumentoInline,
        FaqInline,
        RettificaInline,
    ]
    actions = ["pubblica", "genera_checklist", "esporta_csv", "esporta_xlsx"]

    def get_readonly_fields(self, request, obj=None):
        fields = [*super().get_readonly_fields(request, obj), "stato", "pubblicato_il", "termine"]
        if obj is not None and obj.is_published:
            fields += [*FROZEN_FIELDS, "quartieri"]
        return fields

    def get_urls(self):
        rettifica = path(
            "<int:pk>/rettifica/",
            self.admin_site.admin_view(self.rettifica_view),
            name="contributi_bando_rettifica",
        )
        return [rettifica, *super().get_urls()]

    def may_publish_rettifica(self, request, bando) -> bool:
        return self.has_change_permission(request, bando) and request.user.has_perm("contributi.add_rettifica")

    def rettifica_view(self, request, pk):
        """Publish an amendment of a published call through ``services.rettifica_publish``."""
        bando = self.get_object(request, str(pk))
        if bando is None:
            raise Http404
        if not self.may_publish_rettifica(request, bando):
            raise PermissionDenied
        form = RettificaForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                rettifica = services.rettifica_publish(bando=bando, actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                errors = exc.message_dict.items() if hasattr(exc, "error_dict") else [(None, exc.messages)]
                for field, messages_ in errors:
                    form.add_error(field if field in form.fields else None, messages_)
            else:
                self.message_user(
                    request, _("Rettifica n. %(n)d pubblicata.") % {"n": rettifica.numero}, messages.SUCCESS
                )
                return redirect("admin:contributi_bando_change", bando.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Pubblica una rettifica"),
            "subtitle": str(bando),
            "opts": self.opts,
            "original": bando,
            "form": form,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/contributi/bando/rettifica.html", context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        bando = self.get_object(request, object_id)
        extra_context = {
            **(extra_context or {}),
            "may_publish_rettifica": bando is not None
            and bando.is_published
            and self.may_publish_rettifica(request, bando),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        # A refusal goes through: ``RefusalAwareSaveMixin`` shows it next to the form. The quartieri have their own
        # service and audit row (``save_related``).
        if not change or set(form.changed_data) - {"quartieri"}:
            services.bando_save(bando=obj, actor=request.user)

    def save_related(self, request, form, formsets, change):
        if "quartieri" in form.cleaned_data:  # not once published: then it is read-only
            services.bando_quartieri_set(
                bando=form.instance, quartieri=form.cleaned_data["quartieri"], actor=request.user
            )
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def save_formset(self, request, form, formset, change):
        if formset.model is Rettifica:  # read-only: amendments are published through ``rettifica_view``
            save_nothing(formset)
            return
        if formset.model is TrancheBando:
            self._save_tranche_plan(request, form, formset)
            return
        save_rows(
            formset,
            parent=form.instance,
            save=lambda row: services.bando_row_save(row=row, actor=request.user),
            delete=lambda row: services.bando_row_delete(row=row, actor=request.user),
        )

    def _save_tranche_plan(self, request, form, formset):
        save_nothing(formset)
        if not formset.has_changed():
            return
        rows = [
            {name: f.cleaned_data[name] for name in PianoTrancheInline.fields}
            for f in formset.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        formset.new_objects = services.tranche_plan_set(bando=form.instance, actor=request.user, tranche=rows)

    @admin.action(description=_("Pubblica i bandi selezionati"), permissions=["change"])
    def pubblica(self, request, queryset):
        def apply(data):
            apply_to_each(
                self,
                request,
                queryset,
                lambda bando: services.bando_publish(bando=bando, actor=request.user),
                lambda n: ngettext("%(n)d bando pubblicato.", "%(n)d bandi pubblicati.", n),
            )

        return confirm_action(
            self,
            request,
            queryset,
            action="pubblica",
            title=_("Pubblica il bando"),
            consequences=[
                _("Il bando compare sul portale e, dalla data di apertura, gli enti possono candidarsi."),
                _(
                    "Criteri, importi, date, allegati richiesti e piano delle tranche non si possono più cambiare: "
                    "ogni correzione sarà una rettifica pubblicata."
                ),
            ],
            apply=apply,
        )

    @admin.action(description=_("Genera la checklist predefinita di ammissibilità"), permissions=["change"])
    def genera_checklist(self, request, queryset):
        apply_to_each(
            self,
            request,
            queryset,
            lambda bando: services.checklist_generate(bando=bando, actor=request.user),
            _("Checklist di ammissibilità aggiornata per %(n)d bandi."),
        )

    def _rows(self, queryset):
        return (
            Candidatura.objects.filter(bando__in=queryset)
            .submitted()
            .order_by("bando", "numero_protocollo")
            .values_list(*[c for c, _label in EXPORT_COLUMNS])
        )

    @admin.action(description=_("Esporta le candidature in CSV"))
    def esporta_csv(self, request, queryset):
        response, writer = csv_response("candidature.csv", delimiter=",", excel_bom=False)
        writer.writerow([str(label) for _c, label in EXPORT_COLUMNS])
        writer.writerows(self._rows(queryset))
        return response

    @admin.action(description=_("Esporta le candidature in XLSX"))
    def esporta_xlsx(self, request, queryset):
        workbook = xlsx_workbook()
        sheet = workbook.active
        sheet.title = "Candidature"
        xlsx_append(sheet, [label for _c, label in EXPORT_COLUMNS])
        for row in self._rows(queryset):
            xlsx_append(sheet, row)
        return xlsx_response("candidature.xlsx", workbook)
