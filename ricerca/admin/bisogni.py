from django import forms
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from costellazioni.admin.actions import NotaActionForm, transition_action
from costellazioni.admin.audit import AuditTimelineMixin
from costellazioni.admin.changelist import PortalChangeListMixin
from costellazioni.admin.saving import RefusalAwareSaveMixin
from ricerca import services
from ricerca.models import Bisogno, CategoriaBisogno, RispostaBisogno

RISPOSTE_AMMESSE = RispostaBisogno.AMMESSE


class RispostaBisognoForm(forms.ModelForm):
    class Meta:
        model = RispostaBisogno
        fields = ["descrizione", "content_type", "object_id"]

    def clean(self):
        data = super().clean()
        ct, object_id = data.get("content_type"), (data.get("object_id") or "").strip()
        if bool(ct) != bool(object_id):
            raise forms.ValidationError(_("Indica sia il tipo sia l'identificativo, oppure nessuno dei due."))
        if ct and not ct.model_class().objects.filter(pk=object_id).exists():
            self.add_error("object_id", _("Non esiste un elemento con questo identificativo."))
        return data


class RispostaBisognoInline(admin.TabularInline):
    """New answers are recorded through ``bisogno_link_risposta`` (``BisognoAdmin.save_formset``)."""

    model = RispostaBisogno
    form = RispostaBisognoForm
    extra = 0
    can_delete = False
    fields = ["descrizione", "content_type", "object_id", "creata_da", "creata_il"]
    readonly_fields = ["creata_da", "creata_il"]

    def has_change_permission(self, request, obj=None):
        return False

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "content_type":
            ammessi = [
                ContentType.objects.get_by_natural_key(*chiave).pk
                for chiave in RISPOSTE_AMMESSE
                if ContentType.objects.filter(app_label=chiave[0], model=chiave[1]).exists()
            ]
            kwargs["queryset"] = ContentType.objects.filter(pk__in=ammessi)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


def _azione(to, label):
    return transition_action(
        name=f"bisogno_{to}",
        description=label,
        service=services.bisogno_transition,
        object_kwarg="bisogno",
        to=to,
        available_only=True,
    )


@admin.register(CategoriaBisogno)
class CategoriaBisognoAdmin(admin.ModelAdmin):
    """The needs taxonomy: staff add, rename, reorder and retire categories (a used one cannot be deleted)."""

    list_display = ["nome", "slug", "attiva", "ordine", "numero_bisogni"]
    list_editable = ["attiva", "ordine"]
    list_filter = ["attiva"]
    search_fields = ["nome", "descrizione"]
    prepopulated_fields = {"slug": ["nome"]}
    fields = ["nome", "slug", "descrizione", "attiva", "ordine"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_bisogni=Count("bisogni"))

    def get_readonly_fields(self, request, obj=None):
        return ["slug"] if obj is not None else []

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj is not None else self.prepopulated_fields

    @admin.display(description=_("bisogni"), ordering="n_bisogni")
    def numero_bisogni(self, obj):
        return obj.n_bisogni


@admin.register(Bisogno)
class BisognoAdmin(RefusalAwareSaveMixin, PortalChangeListMixin, AuditTimelineMixin, admin.ModelAdmin):
    """The form's data are saved by ``bisogno_report``/``bisogno_update``; the state changes by the actions."""

    action_form = NotaActionForm
    list_display = ["__str__", "categoria", "urgenza", "stato", "fonte", "quartiere", "creato_il"]
    list_filter = [
        "stato",
        "urgenza",
        "categoria",
        "fonte",
        "destinatari",
        ("quartiere", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["quartiere", "categoria"]
    search_fields = ["descrizione", "categoria__nome"]
    date_hierarchy = "creato_il"
    autocomplete_fields = ["segnalato_da", "quartiere"]
    readonly_fields = ["stato", "stato_aggiornato_da", "stato_aggiornato_il", "creato_il"]
    inlines = [RispostaBisognoInline]
    fieldsets = [
        (
            None,
            {"fields": ["categoria", "descrizione", "destinatari", "urgenza", "quartiere", "fonte", "segnalato_da"]},
        ),
        (_("Percorso"), {"fields": ["stato", "stato_aggiornato_da", "stato_aggiornato_il", "creato_il"]}),
    ]
    actions = [
        _azione(Bisogno.Stato.PRESO_IN_CARICO, _("Prendi in carico")),
        _azione(Bisogno.Stato.INDIRIZZATO, _("Indirizza a un servizio (serve la nota)")),
        _azione(Bisogno.Stato.RISOLTO, _("Segna come risolti")),
        _azione(Bisogno.Stato.NON_RISOLVIBILE, _("Segna come non risolvibili (serve la nota)")),
    ]

    def save_model(self, request, obj, form, change):
        # A refusal goes through: ``RefusalAwareSaveMixin`` shows it next to the form.
        if change:
            changes = {name: form.cleaned_data[name] for name in form.changed_data if name in services.BISOGNO_CAMPI}
            if changes:
                services.bisogno_update(bisogno=obj, actor=request.user, **changes)
            return
        nuovo = services.bisogno_report(
            categoria=obj.categoria,
            descrizione=obj.descrizione,
            quartiere=obj.quartiere,
            urgenza=obj.urgenza,
            destinatari=obj.destinatari,
            fonte=obj.fonte,
            user=request.user,
        )
        obj.pk = nuovo.pk
        obj.refresh_from_db()

    def save_formset(self, request, form, formset, change):
        formset.new_objects = []
        for row in formset.extra_forms:
            if row.has_changed() and row.cleaned_data:
                ct = row.cleaned_data.get("content_type")
                oggetto = ct.get_object_for_this_type(pk=row.cleaned_data["object_id"]) if ct else None
                formset.new_objects.append(
                    services.bisogno_link_risposta(
                        bisogno=form.instance,
                        descrizione=row.cleaned_data["descrizione"],
                        actor=request.user,
                        oggetto=oggetto,
                    )
                )
        formset.changed_objects, formset.deleted_objects = [], []
