from django import forms
from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from antenne import services
from antenne.models import (
    Antenna,
    Attivita,
    Consenso,
    MovimentoBancaDelTempo,
    Offerta,
    OperatoreDiComunita,
    Richiesta,
    RichiestaPortierato,
    Scambio,
    Seguito,
    SocioBancaDelTempo,
)
from antenne.services.antenne import VERSIONE_TESTO_CONSENSO
from costellazioni.admin.actions import NotaActionForm, ReadOnlyAdminMixin, apply_to_each, transition_action
from costellazioni.admin.audit import AuditTimelineMixin
from costellazioni.admin.changelist import PortalChangeListMixin
from costellazioni.admin.confirm import confirm_action
from costellazioni.admin.saving import RefusalAwareSaveMixin
from costellazioni.spreadsheets import csv_response
from hubs.models import Hub


class ConsensoForm(forms.ModelForm):
    class Meta:
        model = Consenso
        fields = ["oggetto", "concesso", "versione_testo"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["versione_testo"].initial = VERSIONE_TESTO_CONSENSO


class ConsensoInline(admin.TabularInline):
    """Consents are records: staff add new ones (``AntennaAdmin.save_formset`` records them through the
    service, which keeps the antenna's public flags in step); past records stay as they are."""

    model = Consenso
    form = ConsensoForm
    extra = 0
    can_delete = False
    fields = ["oggetto", "concesso", "versione_testo", "registrato_il", "registrato_da"]
    readonly_fields = ["registrato_il", "registrato_da"]

    def has_change_permission(self, request, obj=None):
        return False


class HubDiRiferimentoForm(forms.Form):
    hub = forms.ModelChoiceField(
        label=_("HUB di riferimento"),
        queryset=Hub.objects.order_by("nome"),
        required=False,
        empty_label=_("— nessuno —"),
        help_text=_("Lascia vuoto per togliere l'HUB di riferimento."),
    )


def _antenna_action(to, label):
    return transition_action(
        name=f"antenna_{to}",
        description=label,
        service=services.antenna_transition,
        object_kwarg="antenna",
        to=to,
    )


@admin.register(Antenna)
class AntennaAdmin(RefusalAwareSaveMixin, AuditTimelineMixin, admin.ModelAdmin):
    """The form's data are saved by ``antenna_register``/``antenna_update``; state and HUB change by the actions."""

    action_form = NotaActionForm
    list_display = ["nome_pubblico", "tipo", "quartiere", "stato", "operatore", "candidatura", "aggiornata_il"]
    list_filter = [
        "stato",
        "tipo",
        "candidatura",
        ("quartiere", admin.RelatedOnlyFieldListFilter),
        ("hub", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["quartiere", "operatore__user"]
    search_fields = ["nome_pubblico", "referente_nome", "email"]
    # The HUB changes only through ``antenna_set_hub`` (the «Cambia l'HUB di riferimento» action), which logs it.
    readonly_fields = ["stato", "hub", "consenso_nome", "consenso_contatti", "creata_il", "aggiornata_il"]
    autocomplete_fields = ["account", "operatore"]
    inlines = [ConsensoInline]
    fieldsets = [
        (None, {"fields": ["tipo", "nome_pubblico", "descrizione", "quartiere", "servizi", "disponibilita"]}),
        (_("Riservato"), {"fields": ["indirizzo", "latitudine", "longitudine", "referente_nome", "email", "telefono"]}),
        (
            _("Percorso"),
            {"fields": ["stato", "operatore", "hub", "account", "candidatura", "creata_il", "aggiornata_il"]},
        ),
        (_("Consensi in vigore"), {"fields": ["consenso_nome", "consenso_contatti"]}),
    ]
    actions = [
        _antenna_action(Antenna.Stato.CONTATTATA, _("Segna come contattate")),
        _antenna_action(Antenna.Stato.SUPPORTATA, _("Segna come supportate")),
        _antenna_action(Antenna.Stato.ATTIVA, _("Segna come attive")),
        _antenna_action(Antenna.Stato.IN_RETE, _("Segna come in rete")),
        _antenna_action(Antenna.Stato.SOSPESA, _("Sospendi (serve la nota)")),
        "cambia_hub",
    ]

    @admin.action(description=_("Cambia l'HUB di riferimento"), permissions=["change"])
    def cambia_hub(self, request, queryset):
        return confirm_action(
            self,
            request,
            queryset,
            action="cambia_hub",
            title=_("Cambia l'HUB di riferimento"),
            consequences=[
                _("Le antenne selezionate indirizzano le persone all'HUB scelto; il cambio resta nella cronologia.")
            ],
            form_class=HubDiRiferimentoForm,
            irreversible=False,
            apply=lambda data: apply_to_each(
                self,
                request,
                queryset,
                lambda antenna: services.antenna_set_hub(antenna=antenna, hub=data["hub"], actor=request.user),
                lambda n: ngettext(
                    "HUB di riferimento aggiornato per %(n)d antenna.",
                    "HUB di riferimento aggiornato per %(n)d antenne.",
                    n,
                ),
            ),
        )

    def save_model(self, request, obj, form, change):
        # A refusal goes through: ``RefusalAwareSaveMixin`` shows it next to the form.
        if change:
            changes = {name: form.cleaned_data[name] for name in form.changed_data if name in services.ANTENNA_CAMPI}
            if changes:
                services.antenna_update(antenna=obj, actor=request.user, **changes)
            return
        campi = {name: value for name, value in form.cleaned_data.items() if name in services.ANTENNA_CAMPI}
        created = services.antenna_register(actor=request.user, **campi)
        obj.pk = created.pk
        obj._state.adding = False

    def save_formset(self, request, form, formset, change):
        formset.new_objects = [
            services.consenso_record(
                antenna=form.instance,
                oggetto=row.cleaned_data["oggetto"],
                concesso=row.cleaned_data["concesso"],
                versione_testo=row.cleaned_data["versione_testo"],
                actor=request.user,
            )
            for row in formset.extra_forms
            if row.has_changed() and row.cleaned_data
        ]
        formset.changed_objects, formset.deleted_objects = [], []


@admin.register(OperatoreDiComunita)
class OperatoreAdmin(admin.ModelAdmin):
    list_display = ["__str__", "coordinatore", "coordinato_da", "attivo"]
    list_filter = ["coordinatore", "attivo", "quartieri"]
    list_select_related = ["user", "coordinato_da__user"]
    search_fields = ["user__email", "user__first_name", "user__last_name"]
    autocomplete_fields = ["user"]
    filter_horizontal = ["quartieri"]


class MeseFilter(admin.SimpleListFilter):
    title = _("mese")
    parameter_name = "mese"

    def lookups(self, request, model_admin):
        oggi = timezone.localdate()
        mesi = []
        anno, mese = oggi.year, oggi.month
        for _i in range(12):
            mesi.append((f"{anno}-{mese:02d}", f"{mese:02d}/{anno}"))
            anno, mese = (anno - 1, 12) if mese == 1 else (anno, mese - 1)
        return mesi

    def queryset(self, request, queryset):
        value = self.value() or ""
        if len(value) == 7 and value.isascii() and value[:4].isdigit() and value[5:].isdigit() and value[:4] != "0000":
            return queryset.filter(svolta_il__year=int(value[:4]), svolta_il__month=int(value[5:]))
        return queryset


CSV_COLUMNS = [
    ("uuid", _("identificativo")),
    ("svolta_il", _("data e ora")),
    ("operatore", _("operatore")),
    ("tipo", _("tipo")),
    ("quartiere", _("quartiere")),
    ("luogo", _("luogo")),
    ("persone_raggiunte", _("persone raggiunte")),
    ("persone_minori", _("minori")),
    ("persone_adulte", _("adulti")),
    ("persone_anziane", _("over 65")),
    ("persone_donne", _("donne")),
    ("persone_uomini", _("uomini")),
    ("n_bisogni", _("bisogni")),
    ("note", _("note")),
]


def _cella(value) -> str:
    return "" if value is None else str(value)


@admin.register(Attivita)
class AttivitaAdmin(PortalChangeListMixin, admin.ModelAdmin):
    list_display = ["svolta_il", "tipo", "quartiere", "operatore", "persone_raggiunte"]
    list_filter = [("quartiere", admin.RelatedOnlyFieldListFilter), "tipo", MeseFilter, "operatore"]
    list_select_related = ["quartiere", "operatore__user"]
    date_hierarchy = "svolta_il"
    search_fields = ["luogo", "note"]
    readonly_fields = ["uuid", "registrata_il"]
    autocomplete_fields = ["operatore", "antenne", "bisogni"]
    actions = ["esporta_csv"]

    @admin.action(description=_("Esporta in CSV"), permissions=["view"])
    def esporta_csv(self, request, queryset):
        response, writer = csv_response("diario-di-campo.csv")
        writer.writerow([str(label) for _field, label in CSV_COLUMNS])
        rows = queryset.for_list().order_by("svolta_il", "pk")
        for a in rows:
            values = {
                "svolta_il": timezone.localtime(a.svolta_il).strftime("%d/%m/%Y %H:%M"),
                "operatore": str(a.operatore),
                "tipo": a.get_tipo_display(),
                "quartiere": a.quartiere.nome,
            }
            writer.writerow([_cella(values.get(field, getattr(a, field))) for field, _l in CSV_COLUMNS])
        return response


@admin.register(Seguito)
class SeguitoAdmin(admin.ModelAdmin):
    list_display = ["descrizione", "scadenza", "operatore", "fatto_il"]
    list_filter = ["scadenza", "operatore"]
    list_select_related = ["operatore__user"]
    autocomplete_fields = ["attivita", "operatore"]


@admin.register(SocioBancaDelTempo)
class SocioAdmin(RefusalAwareSaveMixin, AuditTimelineMixin, admin.ModelAdmin):
    """The neighbourhood is corrected by ``socio_correct``; the state changes by the actions."""

    list_display = ["__str__", "stato", "quartiere", "iscritto_il"]
    list_filter = ["stato"]
    list_select_related = ["user", "quartiere"]
    search_fields = ["user__email", "user__first_name", "user__last_name"]
    readonly_fields = ["user", "stato", "verificato_da", "verificato_il", "iscritto_il"]
    action_form = NotaActionForm
    actions = ["verifica", "non_accogliere", "sospendi", "riammetti"]

    @admin.action(description=_("Verifica i soci selezionati"), permissions=["change"])
    def verifica(self, request, queryset):
        apply_to_each(self, request, queryset, lambda socio: services.socio_verify(socio=socio, actor=request.user))

    @admin.action(description=_("Non accogliere le iscrizioni selezionate (serve la nota)"), permissions=["change"])
    def non_accogliere(self, request, queryset):
        note = request.POST.get("nota", "")
        apply_to_each(
            self,
            request,
            queryset,
            lambda socio: services.socio_reject(socio=socio, actor=request.user, note=note),
        )

    @admin.action(description=_("Sospendi i soci selezionati (serve la nota)"), permissions=["change"])
    def sospendi(self, request, queryset):
        note = request.POST.get("nota", "")
        apply_to_each(
            self,
            request,
            queryset,
            lambda socio: services.socio_suspend(socio=socio, actor=request.user, note=note),
        )

    @admin.action(description=_("Riammetti i soci sospesi selezionati"), permissions=["change"])
    def riammetti(self, request, queryset):
        apply_to_each(self, request, queryset, lambda socio: services.socio_reinstate(socio=socio, actor=request.user))

    def has_add_permission(self, request):
        return False  # people join from the portal (``socio_join``)

    def save_model(self, request, obj, form, change):
        # Only the change form saves; a refusal is shown next to the form.
        if "quartiere" in form.changed_data:
            services.socio_correct(socio=obj, actor=request.user, quartiere=form.cleaned_data["quartiere"])


@admin.register(Offerta, Richiesta)
class AnnuncioAdmin(admin.ModelAdmin):
    list_display = ["titolo", "categoria", "socio", "attivo", "creato_il"]
    list_filter = ["attivo", "categoria"]
    list_select_related = ["socio__user"]
    autocomplete_fields = ["socio"]


@admin.register(Scambio)
class ScambioAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["descrizione", "erogatore", "beneficiario", "ore", "stato", "creato_il"]
    list_filter = ["stato"]
    list_select_related = ["erogatore__user", "beneficiario__user"]


@admin.register(MovimentoBancaDelTempo)
class MovimentoAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The ledger: read-only. A correction is a new entry (``services.movimento_correct``)."""

    list_display = ["registrato_il", "socio", "ore", "tipo", "causale", "registrazione"]
    list_filter = ["tipo"]
    list_select_related = ["socio__user"]
    search_fields = ["causale", "socio__user__email"]


@admin.register(RichiestaPortierato)
class RichiestaPortieratoAdmin(RefusalAwareSaveMixin, AuditTimelineMixin, admin.ModelAdmin):
    """The phone number is corrected by ``portierato_correct_telefono``; the rest moves by the antenna's hands."""

    list_display = ["__str__", "richiedente", "stato", "voto", "creata_il"]
    list_filter = ["stato", "servizio"]
    list_select_related = ["antenna", "richiedente"]
    readonly_fields = ["antenna", "richiedente", "servizio", "descrizione", "stato", "voto", "commento"]

    def has_add_permission(self, request):
        return False  # people ask from the antenna's page (``portierato_request``)

    def save_model(self, request, obj, form, change):
        # Only the change form saves; a refusal is shown next to the form.
        if "telefono" in form.changed_data:
            services.portierato_correct_telefono(
                richiesta=obj, telefono=form.cleaned_data["telefono"], actor=request.user
            )
