"""Staff side of the award stage: tranche plans, awards and publication, payments, reductions, reports.

Every write goes through ``contributi.services``; payments and reductions are added here and never changed.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from contributi import services
from contributi.admin.decisioni import ActorFormMixin, refuse_if_party
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
from costellazioni.admin.actions import NotaActionForm, service_action, transition_action
from costellazioni.admin.audit import AuditTimelineMixin
from costellazioni.admin.inlines import ReadOnlyTabularInline
from costellazioni.admin.saving import RefusalAwareSaveMixin, ViewOnlyChangeFormMixin
from costellazioni.formatting import euro

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
class PianoTrancheAdmin(RefusalAwareSaveMixin, admin.ModelAdmin):
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

    def save_model(self, request, obj, form, change):
        pass  # the call's title is read-only here; its plan goes through ``save_formset``

    def save_formset(self, request, form, formset, change):
        # A refusal goes through: ``RefusalAwareSaveMixin`` shows it next to the form.
        rows = [
            {name: f.cleaned_data[name] for name in TrancheInline.fields}
            for f in formset.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        formset.new_objects = services.tranche_plan_set(bando=form.instance, actor=request.user, tranche=rows)
        formset.changed_objects, formset.deleted_objects = [], []


# --- awards ---------------------------------------------------------------------------------------


class PagamentoInline(ReadOnlyTabularInline):
    model = Pagamento
    fields = ["data", "tranche", "importo", "numero_mandato", "registrato_da"]
    readonly_fields = fields


class RiduzioneInline(ReadOnlyTabularInline):
    model = Riduzione
    fields = ["creata_il", "importo", "motivo", "autore"]
    readonly_fields = fields


class RendicontoInline(ReadOnlyTabularInline):
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

    def clean(self):
        data = super().clean()
        refuse_if_party(self, data.get("candidatura") or getattr(self.instance, "candidatura", None))
        return data

    def _post_clean(self):
        if self.instance.pk is None and self.cleaned_data.get("candidatura"):
            self.instance.importo = self.cleaned_data["candidatura"].importo_concesso
        super()._post_clean()


@admin.register(Concessione)
class ConcessioneAdmin(RefusalAwareSaveMixin, ActorFormMixin, AuditTimelineMixin, admin.ModelAdmin):
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
        service_action(
            name="pubblica",
            description=_("Registra la pubblicazione in Amministrazione trasparente (oggi)"),
            call=lambda obj, request: services.concessione_publish(concessione=obj, actor=request.user),
            confirm_title=_("Registra la pubblicazione in Amministrazione trasparente"),
            consequences=[
                _(
                    "Il contributo, con beneficiario, importo, norma e ufficio, compare da oggi in Amministrazione "
                    "trasparente (art. 26-27 D.Lgs. 33/2013), anche nei dati aperti."
                )
            ],
        ),
        service_action(
            name="revoca",
            description=_("Revoca il contributo (motivo nella nota)"),
            call=lambda obj, request: services.concessione_revoke(
                concessione=obj, actor=request.user, motivo=request.POST.get("nota", "")
            ),
            confirm_title=_("Revoca il contributo"),
            consequences=[
                _(
                    "Il contributo è revocato con il motivo scritto nella nota: il progetto si ferma, non si "
                    "registrano altri pagamenti e l'ente riceve un messaggio."
                )
            ],
        ),
        service_action(
            name="chiudi",
            description=_("Chiudi il progetto (rendiconto finale approvato e saldo pagato)"),
            call=lambda obj, request: services.concessione_close(concessione=obj, actor=request.user),
        ),
    ]

    def get_queryset(self, request):
        return (
            super().get_queryset(request).select_related("candidatura__ente").annotate(pagato=Sum("pagamenti__importo"))
        )

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return [*fields, "candidatura", "registra_pagamento"] if obj is not None else fields

    def get_inline_instances(self, request, obj=None):
        return super().get_inline_instances(request, obj) if obj is not None else []

    @admin.display(description=_("pagamenti"))
    def registra_pagamento(self, obj):
        url = f"{reverse('admin:contributi_pagamento_add')}?concessione={obj.pk}"
        return format_html('<a href="{}">{}</a>', url, _("Registra un pagamento su una tranche di questo bando"))

    @admin.display(description=_("ente"), ordering="candidatura__ente__denominazione")
    def ente(self, obj):
        return obj.candidatura.ente

    @admin.display(description=_("stato"), ordering="candidatura__stato")
    def stato(self, obj):
        return obj.candidatura.get_stato_display()

    @admin.display(description=_("erogato (EUR)"), ordering="pagato")
    def erogato(self, obj):
        return obj.pagato or 0

    def save_confirmation(self, request, form, change):
        if change:
            return None
        candidatura = form.cleaned_data["candidatura"]
        return (
            _("Concedi il contributo"),
            [
                _("%(ente)s riceve la concessione di un contributo di %(importo)s per «%(titolo)s».")
                % {
                    "ente": candidatura.ente,
                    "importo": euro(candidatura.importo_concesso),
                    "titolo": candidatura.titolo,
                },
                _("L'ente riceve un messaggio e può accettare il contributo dalla sua area personale."),
            ],
        )

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


# --- reports --------------------------------------------------------------------------------------


class SpesaInline(ReadOnlyTabularInline):
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


class PersoneInline(ReadOnlyTabularInline):
    model = PersoneRaggiunte
    fields = ["categoria", "numero"]
    readonly_fields = fields


@admin.register(Rendiconto)
class RendicontoAdmin(ViewOnlyChangeFormMixin, AuditTimelineMixin, admin.ModelAdmin):
    """A report is written by the grantee; staff read it and approve it or ask for changes by the actions."""

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
