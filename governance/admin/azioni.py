"""Action items due and the committee's expected results: followed up through the services."""

from django.contrib import admin
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from costellazioni.admin.actions import NotaActionForm, transition_action
from costellazioni.admin.audit import AuditTimelineMixin
from costellazioni.admin.saving import ViewOnlyChangeFormMixin
from governance.models import Azione, RisultatoAtteso
from governance.services import azioni


@admin.register(Azione)
class AzioneAdmin(ViewOnlyChangeFormMixin, AuditTimelineMixin, admin.ModelAdmin):
    """Action items due: filter the open ones, then start, complete or cancel them (with a note)."""

    action_form = NotaActionForm
    list_display = ["descrizione", "organo", "responsabile", "ente_responsabile", "scadenza", "stato", "scaduta"]
    list_filter = ["stato", "decisione__punto__riunione__organo", ("scadenza", admin.DateFieldListFilter)]
    list_select_related = ["responsabile", "ente_responsabile", "decisione__punto__riunione__organo"]
    search_fields = ["descrizione"]
    ordering = ["scadenza"]
    readonly_fields = [
        "decisione",
        "descrizione",
        "responsabile",
        "ente_responsabile",
        "scadenza",
        "stato",
        "chiusa_il",
    ]
    fields = readonly_fields
    actions = [
        transition_action(
            name=f"to_{stato}",
            description=label,
            service=azioni.azione_transition,
            object_kwarg="azione",
            to=stato,
        )
        for stato, label in [
            (Azione.Stato.IN_CORSO, _("Segna come avviate")),
            (Azione.Stato.COMPLETATA, _("Segna come completate")),
            (Azione.Stato.ANNULLATA, _("Annulla (scrivi il motivo)")),
        ]
    ]

    @admin.display(description=_("organo"))
    def organo(self, obj):
        return obj.decisione.punto.riunione.organo

    @admin.display(description=_("scaduta"), boolean=True)
    def scaduta(self, obj):
        return obj.scaduta

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RisultatoAtteso)
class RisultatoAttesoAdmin(ViewOnlyChangeFormMixin, AuditTimelineMixin, admin.ModelAdmin):
    """The committee's expected results: select them and record how they are going (with a note)."""

    action_form = NotaActionForm
    list_display = ["descrizione", "indicatore", "target", "scadenza", "stato"]
    list_filter = ["stato"]
    list_select_related = ["decisione"]
    search_fields = ["descrizione", "indicatore"]
    readonly_fields = ["decisione", "descrizione", "indicatore", "target", "scadenza", "stato", "nota_stato"]
    fields = readonly_fields
    actions = [
        transition_action(
            name=f"risultato_{stato}",
            description=format_lazy(_("Segna come: {stato}"), stato=label),
            service=azioni.risultato_transition,
            object_kwarg="risultato",
            to=stato,
        )
        for stato, label in RisultatoAtteso.Stato.choices
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
