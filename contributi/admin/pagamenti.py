"""Payments and reductions of an award: added through the services, never changed; the form refuses a person who
is party to the application before anything is saved."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from contributi import services
from contributi.admin.decisioni import ActorFormMixin, refuse_if_party
from contributi.models import Concessione, Pagamento, Riduzione, TrancheBando
from costellazioni.admin.changelist import PortalChangeListMixin
from costellazioni.admin.saving import RefusalAwareSaveMixin
from costellazioni.formatting import euro


class PagamentoForm(forms.ModelForm):
    importo = forms.DecimalField(
        label=_("importo (EUR)"),
        max_digits=10,
        decimal_places=2,
        required=False,
        help_text=_("Vuoto: quanto resta della tranche."),
    )

    class Meta:
        model = Pagamento
        fields = ["concessione", "tranche", "data", "importo", "numero_mandato"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the tranches of the chosen grant's call (from the posted data, or ``?concessione=`` on the add page).
        scelta = str(self.data.get("concessione") or self.initial.get("concessione") or "")
        concessione = (
            Concessione.objects.select_related("candidatura").filter(pk=int(scelta)).first()
            if scelta.isdigit()
            else None
        )
        if "tranche" in self.fields:
            tranche = TrancheBando.objects.select_related("bando").order_by("bando", "ordine")
            if concessione is not None:
                tranche = tranche.filter(bando_id=concessione.candidatura.bando_id)
                self.fields["tranche"].label_from_instance = str
            else:
                self.fields["tranche"].label_from_instance = lambda t: f"{t.bando.titolo} — {t}"
            self.fields["tranche"].queryset = tranche

    def clean(self):
        data = super().clean()
        concessione, tranche = data.get("concessione"), data.get("tranche")
        if concessione:
            refuse_if_party(self, concessione.candidatura)
        if concessione and tranche:
            try:
                data["importo"] = services.pagamento_check(
                    concessione=concessione, tranche=tranche, importo=data.get("importo")
                )
            except ValidationError as error:
                self.add_error(None, error)
        return data

    def _post_clean(self):
        # The service builds and validates the row; the form only checks the input.
        pass


@admin.register(Pagamento)
class PagamentoAdmin(RefusalAwareSaveMixin, PortalChangeListMixin, ActorFormMixin, admin.ModelAdmin):
    form = PagamentoForm
    list_display = ["numero_mandato", "data", "concessione", "tranche", "importo", "registrato_da"]
    list_filter = ["data", "concessione__candidatura__bando"]
    list_select_related = ["concessione__candidatura", "tranche", "registrato_da"]
    search_fields = ["numero_mandato", "concessione__candidatura__ente__denominazione"]
    date_hierarchy = "data"

    def save_confirmation(self, request, form, change):
        data = form.cleaned_data
        concessione = data["concessione"]
        return (
            _("Registra il pagamento"),
            [
                _("%(ente)s riceve %(importo)s, tranche «%(tranche)s», mandato n. %(mandato)s del %(data)s.")
                % {
                    "ente": concessione.candidatura.ente,
                    "importo": euro(data["importo"]),
                    "tranche": data["tranche"],
                    "mandato": data["numero_mandato"],
                    "data": date_format(data["data"]),
                },
                _("Il pagamento entra nel registro del contributo e l'ente lo vede nella sua area personale."),
            ],
        )

    def save_model(self, request, obj, form, change):
        saved = services.pagamento_register(
            concessione=form.cleaned_data["concessione"],
            tranche=form.cleaned_data["tranche"],
            actor=request.user,
            data=form.cleaned_data["data"],
            numero_mandato=form.cleaned_data["numero_mandato"],
            importo=form.cleaned_data["importo"],
        )
        obj.pk, obj.numero_mandato, obj.importo = saved.pk, saved.numero_mandato, saved.importo

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False


class RiduzioneForm(forms.ModelForm):
    class Meta:
        model = Riduzione
        fields = ["concessione", "importo", "motivo"]

    def clean(self):
        data = super().clean()
        if data.get("concessione"):
            refuse_if_party(self, data["concessione"].candidatura)
            try:
                services.riduzione_check(
                    concessione=data["concessione"], importo=data.get("importo"), motivo=data.get("motivo") or ""
                )
            except ValidationError as error:
                self.add_error(None, error)
        return data

    def _post_clean(self):
        pass


@admin.register(Riduzione)
class RiduzioneAdmin(RefusalAwareSaveMixin, ActorFormMixin, admin.ModelAdmin):
    form = RiduzioneForm
    list_display = ["concessione", "importo", "creata_il", "autore"]
    list_select_related = ["concessione__candidatura", "autore"]

    def save_model(self, request, obj, form, change):
        saved = services.concessione_reduce(
            concessione=form.cleaned_data["concessione"],
            actor=request.user,
            importo=form.cleaned_data["importo"],
            motivo=form.cleaned_data["motivo"],
        )
        obj.pk, obj.concessione, obj.importo = saved.pk, saved.concessione, saved.importo

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False
