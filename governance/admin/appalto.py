"""Contract oversight (reports queue, site visits), the care-of-the-network log and partnerships."""

from django import forms
from django.contrib import admin
from django.db import models
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from costellazioni.admin.actions import NotaActionForm, transition_action
from costellazioni.admin.audit import AuditTimelineMixin
from costellazioni.admin.changelist import PortalChangeListMixin
from costellazioni.admin.saving import RefusalAwareSaveMixin, save_nothing
from governance.models import (
    AllegatoRapporto,
    Appalto,
    AttivitaRapporto,
    CommentoRapporto,
    ContattoRete,
    DocumentoPartenariato,
    FotoSopralluogo,
    Partenariato,
    RapportoAppaltatore,
    SeguitoSopralluogo,
    Sopralluogo,
)
from governance.services import appalto, rete, seguiti


class AttivitaInline(admin.TabularInline):
    model = AttivitaRapporto
    extra = 0
    fields = ["macro_azione", "descrizione", "ore", "persone_raggiunte"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class AllegatoInline(admin.TabularInline):
    model = AllegatoRapporto
    extra = 0
    fields = ["apri", "content_type", "sha256", "caricato_il"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("file"))
    def apri(self, obj):
        return format_html('<a href="{}">{}</a>', reverse("governance:allegato", args=[obj.pk]), obj.nome_originale)


class CommentoInline(admin.TabularInline):
    model = CommentoRapporto
    extra = 1
    fields = ["testo", "autore", "creato_il"]
    readonly_fields = ["autore", "creato_il"]
    can_delete = False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Appalto)
class AppaltoAdmin(RefusalAwareSaveMixin, AuditTimelineMixin, admin.ModelAdmin):
    """The contract: its contractor's representatives can report from the portal while it is in force."""

    list_display = ["oggetto", "appaltatore", "cig", "dal", "al"]
    list_select_related = ["appaltatore"]
    search_fields = ["oggetto", "cig", "appaltatore__denominazione"]
    autocomplete_fields = ["appaltatore"]

    def save_model(self, request, obj, form, change):
        # A refusal goes through: ``RefusalAwareSaveMixin`` shows it next to the form.
        appalto.appalto_save(appalto=obj, actor=request.user)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RapportoAppaltatore)
class RapportoAppaltatoreAdmin(RefusalAwareSaveMixin, AuditTimelineMixin, admin.ModelAdmin):
    """The reports queue: filter «Inviato», read, then accept or ask for changes (the note goes to the contractor)."""

    action_form = NotaActionForm
    list_display = ["__str__", "appaltatore", "periodo_dal", "periodo_al", "stato", "inviato_il"]
    list_filter = ["stato", "appaltatore"]
    list_select_related = ["appaltatore"]
    readonly_fields = ["appaltatore", "periodo_dal", "periodo_al", "problemi", "stato", "inviato_il", "autore"]
    fields = readonly_fields
    inlines = [AttivitaInline, AllegatoInline, CommentoInline]
    actions = [
        transition_action(
            name="accept",
            description=_("Accetta le relazioni selezionate"),
            service=appalto.rapporto_transition,
            object_kwarg="rapporto",
            to=RapportoAppaltatore.Stato.ACCETTATO,
        ),
        transition_action(
            name="request_changes",
            description=_("Chiedi modifiche (scrivi quali nella nota)"),
            service=appalto.rapporto_transition,
            object_kwarg="rapporto",
            to=RapportoAppaltatore.Stato.MODIFICHE_RICHIESTE,
        ),
    ]

    def has_add_permission(self, request):
        return False  # the contractor writes reports from the portal

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        pass  # every field of the report is read-only here; its comments go through ``save_formset``

    def save_formset(self, request, form, formset, change):
        for f in formset.forms:
            if f.has_changed() and not f.instance.pk and f.cleaned_data.get("testo"):
                # A refusal goes through: ``RefusalAwareSaveMixin`` shows it next to the form.
                appalto.rapporto_comment(rapporto=form.instance, actor=request.user, testo=f.cleaned_data["testo"])


class FotoInline(admin.TabularInline):
    """New photos are added through the service; the private file opens only through the download view."""

    model = FotoSopralluogo
    extra = 1
    fields = ["file", "didascalia", "apri"]
    readonly_fields = ["apri"]
    formfield_overrides = {models.FileField: {"widget": forms.FileInput}}
    can_delete = False

    @admin.display(description=_("foto"))
    def apri(self, obj):
        if not obj.pk:
            return "—"
        return format_html('<a href="{}">{}</a>', reverse("governance:foto", args=[obj.pk]), _("Apri"))


class SeguitoInline(admin.TabularInline):
    """Follow-ups with owner and due date: added through the service; moved on from the portal page."""

    model = SeguitoSopralluogo
    fk_name = "sopralluogo"
    extra = 1
    fields = ["descrizione", "responsabile", "ente_responsabile", "scadenza", "stato"]
    readonly_fields = ["stato"]
    autocomplete_fields = ["responsabile", "ente_responsabile"]
    can_delete = False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Sopralluogo)
class SopralluogoAdmin(RefusalAwareSaveMixin, admin.ModelAdmin):
    list_display = ["__str__", "data", "hub", "autore"]
    list_filter = ["hub", ("data", admin.DateFieldListFilter)]
    list_select_related = ["hub", "autore"]
    search_fields = ["luogo", "esiti", "seguiti"]
    fields = ["data", "hub", "luogo", "partecipanti", "esiti", "seguiti"]
    autocomplete_fields = ["hub"]
    inlines = [FotoInline, SeguitoInline]

    def get_readonly_fields(self, request, obj=None):
        return self.fields if obj else []

    def save_model(self, request, obj, form, change):
        if not change:
            saved = appalto.sopralluogo_record(actor=request.user, **form.cleaned_data)
            obj.pk = saved.pk
            obj._state.adding = False

    def save_formset(self, request, form, formset, change):
        save_nothing(formset)
        if formset.model is SeguitoSopralluogo:
            for f in formset.forms:
                if f.has_changed() and not f.instance.pk:
                    seguiti.seguito_create(
                        sopralluogo=form.instance,
                        actor=request.user,
                        **{name: f.cleaned_data.get(name) for name in SeguitoInline.fields if name != "stato"},
                    )
            return
        for f in formset.forms:
            if f.has_changed() and not f.instance.pk and f.cleaned_data.get("file"):
                appalto.sopralluogo_add_photo(
                    sopralluogo=form.instance,
                    actor=request.user,
                    uploaded=f.cleaned_data["file"],
                    didascalia=f.cleaned_data.get("didascalia", ""),
                )

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ContattoRete)
class ContattoReteAdmin(RefusalAwareSaveMixin, PortalChangeListMixin, admin.ModelAdmin):
    list_display = ["data", "servizio", "argomento", "esito", "operatore"]
    list_filter = ["esito", ("data", admin.DateFieldListFilter)]
    list_select_related = ["operatore"]
    search_fields = ["servizio", "argomento", "seguiti"]
    fields = ["data", "servizio", "persone", "argomento", "esito", "seguiti"]
    date_hierarchy = "data"

    def get_readonly_fields(self, request, obj=None):
        return self.fields if obj else []

    def save_model(self, request, obj, form, change):
        if not change:
            saved = rete.contatto_record(actor=request.user, **form.cleaned_data)
            obj.pk = saved.pk
            obj._state.adding = False

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)


class DocumentoPartenariatoInline(admin.TabularInline):
    """Documents of the partnership: uploaded through the service, opened through the checked download view."""

    model = DocumentoPartenariato
    extra = 1
    fields = ["titolo", "file", "caricato_da", "caricato_il"]
    readonly_fields = ["caricato_da", "caricato_il"]
    formfield_overrides = {models.FileField: {"widget": forms.FileInput}}
    can_delete = False

    def has_change_permission(self, request, obj=None):
        return False


class PartenariatoForm(forms.ModelForm):
    class Meta:
        model = Partenariato
        fields = ["nome", "progetto", "finalita", "partner", "organo", "stato", "avviato_il"]


@admin.register(Partenariato)
class PartenariatoAdmin(RefusalAwareSaveMixin, admin.ModelAdmin):
    form = PartenariatoForm
    list_display = ["nome", "progetto", "stato", "organo", "avviato_il"]
    list_filter = ["stato", "organo"]
    list_select_related = ["organo"]
    search_fields = ["nome", "progetto"]
    autocomplete_fields = ["partner"]
    inlines = [DocumentoPartenariatoInline]

    def save_model(self, request, obj, form, change):
        pass  # saved with its partners in save_related, through the service

    def save_related(self, request, form, formsets, change):
        saved = rete.partenariato_save(
            partenariato=form.instance, partner=form.cleaned_data["partner"], actor=request.user
        )
        form.instance.pk = saved.pk
        for formset in formsets:
            save_nothing(formset)
            for f in formset.forms:
                if f.has_changed() and not f.instance.pk and f.cleaned_data.get("file"):
                    seguiti.documento_partenariato_upload(
                        partenariato=saved,
                        actor=request.user,
                        uploaded=f.cleaned_data["file"],
                        titolo=f.cleaned_data.get("titolo", ""),
                    )
