from django.contrib import admin
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from costellazioni.admin.actions import NotaActionForm, transition_action
from costellazioni.admin.audit import AuditTimelineMixin
from costellazioni.admin.saving import RefusalAwareSaveMixin, save_nothing
from costellazioni.models import Ente, Membership
from costellazioni.services.enti import (
    ENTE_STAFF_FIELDS,
    MEMBERSHIP_STAFF_FIELDS,
    ente_correct,
    ente_record,
    ente_set_verification,
    membership_correct,
    membership_set_state,
)


def _membership_changes(form) -> dict:
    return {name: form.cleaned_data[name] for name in form.changed_data if name in MEMBERSHIP_STAFF_FIELDS}


class MembershipInline(admin.TabularInline):
    """The role is corrected here; ``EnteAdmin.save_formset`` saves it through ``membership_correct``."""

    model = Membership
    fk_name = "ente"
    extra = 0
    fields = ["user", "ruolo", "stato", "richiesta_il", "verificata_da", "verificata_il"]
    readonly_fields = ["user", "stato", "richiesta_il", "verificata_da", "verificata_il"]
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Ente)
class EnteAdmin(RefusalAwareSaveMixin, AuditTimelineMixin, admin.ModelAdmin):
    """The form's data are saved by ``ente_record``/``ente_correct``; the verification changes by the actions."""

    action_form = NotaActionForm
    list_display = ["denominazione", "tipo", "codice_fiscale", "quartiere", "stato_verifica", "rappresentanti"]
    list_filter = ["stato_verifica", "tipo", "runts_sezione", "quartiere__municipalita"]
    list_select_related = ["quartiere"]
    search_fields = ["denominazione", "codice_fiscale", "partita_iva", "runts_numero", "email"]
    readonly_fields = ["stato_verifica", "verificato_da", "verificato_il", "creato_il", "aggiornato_il"]
    autocomplete_fields = ["quartiere"]
    inlines = [MembershipInline]
    fieldsets = (
        (None, {"fields": ("denominazione", "tipo", "descrizione")}),
        (_("Dati fiscali e RUNTS"), {"fields": ("codice_fiscale", "partita_iva", "runts_numero", "runts_sezione")}),
        (
            _("Sede e contatti"),
            {"fields": ("indirizzo", "cap", "comune", "quartiere", "email", "pec", "telefono", "sito_web")},
        ),
        (_("Verifica"), {"fields": ("stato_verifica", "verificato_da", "verificato_il", "creato_il", "aggiornato_il")}),
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(verified_members=Count("memberships", filter=Q(memberships__stato=Membership.Stato.VERIFICATA)))
        )

    @admin.display(description=_("rappresentanti verificati"), ordering="verified_members")
    def rappresentanti(self, obj):
        return obj.verified_members

    actions = [
        transition_action(
            name="verify",
            description=_("Verifica gli enti selezionati"),
            service=ente_set_verification,
            object_kwarg="ente",
            to=Ente.StatoVerifica.VERIFICATO,
        ),
        transition_action(
            name="reject",
            description=_("Respingi la verifica (scrivi la nota)"),
            service=ente_set_verification,
            object_kwarg="ente",
            to=Ente.StatoVerifica.RESPINTO,
        ),
        transition_action(
            name="reopen",
            description=_("Riporta a «da verificare»"),
            service=ente_set_verification,
            object_kwarg="ente",
            to=Ente.StatoVerifica.DA_VERIFICARE,
        ),
    ]

    def save_model(self, request, obj, form, change):
        # A refusal goes through: ``RefusalAwareSaveMixin`` shows it next to the form.
        if change:
            changes = {name: form.cleaned_data[name] for name in form.changed_data if name in ENTE_STAFF_FIELDS}
            if changes:
                ente_correct(ente=obj, actor=request.user, **changes)
            return
        fields = {name: value for name, value in form.cleaned_data.items() if name in ENTE_STAFF_FIELDS}
        created = ente_record(actor=request.user, **fields)
        obj.pk = created.pk
        obj._state.adding = False

    def save_formset(self, request, form, formset, change):
        # The inline only corrects existing memberships: no row is added or deleted here.
        save_nothing(formset)
        for membership_form in formset.initial_forms:
            if changes := _membership_changes(membership_form):
                membership = membership_correct(membership=membership_form.instance, actor=request.user, **changes)
                formset.changed_objects.append((membership, list(changes)))


@admin.register(Membership)
class MembershipAdmin(RefusalAwareSaveMixin, AuditTimelineMixin, admin.ModelAdmin):
    """Role and reason are saved by ``membership_correct``; the state changes by the actions."""

    action_form = NotaActionForm
    list_display = ["user", "ente", "ruolo", "stato", "richiesta_il", "verificata_da", "verificata_il"]
    list_filter = ["stato", "ruolo", "ente__stato_verifica"]
    list_select_related = ["user", "ente", "verificata_da"]
    search_fields = ["user__email", "user__last_name", "ente__denominazione", "ente__codice_fiscale"]
    readonly_fields = ["user", "ente", "stato", "richiesta_il", "verificata_da", "verificata_il"]
    fields = ["user", "ente", "ruolo", "motivazione", "stato", "richiesta_il", "verificata_da", "verificata_il"]

    actions = [
        transition_action(
            name="verify",
            description=_("Conferma le rappresentanze selezionate"),
            service=membership_set_state,
            object_kwarg="membership",
            to=Membership.Stato.VERIFICATA,
        ),
        transition_action(
            name="reject",
            description=_("Respingi le richieste (scrivi la nota)"),
            service=membership_set_state,
            object_kwarg="membership",
            to=Membership.Stato.RESPINTA,
        ),
        transition_action(
            name="revoke",
            description=_("Revoca le rappresentanze"),
            service=membership_set_state,
            object_kwarg="membership",
            to=Membership.Stato.REVOCATA,
        ),
    ]

    def has_add_permission(self, request):
        return False  # people ask from their area personale; staff only decide

    def save_model(self, request, obj, form, change):
        # Only the change form saves (no add); a refusal is shown next to the form.
        if changes := _membership_changes(form):
            membership_correct(membership=obj, actor=request.user, **changes)
