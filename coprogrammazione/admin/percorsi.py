"""Admin of processes, expressions of interest, resources, the final document and meeting contributions."""

from django import forms
from django.contrib import admin
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from coprogrammazione import permissions, services
from coprogrammazione.models import (
    CondivisioneRisorsa,
    ContributoRiunione,
    DocumentoIstruttorio,
    DocumentoPercorso,
    LineaStrategica,
    ManifestazioneInteresse,
    Percorso,
    Risorsa,
)
from costellazioni.admin.actions import NotaActionForm, ReadOnlyAdminMixin, apply_to_each, transition_action
from costellazioni.admin.audit import AuditTimelineMixin
from costellazioni.admin.changelist import PortalChangeListMixin
from costellazioni.admin.saving import RefusalAwareSaveMixin, ViewOnlyChangeFormMixin, save_rows
from costellazioni.uploads import PDF, check_upload, upload_sha256

F = Percorso.Fase


def _clean_pdf(uploaded):
    """New uploads are checked by content (the core upload checks); files already stored pass."""
    if uploaded and hasattr(uploaded, "content_type"):
        check_upload(uploaded, allowed=PDF)
    return uploaded


class DocumentoPercorsoForm(forms.ModelForm):
    class Meta:
        model = DocumentoPercorso
        fields = ["titolo", "file", "pubblicato"]

    def clean_file(self):
        uploaded = _clean_pdf(self.cleaned_data.get("file"))
        if uploaded and hasattr(uploaded, "content_type"):
            self.instance.sha256 = upload_sha256(uploaded)
        return uploaded


class PercorsoForm(forms.ModelForm):
    class Meta:
        model = Percorso
        fields = [
            "titolo",
            "slug",
            "tema",
            "descrizione",
            "ufficio_responsabile",
            "tavolo",
            "avviso_pubblicato_il",
            "manifestazioni_dal",
            "manifestazioni_al",
            "tavoli_dal",
            "documento_finale_il",
            "esito_il",
            "esito",
            "avviso_pdf",
            "pubblicato",
        ]

    def clean_avviso_pdf(self):
        return _clean_pdf(self.cleaned_data.get("avviso_pdf"))


class DocumentoPercorsoInline(admin.TabularInline):
    model = DocumentoPercorso
    form = DocumentoPercorsoForm
    extra = 0
    fields = ["titolo", "file", "pubblicato"]


@admin.register(Percorso)
class PercorsoAdmin(RefusalAwareSaveMixin, AuditTimelineMixin, admin.ModelAdmin):
    form = PercorsoForm
    list_display = ["titolo", "fase", "manifestazioni_al", "partecipanti", "in_attesa", "pubblicato"]
    list_filter = ["fase", "pubblicato"]
    search_fields = ["titolo", "tema"]
    prepopulated_fields = {"slug": ["titolo"]}
    readonly_fields = ["fase"]
    inlines = [DocumentoPercorsoInline]
    action_form = NotaActionForm
    actions = [
        transition_action(
            name=f"fase_{to}",
            description=_("Passa alla fase: %(fase)s") % {"fase": to.label},
            service=services.percorso_advance,
            object_kwarg="percorso",
            to=to,
        )
        for to in [F.MANIFESTAZIONI, F.TAVOLI, F.DOCUMENTO, F.ESITO]
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_ammesse=Count("manifestazioni", filter=Q(manifestazioni__stato="ammessa"), distinct=True),
                n_attesa=Count("manifestazioni", filter=Q(manifestazioni__stato="presentata"), distinct=True),
            )
        )

    def get_actions(self, request):
        # One door for deleting: the change form's, where ``has_delete_permission`` asks the permission module.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not permissions.can_delete_percorso(request.user, obj):
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        # A refusal goes through: ``RefusalAwareSaveMixin`` shows it next to the form.
        services.percorso_save(percorso=obj, actor=request.user)

    def save_formset(self, request, form, formset, change):
        save_rows(
            formset,
            parent=form.instance,
            save=lambda documento: services.documento_percorso_save(documento=documento, actor=request.user),
            delete=lambda documento: services.documento_percorso_delete(documento=documento, actor=request.user),
        )

    def delete_model(self, request, obj):
        services.percorso_delete(percorso=obj, actor=request.user)

    @admin.display(description=_("partecipanti"), ordering="n_ammesse")
    def partecipanti(self, obj):
        return obj.n_ammesse

    @admin.display(description=_("da valutare"), ordering="n_attesa")
    def in_attesa(self, obj):
        return obj.n_attesa


@admin.register(ManifestazioneInteresse)
class ManifestazioneInteresseAdmin(ViewOnlyChangeFormMixin, AuditTimelineMixin, admin.ModelAdmin):
    """The queue of expressions of interest: staff admit or exclude (with a reason) through the services."""

    list_display = ["ente", "percorso", "stato", "presentata_il", "contatto_nome"]
    list_filter = ["stato", "percorso"]
    search_fields = ["ente__denominazione", "percorso__titolo"]
    list_select_related = ["ente", "percorso"]
    readonly_fields = [
        "percorso",
        "ente",
        "presentata_da",
        "motivazione",
        "competenze",
        "risorse_offerte",
        "contatto_nome",
        "contatto_email",
        "contatto_telefono",
        "stato",
        "motivo_esclusione",
        "presentata_il",
    ]
    action_form = NotaActionForm
    actions = ["ammetti", "escludi"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Ammetti al percorso"), permissions=["change"])
    def ammetti(self, request, queryset):
        nota = request.POST.get("nota", "")
        apply_to_each(
            self,
            request,
            queryset,
            lambda obj: services.manifestazione_admit(manifestazione=obj, actor=request.user, note=nota),
            _("Enti ammessi: %(n)d."),
        )

    @admin.action(description=_("Escludi (scrivi il motivo nella nota)"), permissions=["change"])
    def escludi(self, request, queryset):
        nota = request.POST.get("nota", "")
        apply_to_each(
            self,
            request,
            queryset,
            lambda obj: services.manifestazione_exclude(manifestazione=obj, actor=request.user, note=nota),
            _("Manifestazioni escluse: %(n)d."),
        )


class CondivisioneInline(admin.TabularInline):
    model = CondivisioneRisorsa
    extra = 0
    readonly_fields = ["beneficiario", "data", "quantita", "note"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Risorsa)
class RisorsaAdmin(admin.ModelAdmin):
    list_display = ["descrizione", "tipo", "ente", "quantita", "unita", "quartiere", "percorso"]
    list_filter = ["tipo", "percorso", "quartiere"]
    search_fields = ["descrizione", "ente__denominazione"]
    list_select_related = ["ente", "quartiere", "percorso"]
    autocomplete_fields = ["ente"]
    inlines = [CondivisioneInline]


@admin.register(CondivisioneRisorsa)
class CondivisioneRisorsaAdmin(PortalChangeListMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    """Every sharing in one list (each resource shows its own inline): the records behind the monitoring figure."""

    list_display = ["data", "risorsa", "beneficiario", "quantita"]
    list_filter = ["data", "risorsa__tipo", "risorsa__quartiere"]
    search_fields = ["risorsa__descrizione", "beneficiario__denominazione"]
    list_select_related = ["risorsa", "beneficiario"]
    date_hierarchy = "data"


class LineaInline(admin.StackedInline):
    model = LineaStrategica
    extra = 0
    fields = ["ordine", "titolo", "descrizione", "risultati_attesi", "elementi_toc"]
    autocomplete_fields = ["elementi_toc"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        formfield = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name == "elementi_toc":
            # The elements' names are long: the picker takes the row's width instead of the admin's narrow default.
            formfield.widget.attrs["data-width"] = "100%"
        return formfield


@admin.register(DocumentoIstruttorio)
class DocumentoIstruttorioAdmin(admin.ModelAdmin):
    list_display = ["percorso", "versione", "approvato_il"]
    list_filter = ["percorso"]
    readonly_fields = ["approvato_il"]
    inlines = [LineaInline]
    actions = ["approva", "nuova_versione"]

    @admin.action(description=_("Crea la versione successiva da questa"), permissions=["change"])
    def nuova_versione(self, request, queryset):
        apply_to_each(
            self,
            request,
            queryset,
            lambda obj: services.documento_istruttorio_new_version(documento=obj, actor=request.user),
            _("Nuove versioni create: %(n)d."),
        )

    @admin.action(description=_("Approva la versione"), permissions=["change"])
    def approva(self, request, queryset):
        apply_to_each(
            self,
            request,
            queryset,
            lambda obj: services.documento_istruttorio_approve(documento=obj, actor=request.user),
            _("Documenti approvati: %(n)d."),
        )


class ContributoForm(forms.ModelForm):
    class Meta:
        model = ContributoRiunione
        fields = ["riunione", "ente", "testo"]


@admin.register(ContributoRiunione)
class ContributoRiunioneAdmin(RefusalAwareSaveMixin, admin.ModelAdmin):
    """Contributions are written through the service, which checks the ente takes part in the process; its refusal
    is shown next to the field it names (``RefusalAwareSaveMixin``)."""

    form = ContributoForm

    list_display = ["ente", "riunione", "registrato_il"]
    list_select_related = ["ente", "riunione__organo"]
    search_fields = ["ente__denominazione", "riunione__titolo", "testo"]
    autocomplete_fields = ["ente"]
    readonly_fields = ["registrato_da", "registrato_il"]

    def save_model(self, request, obj, form, change):
        from coprogrammazione.riunioni import contributo_record

        saved = contributo_record(riunione=obj.riunione, ente=obj.ente, testo=obj.testo, actor=request.user)
        obj.pk = saved.pk
        obj._state.adding = False
