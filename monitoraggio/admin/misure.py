from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from costellazioni.admin.actions import NotaActionForm, apply_to_each
from costellazioni.admin.audit import AuditTimelineMixin
from costellazioni.admin.changelist import PortalChangeListMixin
from costellazioni.admin.saving import RefusalAwareSaveMixin
from monitoraggio import importing, services
from monitoraggio.models import Importazione, Misurazione


class MisurazioneForm(forms.ModelForm):
    class Meta:
        model = Misurazione
        fields = [
            "indicatore",
            "periodo_inizio",
            "periodo_fine",
            "valore",
            "disaggregazione",
            "progetto",
            "evidenza",
            "nota",
        ]


CHANGE_FIELDS = [
    "indicatore",
    "periodo_inizio",
    "periodo_fine",
    "valore",
    "disaggregazione",
    "progetto",
    "origine",
    "stato",
    "evidenza_link",
    "evidenza_sha256",
    "nota",
    "inserita_da",
    "validata_da",
    "validata_il",
]


@admin.register(Misurazione)
class MisurazioneAdmin(RefusalAwareSaveMixin, PortalChangeListMixin, AuditTimelineMixin, admin.ModelAdmin):
    form = MisurazioneForm
    action_form = NotaActionForm
    list_display = ["indicatore", "periodo_inizio", "periodo_fine", "chiave", "valore", "origine", "stato"]
    list_filter = ["stato", "origine", "indicatore__macro_azione", "indicatore"]
    search_fields = ["indicatore__codice", "indicatore__nome", "chiave"]
    date_hierarchy = "periodo_inizio"
    list_select_related = ["indicatore"]
    autocomplete_fields = ["progetto"]
    actions = ["validate", "reject"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return MisurazioneForm.Meta.fields
        return CHANGE_FIELDS

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else [*CHANGE_FIELDS, *super().get_readonly_fields(request, obj)]

    @admin.display(description=_("evidenza"))
    def evidenza_link(self, obj):
        if not obj or not obj.evidenza:
            return "—"
        return format_html('<a href="{}">{}</a>', reverse("monitoraggio:evidenza", args=[obj.pk]), _("Scarica"))

    def save_model(self, request, obj, form, change):
        if change:
            return  # every field is read-only once entered: a correction is a new value, the old one rejected
        data = form.cleaned_data
        # A refusal goes through: ``RefusalAwareSaveMixin`` shows it next to the form.
        created = services.misurazione_create(
            indicatore=data["indicatore"],
            periodo_inizio=data["periodo_inizio"],
            periodo_fine=data["periodo_fine"],
            valore=data["valore"],
            disaggregazione=data.get("disaggregazione") or {},
            progetto=data.get("progetto"),
            evidenza=data.get("evidenza") or None,
            nota=data.get("nota", ""),
            autore=request.user,
        )
        obj.pk = created.pk
        obj._state.adding = False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Valida le misurazioni selezionate"), permissions=["change"])
    def validate(self, request, queryset):
        apply_to_each(
            self,
            request,
            queryset,
            lambda m: services.misurazione_validate(misurazione=m, actor=request.user),
            lambda n: ngettext("%(n)d misurazione validata.", "%(n)d misurazioni validate.", n),
        )

    @admin.action(description=_("Respingi le misurazioni selezionate (con nota)"), permissions=["change"])
    def reject(self, request, queryset):
        nota = request.POST.get("nota", "")
        apply_to_each(
            self,
            request,
            queryset,
            lambda m: services.misurazione_reject(misurazione=m, actor=request.user, note=nota),
            lambda n: ngettext("%(n)d misurazione respinta.", "%(n)d misurazioni respinte.", n),
        )


class ImportazioneForm(forms.ModelForm):
    class Meta:
        model = Importazione
        fields = ["tipo", "file"]
        help_texts = {
            "file": _(
                "Prima riga con i nomi delle colonne. Misurazioni: indicatore, periodo_inizio, periodo_fine, valore "
                "e, se servono, quartiere, genere, fascia_eta, cup, nota. Avanzamento: cup, tappa, scadenza, "
                "raggiunta_il, nota. Se una riga è sbagliata non si importa nulla."
            )
        }

    def clean_file(self):
        from monitoraggio import uploads

        file = self.cleaned_data["file"]
        uploads.check_import(file)
        return file


@admin.register(Importazione)
class ImportazioneAdmin(RefusalAwareSaveMixin, admin.ModelAdmin):
    """A file is uploaded through ``importazione_create``; the import itself runs in the worker."""

    form = ImportazioneForm
    list_display = ["__str__", "tipo", "stato", "righe_lette", "righe_importate", "caricata_da"]
    list_filter = ["stato", "tipo"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["tipo", "file"]
        return [
            "tipo",
            "formato",
            "stato",
            "righe_lette",
            "righe_importate",
            "rifiuti",
            "caricata_da",
            "caricata_il",
            "conclusa_il",
        ]

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.get_fields(request, obj)

    @admin.display(description=_("righe respinte"))
    def rifiuti(self, obj):
        if not obj.righe_respinte:
            return "—"
        items = format_html(
            "".join("<li>{}</li>" for _row in obj.righe_respinte),
            *[
                _("riga %(riga)s: %(motivi)s") % {"riga": row["riga"], "motivi": "; ".join(row["motivi"])}
                for row in obj.righe_respinte
            ],
        )
        return format_html("<ul>{}</ul>", items)

    def save_model(self, request, obj, form, change):
        # Only the add form saves (an upload is never changed); a refusal is shown next to the form.
        created = importing.importazione_create(
            file=form.cleaned_data["file"], tipo=form.cleaned_data["tipo"], actor=request.user
        )
        obj.pk = created.pk
        obj._state.adding = False

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False
