"""The outbox in the admin: what is waiting or failed (receipts, e-mails), and "send again" for failed rows."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from costellazioni.admin.actions import apply_to_each
from costellazioni.admin.changelist import PortalChangeListMixin
from costellazioni.admin.saving import ViewOnlyChangeFormMixin
from costellazioni.models import OperazioneInCoda
from costellazioni.services.outbox import operazione_resend


@admin.action(description=_("Invia di nuovo le operazioni fallite selezionate"), permissions=["change"])
def invia_di_nuovo(modeladmin, request, queryset):
    apply_to_each(
        modeladmin,
        request,
        queryset,
        lambda operazione: operazione_resend(operazione=operazione, actor=request.user),
        _("Rimesse in coda: %(n)d."),
    )


@admin.register(OperazioneInCoda)
class OperazioneInCodaAdmin(ViewOnlyChangeFormMixin, PortalChangeListMixin, admin.ModelAdmin):
    """Rows are written only by the outbox service; staff read them and re-send the failed ones."""

    list_display = ["creata_il", "tipo", "oggetto", "stato", "tentativi", "prossimo_tentativo", "eseguita_il"]
    list_filter = ["stato", "tipo"]
    list_select_related = ["content_type"]
    search_fields = ["tipo", "ultimo_errore"]
    date_hierarchy = "creata_il"
    actions = [invia_di_nuovo]
    # ``dati`` is left out: an account e-mail's text may hold a password-reset link.
    fields = [
        "tipo",
        "oggetto",
        "stato",
        "tentativi",
        "prossimo_tentativo",
        "ultimo_errore",
        "creata_il",
        "iniziata_il",
        "eseguita_il",
    ]
    readonly_fields = fields

    @admin.display(description=_("oggetto"))
    def oggetto(self, operazione):
        if operazione.content_type_id is None:
            return "—"
        return f"{operazione.content_type.name} #{operazione.oggetto_id}"

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
