"""Admin of MOUs: parties and commitments inline, signatures at a glance, commitments falling due."""

import datetime

from django.contrib import admin, messages
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coprogrammazione import services
from coprogrammazione.models import (
    Impegno,
    ParteProtocollo,
    Promemoria,
    ProtocolloIntesa,
)
from costellazioni.admin.actions import NotaActionForm, ReadOnlyAdminMixin, apply_to_each, transition_action
from costellazioni.admin.audit import AuditTimelineMixin
from costellazioni.admin.saving import RefusalAwareSaveMixin, ViewOnlyChangeFormMixin, save_rows

P = ProtocolloIntesa.Stato
I = Impegno.Stato  # noqa: E741


class ParteInline(admin.TabularInline):
    model = ParteProtocollo
    extra = 0
    fields = ["ordine", "ente", "denominazione", "firmatario", "ruolo_firmatario", "firmato_il", "firma_verifica"]
    readonly_fields = ["firmato_il", "firma_verifica"]
    autocomplete_fields = ["ente"]

    def has_change_permission(self, request, obj=None):
        return obj is None or obj.stato == P.BOZZA

    def has_add_permission(self, request, obj=None):
        return obj is None or obj.stato == P.BOZZA

    def has_delete_permission(self, request, obj=None):
        return obj is None or obj.stato == P.BOZZA


class ImpegnoInline(admin.TabularInline):
    model = Impegno
    extra = 0
    fields = ["parte", "testo", "scadenza", "stato"]
    readonly_fields = ["stato"]

    def has_change_permission(self, request, obj=None):
        return obj is None or obj.stato == P.BOZZA

    def has_add_permission(self, request, obj=None):
        return obj is None or obj.stato == P.BOZZA

    def has_delete_permission(self, request, obj=None):
        return obj is None or obj.stato == P.BOZZA


@admin.register(ProtocolloIntesa)
class ProtocolloIntesaAdmin(RefusalAwareSaveMixin, AuditTimelineMixin, admin.ModelAdmin):
    """A draft's data, parties and commitments are saved by ``protocollo_save``/``protocollo_row_save``; the
    state changes by the actions."""

    list_display = ["oggetto", "stato", "firme", "data_inizio", "data_fine", "versione"]
    list_filter = ["stato", "percorso"]
    search_fields = ["oggetto", "parti__denominazione"]
    readonly_fields = ["stato", "versione", "impronta", "precedente"]
    inlines = [ParteInline, ImpegnoInline]
    action_form = NotaActionForm
    actions = [
        "genera_documento",
        "invia_in_firma",
        transition_action(
            name="riporta_in_bozza",
            description=_("Riporta in bozza (scrivi il motivo)"),
            service=services.protocollo_transition,
            object_kwarg="protocollo",
            to=P.BOZZA,
        ),
        transition_action(
            name="attiva",
            description=_("Segna come attivo"),
            service=services.protocollo_transition,
            object_kwarg="protocollo",
            to=P.ATTIVO,
        ),
        transition_action(
            name="risolvi",
            description=_("Risolvi (scrivi il motivo)"),
            service=services.protocollo_transition,
            object_kwarg="protocollo",
            to=P.RISOLTO,
        ),
        "rinnova",
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_parti=Count("parti", distinct=True),
                n_firme=Count("parti", filter=Q(parti__firmato_il__isnull=False), distinct=True),
            )
        )

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.stato != P.BOZZA:
            fields += ["percorso", "oggetto", "testo", "data_inizio", "data_fine"]
        return fields

    def save_model(self, request, obj, form, change):
        # A refusal goes through: ``RefusalAwareSaveMixin`` shows it next to the form.
        if not change or form.has_changed():
            services.protocollo_save(protocollo=obj, actor=request.user)

    def save_formset(self, request, form, formset, change):
        save_rows(
            formset,
            parent=form.instance,
            save=lambda row: services.protocollo_row_save(row=row, actor=request.user),
            delete=lambda row: services.protocollo_row_delete(row=row, actor=request.user),
        )

    @admin.display(description=_("firme"))
    def firme(self, obj):
        return f"{obj.n_firme}/{obj.n_parti}"

    @admin.action(description=_("Genera il documento PDF"), permissions=["change"])
    def genera_documento(self, request, queryset):
        apply_to_each(
            self,
            request,
            queryset,
            lambda obj: services.protocollo_document(protocollo=obj),
            _("Documenti generati: %(n)d."),
        )

    @admin.action(description=_("Invia in firma"), permissions=["change"])
    def invia_in_firma(self, request, queryset):
        apply_to_each(
            self,
            request,
            queryset,
            lambda obj: services.protocollo_send_for_signature(protocollo=obj, actor=request.user),
            _("Protocolli inviati in firma: %(n)d."),
        )

    @admin.action(description=_("Rinnova per la stessa durata"), permissions=["change"])
    def rinnova(self, request, queryset):
        nota = request.POST.get("nota", "")

        def renew(obj):
            durata = obj.data_fine - obj.data_inizio
            nuovo = services.protocollo_renew(
                protocollo=obj,
                actor=request.user,
                data_fine=max(obj.data_fine, timezone.localdate()) + durata,
                note=nota,
            )
            self.message_user(request, _("Creata la bozza del rinnovo: %(p)s.") % {"p": nuovo}, messages.INFO)

        apply_to_each(self, request, queryset, renew)


class ScadenzaFilter(admin.SimpleListFilter):
    title = _("scadenza")
    parameter_name = "scadenza"

    def lookups(self, request, model_admin):
        return [("60", _("Nei prossimi 60 giorni")), ("scaduti", _("Scaduti e aperti"))]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "60":
            return queryset.filter(
                scadenza__range=(today, today + datetime.timedelta(days=60)), stato__in=Impegno.APERTI
            )
        if self.value() == "scaduti":
            return queryset.filter(scadenza__lt=today, stato__in=Impegno.APERTI)
        return queryset


@admin.register(Impegno)
class ImpegnoAdmin(ViewOnlyChangeFormMixin, AuditTimelineMixin, admin.ModelAdmin):
    """Commitments of every MOU; the filter «Nei prossimi 60 giorni» is the list of what falls due."""

    list_display = ["testo_breve", "parte", "protocollo", "scadenza", "stato"]
    list_filter = [ScadenzaFilter, "stato", "protocollo__stato"]  # the MOU's state: monitoring counts signed ones
    list_select_related = ["parte", "protocollo"]
    search_fields = ["testo", "parte__denominazione", "protocollo__oggetto"]
    readonly_fields = ["protocollo", "parte", "testo", "scadenza", "stato"]
    action_form = NotaActionForm
    actions = [
        transition_action(
            name=f"impegno_{to}",
            description=_("Segna come: %(stato)s") % {"stato": to.label},
            service=services.impegno_transition,
            object_kwarg="impegno",
            to=to,
        )
        for to in [I.IN_CORSO, I.ADEMPIUTO, I.INADEMPIUTO]
    ]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("impegno"))
    def testo_breve(self, obj):
        return str(obj)


@admin.register(Promemoria)
class PromemoriaAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["tipo", "protocollo", "impegno", "data", "inviato_il"]
    list_filter = ["tipo"]
    list_select_related = ["protocollo", "impegno"]
