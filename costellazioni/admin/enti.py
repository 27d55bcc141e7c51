from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from costellazioni.admin.audit import AuditTimelineMixin
from costellazioni.models import Ente, Membership
from costellazioni.services.enti import ente_set_verification, membership_set_state


class NotaActionForm(ActionForm):
    nota = forms.CharField(
        label=_("Nota"),
        required=False,
        help_text=_("Obbligatoria per respingere: viene comunicata all'interessato."),
        widget=forms.TextInput(attrs={"size": 40}),
    )


def _apply(modeladmin, request, queryset, change):
    """Run ``change(obj, nota)`` on each selected row and report successes and refusals."""
    nota = request.POST.get("nota", "")
    done = 0
    for obj in queryset:
        try:
            change(obj, nota)
            done += 1
        except (ValidationError, PermissionDenied) as error:
            text = "; ".join(error.messages) if isinstance(error, ValidationError) else str(error)
            modeladmin.message_user(request, f"{obj}: {text}", messages.ERROR)
    if done:
        modeladmin.message_user(request, _("Operazione eseguita su %(n)d elementi.") % {"n": done}, messages.SUCCESS)


class MembershipInline(admin.TabularInline):
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
class EnteAdmin(AuditTimelineMixin, admin.ModelAdmin):
    action_form = NotaActionForm
    list_display = ["denominazione", "tipo", "codice_fiscale", "quartiere", "stato_verifica", "rappresentanti"]
    list_filter = ["stato_verifica", "tipo", "runts_sezione", "quartiere__municipalita"]
    list_select_related = ["quartiere"]
    search_fields = ["denominazione", "codice_fiscale", "partita_iva", "runts_numero", "email"]
    readonly_fields = ["stato_verifica", "verificato_da", "verificato_il", "creato_il", "aggiornato_il"]
    autocomplete_fields = ["quartiere"]
    inlines = [MembershipInline]
    actions = ["verify", "reject", "reopen"]
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

    @admin.action(description=_("Verifica gli enti selezionati"), permissions=["change"])
    def verify(self, request, queryset):
        _apply(
            self,
            request,
            queryset,
            lambda ente, nota: ente_set_verification(
                ente=ente, to=Ente.StatoVerifica.VERIFICATO, actor=request.user, note=nota
            ),
        )

    @admin.action(description=_("Respingi la verifica (scrivi la nota)"), permissions=["change"])
    def reject(self, request, queryset):
        _apply(
            self,
            request,
            queryset,
            lambda ente, nota: ente_set_verification(
                ente=ente, to=Ente.StatoVerifica.RESPINTO, actor=request.user, note=nota
            ),
        )

    @admin.action(description=_("Riporta a «da verificare»"), permissions=["change"])
    def reopen(self, request, queryset):
        _apply(
            self,
            request,
            queryset,
            lambda ente, nota: ente_set_verification(
                ente=ente, to=Ente.StatoVerifica.DA_VERIFICARE, actor=request.user, note=nota
            ),
        )


@admin.register(Membership)
class MembershipAdmin(AuditTimelineMixin, admin.ModelAdmin):
    action_form = NotaActionForm
    list_display = ["user", "ente", "ruolo", "stato", "richiesta_il", "verificata_da", "verificata_il"]
    list_filter = ["stato", "ruolo", "ente__stato_verifica"]
    list_select_related = ["user", "ente", "verificata_da"]
    search_fields = ["user__email", "user__last_name", "ente__denominazione", "ente__codice_fiscale"]
    readonly_fields = ["user", "ente", "stato", "richiesta_il", "verificata_da", "verificata_il"]
    fields = ["user", "ente", "ruolo", "motivazione", "stato", "richiesta_il", "verificata_da", "verificata_il"]
    actions = ["verify", "reject", "revoke"]

    def has_add_permission(self, request):
        return False  # people ask from their area personale; staff only decide

    @admin.action(description=_("Conferma le rappresentanze selezionate"), permissions=["change"])
    def verify(self, request, queryset):
        _apply(
            self,
            request,
            queryset,
            lambda m, nota: membership_set_state(
                membership=m, to=Membership.Stato.VERIFICATA, actor=request.user, note=nota
            ),
        )

    @admin.action(description=_("Respingi le richieste (scrivi la nota)"), permissions=["change"])
    def reject(self, request, queryset):
        _apply(
            self,
            request,
            queryset,
            lambda m, nota: membership_set_state(
                membership=m, to=Membership.Stato.RESPINTA, actor=request.user, note=nota
            ),
        )

    @admin.action(description=_("Revoca le rappresentanze"), permissions=["change"])
    def revoke(self, request, queryset):
        _apply(
            self,
            request,
            queryset,
            lambda m, nota: membership_set_state(
                membership=m, to=Membership.Stato.REVOCATA, actor=request.user, note=nota
            ),
        )
