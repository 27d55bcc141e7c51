"""Bodies with their members, and each body's shared documents with their versions."""

from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from governance.models import DocumentoOrgano, MembroOrgano, Organo, VersioneDocumento
from governance.services import rete


class MembroOrganoInline(admin.TabularInline):
    model = MembroOrgano
    extra = 1
    autocomplete_fields = ["user", "ente"]
    fields = ["user", "ente", "ruolo", "dal", "al", "consenso_pubblicazione"]


@admin.register(Organo)
class OrganoAdmin(admin.ModelAdmin):
    """A body's rules (notice days, quorum, proxies) and its members: end a membership with «al», never delete it."""

    list_display = ["nome", "tipo", "visibilita", "giorni_preavviso", "quorum", "attivo"]
    list_filter = ["tipo", "visibilita", "attivo"]
    search_fields = ["nome", "tema"]
    prepopulated_fields = {"slug": ["nome"]}
    inlines = [MembroOrganoInline]
    fieldsets = (
        (None, {"fields": ("nome", "slug", "tipo", "tema", "descrizione", "visibilita", "attivo", "ordine")}),
        (_("Regole"), {"fields": ("giorni_preavviso", "quorum", "deleghe_ammesse")}),
    )

    def has_delete_permission(self, request, obj=None):
        return False


class VersioneInline(admin.TabularInline):
    model = VersioneDocumento
    extra = 0
    fields = ["numero", "apri", "nota", "caricato_da", "caricato_il", "sha256"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("file"))
    def apri(self, obj):
        return format_html('<a href="{}">{}</a>', reverse("governance:documento", args=[obj.pk]), obj.nome_originale)


class DocumentoOrganoForm(forms.ModelForm):
    nuova_versione = forms.FileField(
        label=_("nuova versione"), required=False, help_text=_("PDF o immagine: diventa la versione successiva.")
    )
    nota_versione = forms.CharField(label=_("cosa cambia"), required=False, max_length=300)

    class Meta:
        model = DocumentoOrgano
        fields = ["organo", "titolo", "descrizione", "riservato"]

    def clean_nuova_versione(self):
        from costellazioni.uploads import PDF_O_IMMAGINI, check_upload

        uploaded = self.cleaned_data.get("nuova_versione")
        if uploaded:
            check_upload(uploaded, allowed=PDF_O_IMMAGINI)
        elif self.instance.pk is None:
            raise forms.ValidationError(_("Carica il file del documento."))
        return uploaded


@admin.register(DocumentoOrgano)
class DocumentoOrganoAdmin(admin.ModelAdmin):
    form = DocumentoOrganoForm
    list_display = ["titolo", "organo", "riservato", "creato_il"]
    list_filter = ["organo", "riservato"]
    list_select_related = ["organo"]
    search_fields = ["titolo", "descrizione"]
    inlines = [VersioneInline]

    def get_readonly_fields(self, request, obj=None):
        return ["organo"] if obj else []

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if change:
            rete.documento_update(
                documento=obj,
                actor=request.user,
                titolo=data["titolo"],
                descrizione=data["descrizione"],
                riservato=data["riservato"],
            )
        if data.get("nuova_versione"):
            versione = rete.documento_upload(
                organo=data.get("organo") or obj.organo,
                actor=request.user,
                uploaded=data["nuova_versione"],
                titolo=data["titolo"],
                descrizione=data["descrizione"],
                riservato=data["riservato"],
                documento=obj if change else None,
                nota=data.get("nota_versione", ""),
            )
            obj.pk = versione.documento_id

    def has_delete_permission(self, request, obj=None):
        return False
