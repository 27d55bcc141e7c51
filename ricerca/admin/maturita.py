from django.contrib import admin

from costellazioni.admin.saving import RefusalAwareSaveMixin
from ricerca import services
from ricerca.models import DimensioneMaturita, RilevazioneMaturita, ValutazioneMaturita


@admin.register(DimensioneMaturita)
class DimensioneMaturitaAdmin(admin.ModelAdmin):
    list_display = ["nome", "ordine"]
    list_editable = ["ordine"]


@admin.register(RilevazioneMaturita)
class RilevazioneMaturitaAdmin(admin.ModelAdmin):
    list_display = ["__str__", "fase", "data", "aperta"]
    autocomplete_fields = ["enti_invitati"]


@admin.register(ValutazioneMaturita)
class ValutazioneMaturitaAdmin(RefusalAwareSaveMixin, admin.ModelAdmin):
    """Staff score a dimension for themselves; ``maturita_valuta`` checks the round is open."""

    list_display = ["rilevazione", "dimensione", "punteggio", "autore", "ente"]
    list_filter = ["rilevazione", "dimensione"]
    list_select_related = ["rilevazione", "dimensione", "autore", "ente"]
    fields = ["rilevazione", "dimensione", "punteggio", "nota", "autore", "ente"]
    readonly_fields = ["autore", "ente"]

    def has_change_permission(self, request, obj=None):
        return obj is None or (obj.autore_id == request.user.pk and super().has_change_permission(request, obj))

    def save_model(self, request, obj, form, change):
        # A refusal (the round is closed) goes through: ``RefusalAwareSaveMixin`` shows it next to the form.
        data = form.cleaned_data
        valutazione = services.maturita_valuta(
            rilevazione=data["rilevazione"],
            dimensione=data["dimensione"],
            punteggio=data["punteggio"],
            nota=data.get("nota", ""),
            actor=request.user,
        )
        obj.pk = valutazione.pk
        obj.autore = valutazione.autore
        obj._state.adding = False

    def save_related(self, request, form, formsets, change):
        pass
