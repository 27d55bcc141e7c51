"""Staff side of the award stage: tranche plans, awards and publication, payments, reductions, reports.

Every write goes through ``contributi.services``; payments and reductions are added here and never changed.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Sum
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from contributi import services
from contributi.models import (
    Candidatura,
    Concessione,
    Pagamento,
    PersoneRaggiunte,
    PianoTranche,
    Rendiconto,
    Riduzione,
    Spesa,
    TrancheBando,
)
from contributi.services.rendicontazione import R
from costellazioni.admin.actions import NotaActionForm, error_text, transition_action
from costellazioni.admin.audit import AuditTimelineMixin
from costellazioni.admin.changelist import SafeDateHierarchyMixin

AGREEMENT_FIELDS = [
    "cup",
    "data_inizio",
    "data_fine",
    "de_minimis",
    "codice_cor",
    "norma",
    "ufficio",
    "responsabile",
    "modalita_individuazione",
    "oscura_beneficiario",
]


def _report(modeladmin, request, obj, error):
    modeladmin.message_user(request, f"{obj}: {error_text(error)}", messages.ERROR)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# --- tranche plan ---------------------------------------------------------------------------------


class TrancheFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        rows = [
            f.cleaned_data
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE") and f.cleaned_data.get("percentuale") is not None
        ]
        errors = services.tranche_errors(rows)
        if errors:
            raise ValidationError(errors)


class TrancheInline(admin.TabularInline):
    model = TrancheBando
    formset = TrancheFormSet
    fields = ["nome", "percentuale", "condizione"]
    extra = 0


@admin.register(PianoTranche)
class PianoTrancheAdmin(admin.ModelAdmin):
    list_display = ["titolo", "stato", "piano"]
    list_filter = ["stato"]
    search_fields = ["titolo"]
    fields = ["titolo"]
    readonly_fields = ["titolo"]
    inlines = [TrancheInline]

    def get_queryset(self, request):
        return super().get_queryset(request).public().prefetch_related("tranche")

    @admin.display(description=_("piano"))
    def piano(self, obj):
        return ", ".join(str(t) for t in obj.tranche.all()) or "—"

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_formset(self, request, form, formset, change):
        rows = [
            {name: f.cleaned_data[name] for name in TrancheInline.fields}
            for f in formset.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        try:
            formset.new_objects = services.tranche_plan_set(bando=form.instance, actor=request.user, tranche=rows)
        except (ValidationError, PermissionDenied) as error:
            formset.new_objects = []
            _report(self, request, form.instance, error)
        formset.changed_objects, formset.deleted_objects = [], []


# --- awards ---------------------------------------------------------------------------------------


class PagamentoInline(ReadOnlyInline):
    model = Pagamento
    fields = ["data", "tranche", "importo", "numero_mandato", "registrato_da"]
    readonly_fields = fields


class RiduzioneInline(ReadOnlyInline):
    model = Riduzione
    fields = ["creata_il", "importo", "motivo", "autore"]
    readonly_fields = fields


class RendicontoInline(ReadOnlyInline):
    model = Rendiconto
    fields = ["link", "stato", "presentato_il"]
    readonly_fields = fields

    @admin.display(description=_("rendiconto"))
    def link(self, obj):
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:contributi_rendiconto_change", args=[obj.pk]), obj.get_tipo_display()
        )


class ConcessioneForm(forms.ModelForm):
    class Meta:
        model = Concessione
        fields = ["candidatura", *AGREEMENT_FIELDS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "candidatura" in self.fields:
            self.fields["candidatura"].queryset = Candidatura.objects.filter(
                stato__in=[Candidatura.Stato.FINANZIATA, Candidatura.Stato.AVVIATA],
                importo_concesso__isnull=False,
                concessione__isnull=True,
            )

    def _post_clean(self):
        if self.instance.pk is None and self.cleaned_data.get("candidatura"):
            self.instance.importo = self.cleaned_data["candidatura"].importo_concesso
        super()._post_clean()


def _concessione_action(name, description, call):
    @admin.action(description=description, permissions=["change"])
    def action(modeladmin, request, queryset):
        done = 0
        for obj in queryset:
            try:
                call(obj, request)
                done += 1
            except (ValidationError, PermissionDenied) as error:
                _report(modeladmin, request, obj, error)
        if done:
            modeladmin.message_user(
                request, _("Operazione eseguita su %(n)d elementi.") % {"n": done}, messages.SUCCESS
            )

    action.__name__ = name
    return action


@admin.register(Concessione)
class ConcessioneAdmin(AuditTimelineMixin, admin.ModelAdmin):
    form = ConcessioneForm
    list_display = ["candidatura", "ente", "importo", "riduzione", "erogato", "accettata_il", "pubblicata_il", "stato"]
    list_filter = ["candidatura__bando", "candidatura__stato", "de_minimis", "oscura_beneficiario"]
    list_select_related = ["candidatura__ente"]
    search_fields = ["candidatura__numero_protocollo", "candidatura__titolo", "candidatura__ente__denominazione", "cup"]
    readonly_fields = [
        "importo",
        "riduzione",
        "motivo_riduzione",
        "accettata_il",
        "accettata_da",
        "pubblicata_il",
        "pubblicata_da",
        "revocata_il",
        "motivo_revoca",
    ]
    inlines = [PagamentoInline, RiduzioneInline, RendicontoInline]
    action_form = NotaActionForm
    actions = [
        _concessione_action(
            "pubblica",
            _("Registra la pubblicazione in Amministrazione trasparente (oggi)"),
            lambda obj, request: services.concessione_publish(concessione=obj, actor=request.user),
        ),
        _concessione_action(
            "revoca",
            _("Revoca il contributo (motivo nella nota)"),
            lambda obj, request: services.concessione_revoke(
                concessione=obj, actor=request.user, motivo=request.POST.get("nota", "")
            ),
        ),
        _concessione_action(
            "chiudi",
            _("Chiudi il progetto (rendiconto finale approvato e saldo pagato)"),
            lambda obj, request: services.concessione_close(concessione=obj, actor=request.user),
        ),
    ]

    def get_queryset(self, request):
        return (
            super().get_queryset(request).select_related("candidatura__ente").annotate(pagato=Sum("pagamenti__importo"))
        )

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return [*fields, "candidatura"] if obj is not None else fields

    def get_inline_instances(self, request, obj=None):
        return super().get_inline_instances(request, obj) if obj is not None else []

    @admin.display(description=_("ente"), ordering="candidatura__ente__denominazione")
    def ente(self, obj):
        return obj.candidatura.ente

    @admin.display(description=_("stato"), ordering="candidatura__stato")
    def stato(self, obj):
        return obj.candidatura.get_stato_display()

    @admin.display(description=_("erogato (EUR)"), ordering="pagato")
    def erogato(self, obj):
        return obj.pagato or 0

    def save_model(self, request, obj, form, change):
        dati = {name: form.cleaned_data[name] for name in AGREEMENT_FIELDS if name in form.cleaned_data}
        if change:
            saved = services.concessione_update(concessione=obj, actor=request.user, **dati)
        else:
            saved = services.concessione_create(
                candidatura=form.cleaned_data["candidatura"], actor=request.user, **dati
            )
        obj.pk = saved.pk

    def has_delete_permission(self, request, obj=None):
        return False


# --- payments and reductions (added through the services, never changed) --------------------------


class PagamentoForm(forms.ModelForm):
    importo = forms.DecimalField(
        label=_("importo (EUR)"),
        max_digits=10,
        decimal_places=2,
        required=False,
        help_text=_("Vuoto: quanto resta della tranche."),
    )

    class Meta:
        model = Pagamento
        fields = ["concessione", "tranche", "data", "importo", "numero_mandato"]

    def clean(self):
        data = super().clean()
        concessione, tranche = data.get("concessione"), data.get("tranche")
        if concessione and tranche:
            try:
                data["importo"] = services.pagamento_check(
                    concessione=concessione, tranche=tranche, importo=data.get("importo")
                )
            except ValidationError as error:
                self.add_error(None, error)
        return data

    def _post_clean(self):
        # The service builds and validates the row; the form only checks the input.
        pass


@admin.register(Pagamento)
class PagamentoAdmin(SafeDateHierarchyMixin, admin.ModelAdmin):
    form = PagamentoForm
    list_display = ["numero_mandato", "data", "concessione", "tranche", "importo", "registrato_da"]
    list_filter = ["data", "concessione__candidatura__bando"]
    list_select_related = ["concessione__candidatura", "tranche", "registrato_da"]
    search_fields = ["numero_mandato", "concessione__candidatura__ente__denominazione"]
    date_hierarchy = "data"

    def save_model(self, request, obj, form, change):
        saved = services.pagamento_register(
            concessione=form.cleaned_data["concessione"],
            tranche=form.cleaned_data["tranche"],
            actor=request.user,
            data=form.cleaned_data["data"],
            numero_mandato=form.cleaned_data["numero_mandato"],
            importo=form.cleaned_data["importo"],
        )
        obj.pk, obj.numero_mandato, obj.importo = saved.pk, saved.numero_mandato, saved.importo

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False


class RiduzioneForm(forms.ModelForm):
    class Meta:
        model = Riduzione
        fields = ["concessione", "importo", "motivo"]

    def clean(self):
        data = super().clean()
        if data.get("concessione"):
            try:
                services.riduzione_check(
                    concessione=data["concessione"], importo=data.get("importo"), motivo=data.get("motivo") or ""
                )
            except ValidationError as error:
                self.add_error(None, error)
        return data

    def _post_clean(self):
        pass


@admin.register(Riduzione)
class RiduzioneAdmin(admin.ModelAdmin):
    form = RiduzioneForm
    list_display = ["concessione", "importo", "creata_il", "autore"]
    list_select_related = ["concessione__candidatura", "autore"]

    def save_model(self, request, obj, form, change):
        saved = services.concessione_reduce(
            concessione=form.cleaned_data["concessione"],
            actor=request.user,
            importo=form.cleaned_data["importo"],
            motivo=form.cleaned_data["motivo"],
        )
        obj.pk, obj.concessione, obj.importo = saved.pk, saved.concessione, saved.importo

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False


# --- reports --------------------------------------------------------------------------------------


class SpesaInline(ReadOnlyInline):
    model = Spesa
    fields = ["data", "categoria", "descrizione", "fornitore", "importo", "scarica"]
    readonly_fields = fields

    @admin.display(description=_("giustificativo"))
    def scarica(self, obj):
        url = reverse(
            "area_personale_giustificativo",
            kwargs={"pk": obj.rendiconto.concessione.candidatura_id, "rid": obj.rendiconto_id, "sid": obj.pk},
        )
        return format_html('<a href="{}">{}</a>', url, obj.nome_originale)


class PersoneInline(ReadOnlyInline):
    model = PersoneRaggiunte
    fields = ["categoria", "numero"]
    readonly_fields = fields


@admin.register(Rendiconto)
class RendicontoAdmin(AuditTimelineMixin, admin.ModelAdmin):
    list_display = ["concessione", "tipo", "stato", "presentato_il", "esaminato_il"]
    list_filter = ["stato", "tipo", "concessione__candidatura__bando"]
    list_select_related = ["concessione__candidatura"]
    search_fields = ["concessione__candidatura__titolo", "concessione__candidatura__ente__denominazione"]
    fields = [
        "concessione",
        "tipo",
        "stato",
        "attivita_svolte",
        "presentato_il",
        "presentato_da",
        "nota_esame",
        "scostamenti",
    ]
    readonly_fields = fields
    inlines = [PersoneInline, SpesaInline]
    action_form = NotaActionForm
    actions = [
        transition_action(
            name="approva",
            description=_("Approva i rendiconti selezionati"),
            service=services.rendiconto_transition,
            object_kwarg="rendiconto",
            to=R.APPROVATO,
        ),
        transition_action(
            name="richiedi_modifiche",
            description=_("Richiedi modifiche (nota obbligatoria)"),
            service=services.rendiconto_transition,
            object_kwarg="rendiconto",
            to=R.MODIFICHE_RICHIESTE,
        ),
    ]

    @admin.display(description=_("scostamenti dal budget"))
    def scostamenti(self, obj):
        return format_html(
            "<table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>{}</table>",
            _("voce"),
            _("preventivo"),
            _("rendicontato"),
            _("scostamento"),
            format_html_join(
                "",
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                ((r["categoria"], r["preventivo"], r["speso"], r["scostamento"]) for r in obj.scostamenti()),
            ),
        )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
