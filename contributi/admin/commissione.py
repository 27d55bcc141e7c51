"""Admin of the evaluation board: members and their assignments, declared conflicts, score sheets."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from contributi import permissions, services
from contributi.models import Assegnazione, DichiarazioneConflitto, MembroCommissione, Valutazione
from costellazioni.admin.actions import NotaActionForm, ReadOnlyAdminMixin, apply_to_each
from costellazioni.admin.inlines import ReadOnlyTabularInline


class AssegnazioneInline(ReadOnlyTabularInline):
    model = Assegnazione
    fields = ["candidatura", "assegnata_il", "assegnata_da"]


@admin.register(MembroCommissione)
class MembroCommissioneAdmin(admin.ModelAdmin):
    """Board members, added through ``services.membro_add``; staff are warned of the conflicts the portal sees."""

    list_display = ["__str__", "bando", "presidente", "nominato_il"]
    list_filter = ["bando", "presidente"]
    search_fields = ["utente__email", "utente__first_name", "utente__last_name"]
    autocomplete_fields = ["utente"]
    inlines = [AssegnazioneInline]

    def get_readonly_fields(self, request, obj=None):
        return ["bando", "utente", "nominato_il"] if obj is not None else ["nominato_il"]

    def save_model(self, request, obj, form, change):
        membro = services.membro_add(bando=obj.bando, utente=obj.utente, actor=request.user, presidente=obj.presidente)
        obj.pk, obj.nominato_il = membro.pk, membro.nominato_il
        conflitti = list(services.membro_conflicts(membro))
        if conflitti:
            self.message_user(
                request,
                _(
                    "Attenzione: %(membro)s è o è stato rappresentante di enti che hanno presentato candidature a "
                    "questo bando, o ne ha scritte: ha un conflitto di interessi su %(elenco)s. Non gli saranno "
                    "assegnate e non potrà valutarle."
                )
                % {
                    "membro": membro,
                    "elenco": "; ".join(f"{c} ({c.ente})" for c in conflitti),
                },
                messages.WARNING,
            )


@admin.register(DichiarazioneConflitto)
class DichiarazioneConflittoAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["membro", "candidatura", "conflitto", "dichiarata_il"]
    list_filter = ["conflitto", "candidatura__bando"]
    list_select_related = ["membro__utente", "candidatura"]


@admin.register(Valutazione)
class ValutazioneAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Score sheets, read-only for staff: members write them from their own pages. A sheet written despite a
    conflict of interest the portal sees is annulled here, with the reason (in the action bar's note)."""

    action_form = NotaActionForm
    list_display = ["candidatura", "membro", "consenso", "totale", "inviata_il"]
    list_filter = ["candidatura__bando", "consenso", ("inviata_il", admin.EmptyFieldListFilter)]
    list_select_related = ["candidatura", "membro__utente"]
    actions = ["annulla_in_conflitto"]

    def has_selezione_permission(self, request):
        return permissions.may_work_selection(request.user)

    @admin.action(
        description=_("Annulla le schede scritte in conflitto di interessi (scrivi la nota)"), permissions=["selezione"]
    )
    def annulla_in_conflitto(self, request, queryset):
        nota = request.POST.get("nota", "")
        apply_to_each(
            self,
            request,
            queryset,
            lambda v: services.valutazione_annul(valutazione=v, actor=request.user, note=nota),
            lambda n: ngettext("%(n)d scheda annullata.", "%(n)d schede annullate.", n),
        )
