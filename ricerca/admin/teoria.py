from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from costellazioni.admin.actions import NotaActionForm, apply_to_each, transition_action
from costellazioni.admin.audit import AuditTimelineMixin
from costellazioni.admin.saving import RefusalAwareSaveMixin, save_nothing, save_rows
from ricerca import services
from ricerca.models import CollegamentoToc, CommentoToc, ElementoToc, IndicatoreToc, TeoriaCambiamento


class _SoloInBozza:
    """Elements and links change only while the version is a draft."""

    def _bozza(self, obj):
        return obj is None or obj.stato == TeoriaCambiamento.Stato.BOZZA

    def has_add_permission(self, request, obj=None):
        return self._bozza(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._bozza(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._bozza(obj) and super().has_delete_permission(request, obj)


class ElementoInline(_SoloInBozza, admin.StackedInline):
    model = ElementoToc
    extra = 0
    fields = [("tipo", "ordine"), "titolo", "descrizione", ("assunzioni", "rischi")]


class CollegamentoForm(forms.ModelForm):
    class Meta:
        model = CollegamentoToc
        fields = ["da", "a"]


class CollegamentoInline(_SoloInBozza, admin.TabularInline):
    """New links go through ``teoria_collegamento_add``, which refuses cycles (``TeoriaAdmin.save_formset``)."""

    model = CollegamentoToc
    form = CollegamentoForm
    extra = 1

    def has_change_permission(self, request, obj=None):
        return False if obj is not None and obj.pk else super().has_change_permission(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in ("da", "a"):
            teoria_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = (
                ElementoToc.objects.filter(teoria_id=teoria_id) if teoria_id else ElementoToc.objects.none()
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class CommentoInline(admin.TabularInline):
    model = CommentoToc
    extra = 0
    fields = ["autore", "testo", "creato_il"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


def _azione(to, label):
    return transition_action(
        name=f"teoria_{to}", description=label, service=services.teoria_transition, object_kwarg="teoria", to=to
    )


@admin.action(description=_("Crea una nuova versione in bozza da questa"), permissions=["add"])
def nuova_versione(modeladmin, request, queryset):
    apply_to_each(
        modeladmin,
        request,
        queryset,
        lambda teoria: services.teoria_nuova_versione(da=teoria, actor=request.user),
        lambda n: ngettext("Creata %(n)d nuova versione.", "Create %(n)d nuove versioni.", n),
    )


@admin.register(TeoriaCambiamento)
class TeoriaCambiamentoAdmin(RefusalAwareSaveMixin, AuditTimelineMixin, admin.ModelAdmin):
    action_form = NotaActionForm
    list_display = ["versione", "titolo", "stato", "approvata_il"]
    list_filter = ["stato"]
    readonly_fields = ["stato", "approvata_il", "approvata_da"]
    fields = ["versione", "titolo", "sintesi", "stato", "approvata_il", "approvata_da"]
    inlines = [ElementoInline, CollegamentoInline, CommentoInline]
    actions = [
        _azione(TeoriaCambiamento.Stato.IN_CONSULTAZIONE, _("Apri ai commenti degli stakeholder")),
        _azione(TeoriaCambiamento.Stato.BOZZA, _("Riporta in bozza (serve la nota)")),
        _azione(TeoriaCambiamento.Stato.APPROVATA, _("Approva per il comitato di gestione")),
        nuova_versione,
    ]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.stato != TeoriaCambiamento.Stato.BOZZA:
            # A version under consultation or approved changes by a new version.
            fields += [name for name in self.fields if name not in fields]
        return fields

    def save_model(self, request, obj, form, change):
        # A refusal goes through: ``RefusalAwareSaveMixin`` shows it next to the form.
        if not change or form.has_changed():
            services.teoria_save(teoria=obj, actor=request.user)

    def save_formset(self, request, form, formset, change):
        if formset.model is ElementoToc:
            save_rows(
                formset,
                parent=form.instance,
                save=lambda elemento: services.teoria_elemento_save(elemento=elemento, actor=request.user),
                delete=lambda elemento: services.teoria_elemento_delete(elemento=elemento, actor=request.user),
            )
        elif formset.model is CollegamentoToc:
            self._save_collegamenti(request, formset)
        else:  # the comments, read-only here: they are written on the public page
            save_nothing(formset)

    def _save_collegamenti(self, request, formset):
        save_nothing(formset)
        for row in formset.deleted_forms:
            if row.instance.pk:
                services.teoria_collegamento_delete(collegamento=row.instance, actor=request.user)
                formset.deleted_objects.append(row.instance)
        for row in formset.extra_forms:
            if row.has_changed() and row.cleaned_data and row not in formset.deleted_forms:
                # A refusal (a cycle) goes through: ``RefusalAwareSaveMixin`` shows it next to the form.
                formset.new_objects.append(
                    services.teoria_collegamento_add(
                        da=row.cleaned_data["da"], a=row.cleaned_data["a"], actor=request.user
                    )
                )


@admin.register(IndicatoreToc)
class IndicatoreTocAdmin(admin.ModelAdmin):
    list_display = ["nome", "elemento", "unita", "obiettivo", "codice_monitoraggio"]
    list_select_related = ["elemento__teoria"]
    autocomplete_fields = ["elemento"]


@admin.register(ElementoToc)
class ElementoTocAdmin(admin.ModelAdmin):
    """Only the lookup other admins pick elements from (``autocomplete_fields``): elements are edited in their version.

    The lookup offers the elements of the versions in consultation or approved, newest version first.
    """

    search_fields = ["titolo", "descrizione"]
    list_display = ["titolo", "tipo", "teoria"]
    list_select_related = ["teoria"]
    ordering = ["-teoria__versione", "ordine", "pk"]

    def get_model_perms(self, request):
        return {}  # not listed in the admin index

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if request.path.endswith("/autocomplete/"):
            queryset = queryset.filter(
                teoria__stato__in=[TeoriaCambiamento.Stato.IN_CONSULTAZIONE, TeoriaCambiamento.Stato.APPROVATA]
            )
        return queryset, may_have_duplicates
