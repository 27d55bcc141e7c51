"""The booking and appointment queues, the connections log and the CSV export of bookings."""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from costellazioni.admin.actions import NotaActionForm, transition_action
from costellazioni.admin.audit import AuditTimelineMixin
from costellazioni.admin.changelist import PortalChangeListMixin
from costellazioni.admin.saving import RefusalAwareSaveMixin, ViewOnlyChangeFormMixin
from costellazioni.services.workflow import available_transitions
from costellazioni.spreadsheets import csv_response
from hubs import services
from hubs.models import Appuntamento, Connessione, Prenotazione

P = Prenotazione.Stato


@admin.action(description=_("Esporta in CSV"), permissions=["view"])
def export_csv(modeladmin, request, queryset):
    response, writer = csv_response("prenotazioni.csv")
    writer.writerow(
        [
            _("HUB"),
            _("spazio"),
            _("inizio"),
            _("fine"),
            _("stato"),
            _("richiedente"),
            _("ente"),
            _("attività"),
            _("partecipanti"),
        ]
    )
    for p in queryset.select_related("spazio__hub", "richiedente", "ente").order_by("inizio"):
        writer.writerow(
            [
                p.spazio.hub.nome,
                p.spazio.nome,
                timezone.localtime(p.inizio).strftime("%d/%m/%Y %H:%M"),
                timezone.localtime(p.fine).strftime("%d/%m/%Y %H:%M"),
                p.get_stato_display(),
                p.richiedente.email,
                p.ente.denominazione if p.ente else "",
                p.scopo,
                p.partecipanti,
            ]
        )
    return response


@admin.register(Prenotazione)
class PrenotazioneAdmin(ViewOnlyChangeFormMixin, PortalChangeListMixin, AuditTimelineMixin, admin.ModelAdmin):
    """The queue: filter «Richiesta», select, confirm or refuse (with the reason in the note). A booking changes
    only by these actions: its page shows it, with nothing to save."""

    action_form = NotaActionForm
    list_display = ["spazio", "hub", "inizio", "fine", "stato", "richiedente", "ente", "partecipanti"]
    list_filter = ["stato", "spazio__hub", ("inizio", admin.DateFieldListFilter)]
    list_select_related = ["spazio__hub", "richiedente", "ente"]
    search_fields = ["scopo", "richiedente__email", "ente__denominazione"]
    date_hierarchy = "inizio"
    ordering = ["inizio"]
    fields = [
        "spazio",
        "inizio",
        "fine",
        "richiedente",
        "ente",
        "scopo",
        "partecipanti",
        "stato",
        "motivazione",
        "creata_il",
    ]
    readonly_fields = fields
    actions = [
        transition_action(
            name="confirm",
            description=_("Conferma le prenotazioni selezionate"),
            service=services.prenotazione_transition,
            object_kwarg="prenotazione",
            to=P.CONFERMATA,
        ),
        transition_action(
            name="refuse",
            description=_("Rifiuta le prenotazioni selezionate (scrivi la motivazione)"),
            service=services.prenotazione_transition,
            object_kwarg="prenotazione",
            to=P.RIFIUTATA,
        ),
        transition_action(
            name="cancel",
            description=_("Annulla le prenotazioni selezionate"),
            service=services.prenotazione_transition,
            object_kwarg="prenotazione",
            to=P.ANNULLATA,
        ),
        export_csv,
    ]

    @admin.display(description=_("HUB"), ordering="spazio__hub__nome")
    def hub(self, obj):
        return obj.spazio.hub

    def has_add_permission(self, request):
        return False  # people book from the portal; staff decide here

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Appuntamento)
class AppuntamentoAdmin(RefusalAwareSaveMixin, AuditTimelineMixin, admin.ModelAdmin):
    """Fix a slot (inizio, fine), then write the outcome: saving moves the appointment through its workflow."""

    action_form = NotaActionForm
    list_display = ["tema", "servizio", "ente", "richiedente", "stato", "inizio", "operatore"]
    list_filter = ["stato", "servizio__hub"]
    list_select_related = ["servizio__hub", "ente", "richiedente", "operatore"]
    search_fields = ["tema", "richiedente__email", "ente__denominazione"]
    autocomplete_fields = ["operatore"]
    fields = [
        "servizio",
        "richiedente",
        "ente",
        "tema",
        "descrizione",
        "disponibilita",
        "stato",
        "inizio",
        "fine",
        "operatore",
        "esito",
        "seguiti",
        "motivazione",
    ]
    readonly_fields = [
        "servizio",
        "richiedente",
        "ente",
        "tema",
        "descrizione",
        "disponibilita",
        "stato",
        "motivazione",
    ]
    actions = [
        transition_action(
            name="cancel",
            description=_("Annulla gli appuntamenti selezionati"),
            service=services.appuntamento_transition,
            object_kwarg="appuntamento",
            to=Appuntamento.Stato.ANNULLATO,
        )
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        A = Appuntamento.Stato
        data = form.cleaned_data
        if obj.stato == A.FISSATO and data.get("esito"):
            services.appuntamento_record_outcome(
                appuntamento=obj, esito=data["esito"], seguiti=data.get("seguiti", ""), actor=request.user
            )
        elif data.get("inizio") and data.get("fine") and {"inizio", "fine", "operatore"} & set(form.changed_data):
            services.appuntamento_transition(
                appuntamento=obj,
                to=A.FISSATO,
                actor=request.user,
                inizio=data["inizio"],
                fine=data["fine"],
                operatore=data.get("operatore") or request.user,
            )
        elif form.changed_data:
            # Nothing would be saved: say why next to the form rather than a false success.
            raise ValidationError(_("Per fissare l'appuntamento indica inizio e fine."), code="orario_mancante")


@admin.register(Connessione)
class ConnessioneAdmin(RefusalAwareSaveMixin, PortalChangeListMixin, AuditTimelineMixin, admin.ModelAdmin):
    list_display = ["ente_a", "ente_b", "hub", "data", "esito"]
    list_filter = ["hub", "esito", "data"]
    list_select_related = ["hub", "ente_a", "ente_b"]
    search_fields = ["ente_a__denominazione", "ente_b__denominazione", "scopo"]
    autocomplete_fields = ["hub", "ente_a", "ente_b"]
    fields = ["hub", "ente_a", "ente_b", "scopo", "data", "esito", "note"]
    date_hierarchy = "data"

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is not None and "esito" in form.base_fields:
            # Only the outcomes the table leads to from here, as the door would accept them.
            reachable = {obj.esito} | {a.to for a in available_transitions(obj, request.user, field="esito")}
            form.base_fields["esito"].choices = [
                (value, label) for value, label in Connessione.Esito.choices if value in reachable
            ]
        return form

    def save_model(self, request, obj, form, change):
        # A refusal goes through: ``RefusalAwareSaveMixin`` shows it next to the form.
        if change:
            changes = {name: form.cleaned_data[name] for name in form.changed_data if name in self.fields}
            if changes:
                services.connessione_update(connessione=obj, actor=request.user, **changes)
            return
        created = services.connessione_record(actor=request.user, **{f: form.cleaned_data[f] for f in self.fields})
        obj.pk = created.pk
        obj._state.adding = False
