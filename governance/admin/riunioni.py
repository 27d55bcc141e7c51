"""Meetings with agenda and attendance, minutes and their approval, decisions with actions and results."""

from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from costellazioni.admin.actions import NotaActionForm, apply_to_each, transition_action
from costellazioni.admin.audit import AuditTimelineMixin
from costellazioni.admin.changelist import PortalChangeListMixin
from costellazioni.admin.saving import RefusalAwareSaveMixin, save_nothing, save_rows
from governance.models import Azione, Decisione, Partecipazione, PuntoOrdineGiorno, RisultatoAtteso, Riunione, Verbale
from governance.services import azioni, riunioni, verbali


class PuntoInline(admin.TabularInline):
    """The agenda is written before the meeting; afterwards it is shown as it was."""

    model = PuntoOrdineGiorno
    extra = 1
    fields = ["ordine", "titolo", "descrizione"]

    @staticmethod
    def _open(obj) -> bool:
        return obj is None or obj.stato == Riunione.Stato.CONVOCATA

    def has_add_permission(self, request, obj=None):
        return self._open(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._open(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._open(obj) and super().has_delete_permission(request, obj)


class PartecipazioneInline(admin.TabularInline):
    """The attendance register: saved through the service, which checks proxies and computes the quorum."""

    model = Partecipazione
    extra = 0
    fields = ["nome_visualizzato", "ente", "membro", "risposta", "presenza", "delegato_a"]
    readonly_fields = ["nome_visualizzato", "ente", "membro", "risposta"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("partecipante"))
    def nome_visualizzato(self, obj):
        return obj.nome_visualizzato

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "delegato_a":
            riunione_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = Partecipazione.objects.filter(riunione_id=riunione_id).select_related("user")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class RiunioneForm(forms.ModelForm):
    class Meta:
        model = Riunione
        fields = [
            "organo",
            "titolo",
            "descrizione",
            "inizio",
            "fine",
            "hub",
            "luogo",
            "link_online",
            "visibilita",
            "iscrizioni_aperte",
            "posti",
        ]


@admin.action(description=_("Invia ora la convocazione"), permissions=["change"])
def send_convocation(modeladmin, request, queryset):
    apply_to_each(
        modeladmin,
        request,
        queryset,
        lambda r: riunioni.riunione_convocazione_send(riunione=r),
        lambda n: ngettext("Convocazione inviata per %(n)d riunione.", "Convocazioni inviate per %(n)d riunioni.", n),
    )


@admin.action(description=_("Segna come svolte"), permissions=["change"])
def mark_held(modeladmin, request, queryset):
    apply_to_each(
        modeladmin,
        request,
        queryset,
        lambda r: riunioni.riunione_held(riunione=r, actor=request.user),
        lambda n: ngettext("Operazione eseguita su %(n)d elemento.", "Operazione eseguita su %(n)d elementi.", n),
    )


@admin.register(Riunione)
class RiunioneAdmin(RefusalAwareSaveMixin, PortalChangeListMixin, AuditTimelineMixin, admin.ModelAdmin):
    """Convene here (the members in office are invited), then keep the attendance and mark the meeting held."""

    form = RiunioneForm
    action_form = NotaActionForm
    list_display = ["titolo", "organo", "inizio", "stato", "visibilita", "convocazione_inviata_il", "quorum"]
    list_filter = ["organo", "stato", "visibilita", ("inizio", admin.DateFieldListFilter)]
    list_select_related = ["organo"]
    search_fields = ["titolo", "descrizione"]
    date_hierarchy = "inizio"
    autocomplete_fields = ["hub"]
    inlines = [PuntoInline, PartecipazioneInline]
    actions = [
        send_convocation,
        mark_held,
        transition_action(
            name="cancel",
            description=_("Annulla le riunioni selezionate (scrivi il motivo)"),
            service=riunioni.riunione_transition,
            object_kwarg="riunione",
            to=Riunione.Stato.ANNULLATA,
        ),
    ]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return fields + ["organo", "inizio", "fine", "stato", "convocazione_inviata_il", "pagina"] if obj else fields

    def get_fields(self, request, obj=None):
        fields = list(RiunioneForm.Meta.fields)
        return fields + ["stato", "convocazione_inviata_il", "pagina"] if obj else fields

    def get_inlines(self, request, obj):
        return [PuntoInline, PartecipazioneInline] if obj else [PuntoInline]

    @admin.display(description=_("pagina pubblica"))
    def pagina(self, obj):
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), _("Apri la pagina della riunione"))

    @admin.display(description=_("quorum"))
    def quorum(self, obj):
        if obj.stato == Riunione.Stato.CONVOCATA:
            return "—"
        numero = riunioni.quorum(obj)
        return f"{numero.validi}/{numero.richiesto}" + (" ✓" if numero.raggiunto else " ✗")

    def save_model(self, request, obj, form, change):
        data = {name: form.cleaned_data[name] for name in form.cleaned_data if name in riunioni.UPDATABLE}
        if change:
            riunioni.riunione_update(riunione=obj, actor=request.user, **data)
        else:
            saved = riunioni.riunione_create(
                organo=form.cleaned_data["organo"],
                inizio=form.cleaned_data["inizio"],
                fine=form.cleaned_data["fine"],
                actor=request.user,
                **data,
            )
            obj.pk = saved.pk
            obj._state.adding = False

    def save_formset(self, request, form, formset, change):
        if formset.model is Partecipazione:
            presenze = {
                f.instance.pk: (f.cleaned_data["presenza"], getattr(f.cleaned_data.get("delegato_a"), "pk", None))
                for f in formset.forms
                if f.has_changed()
            }
            if presenze:
                # A refusal goes through: ``RefusalAwareSaveMixin`` shows it next to the form.
                numero = riunioni.presenze_register(riunione=form.instance, actor=request.user, presenze=presenze)
                messages.info(
                    request,
                    _("Presenze registrate: %(validi)s validi su %(richiesto)s richiesti per il quorum.")
                    % {"validi": numero.validi, "richiesto": numero.richiesto},
                )
            return
        save_rows(
            formset,
            parent=form.instance,
            save=lambda punto: riunioni.punto_save(punto=punto, actor=request.user),
            delete=lambda punto: riunioni.punto_delete(punto=punto, actor=request.user),
        )

    def has_delete_permission(self, request, obj=None):
        return False


class VerbaleForm(forms.ModelForm):
    class Meta:
        model = Verbale
        fields = ["premessa", "approvato_in", "voti_favorevoli", "voti_contrari", "astenuti"]


@admin.register(Verbale)
class VerbaleAdmin(RefusalAwareSaveMixin, AuditTimelineMixin, admin.ModelAdmin):
    """To approve a draft: choose the later meeting where the vote took place and write the votes."""

    form = VerbaleForm
    list_display = ["riunione", "versione", "stato", "approvato_in", "approvato_il"]
    list_filter = ["stato", "riunione__organo"]
    list_select_related = ["riunione__organo", "approvato_in"]
    search_fields = ["riunione__titolo", "premessa"]
    readonly_fields = ["riunione", "versione", "stato", "motivo_correzione", "approvato_il", "redatto_da", "pdf"]
    fields = readonly_fields[:5] + ["premessa", "approvato_in", "voti_favorevoli", "voti_contrari", "astenuti", "pdf"]

    @admin.display(description=_("PDF"))
    def pdf(self, obj):
        return format_html(
            '<a href="{}">{}</a>', reverse("governance:verbale_pdf", args=[obj.riunione_id]), _("Scarica il PDF")
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "approvato_in":
            kwargs["queryset"] = Riunione.objects.filter(
                stato__in=[Riunione.Stato.SVOLTA, Riunione.Stato.VERBALE_APPROVATO]
            ).select_related("organo")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if obj.stato == Verbale.Stato.BOZZA and data.get("approvato_in"):
            verbali.verbale_approve(
                verbale=obj,
                in_riunione=data["approvato_in"],
                favorevoli=data.get("voti_favorevoli") or 0,
                contrari=data.get("voti_contrari") or 0,
                astenuti=data.get("astenuti") or 0,
                actor=request.user,
            )
        elif "premessa" in form.changed_data:
            verbali.verbale_write(riunione=obj.riunione, actor=request.user, premessa=data["premessa"], testi={})


class AzioneInlineForm(forms.ModelForm):
    """An action item row: new ones are created, existing ones edited and moved on, all through the service."""

    nuovo_stato = forms.ChoiceField(
        label=_("porta a"),
        required=False,
        choices=[("", "—")]
        + [(s.value, s.label) for s in (Azione.Stato.IN_CORSO, Azione.Stato.COMPLETATA, Azione.Stato.ANNULLATA)],
    )
    nota = forms.CharField(label=_("nota"), required=False, max_length=2000)

    class Meta:
        model = Azione
        fields = ["descrizione", "responsabile", "ente_responsabile", "scadenza"]


class AzioneInline(admin.TabularInline):
    model = Azione
    form = AzioneInlineForm
    extra = 1
    fields = ["descrizione", "responsabile", "ente_responsabile", "scadenza", "stato", "nuovo_stato", "nota"]
    readonly_fields = ["stato"]
    autocomplete_fields = ["responsabile", "ente_responsabile"]
    can_delete = False


class RisultatoInline(admin.TabularInline):
    model = RisultatoAtteso
    extra = 0
    fields = ["descrizione", "indicatore", "target", "scadenza", "stato"]
    readonly_fields = ["stato"]
    can_delete = False


@admin.register(Decisione)
class DecisioneAdmin(RefusalAwareSaveMixin, admin.ModelAdmin):
    """A decision is recorded with the minutes; here its action items and, for the committee, expected results."""

    list_display = ["testo_breve", "organo", "data", "tipo", "esito"]
    # the meeting's state and date also let monitoring list the decisions behind a figure
    list_filter = ["tipo", "esito", "punto__riunione__organo", "punto__riunione__stato", "punto__riunione__inizio"]
    list_select_related = ["punto__riunione__organo"]
    search_fields = ["testo"]
    readonly_fields = [
        "punto",
        "tipo",
        "testo",
        "esito",
        "voti_favorevoli",
        "voti_contrari",
        "astenuti",
        "orientamento",
    ]
    fields = readonly_fields
    inlines = [AzioneInline, RisultatoInline]

    @admin.display(description=_("decisione"))
    def testo_breve(self, obj):
        return str(obj)

    @admin.display(description=_("organo"), ordering="punto__riunione__organo__nome")
    def organo(self, obj):
        return obj.punto.riunione.organo

    @admin.display(description=_("data"), ordering="punto__riunione__inizio")
    def data(self, obj):
        return timezone.localtime(obj.punto.riunione.inizio).date()

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_formset(self, request, form, formset, change):
        save_nothing(formset)
        for f in formset.forms:
            if not f.has_changed():
                continue
            data = f.cleaned_data
            # A refusal goes through: ``RefusalAwareSaveMixin`` rolls the rows back and shows it next to the form.
            if f.instance.pk:
                if formset.model is Azione:
                    self._save_existing_azione(request, f.instance, data, f.changed_data)
                continue
            if formset.model is Azione:
                azioni.azione_create(
                    decisione=form.instance,
                    actor=request.user,
                    descrizione=data["descrizione"],
                    scadenza=data["scadenza"],
                    responsabile=data.get("responsabile"),
                    ente=data.get("ente_responsabile"),
                )
            else:
                azioni.risultato_create(
                    decisione=form.instance,
                    actor=request.user,
                    descrizione=data["descrizione"],
                    indicatore=data["indicatore"],
                    target=data["target"],
                    scadenza=data.get("scadenza"),
                )

    @staticmethod
    @transaction.atomic
    def _save_existing_azione(request, azione, data, changed):
        if set(changed) & set(azioni.EDITABLE_FIELDS):
            azioni.azione_edit(
                azione=azione,
                actor=request.user,
                descrizione=data["descrizione"],
                scadenza=data["scadenza"],
                responsabile=data.get("responsabile"),
                ente=data.get("ente_responsabile"),
            )
        if data.get("nuovo_stato"):
            azioni.azione_transition(
                azione=azione, to=data["nuovo_stato"], actor=request.user, note=data.get("nota", "")
            )
