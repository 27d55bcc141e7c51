"""Forms of the governance pages: the contractor's activity report."""

from django import forms
from django.utils.translation import gettext_lazy as _

from costellazioni.models import Ente
from governance.models import Appalto, MacroAzione


class RapportoForm(forms.Form):
    """Period, then for each macro-action what was done, the hours and the people reached (all optional)."""

    ente = forms.ModelChoiceField(label=_("Soggetto appaltatore"), queryset=Ente.objects.none(), empty_label=None)
    periodo_dal = forms.DateField(
        label=_("Periodo dal"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    periodo_al = forms.DateField(
        label=_("Periodo al"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    problemi = forms.CharField(
        label=_("Criticità incontrate"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    allegato = forms.FileField(
        label=_("Allegato"), required=False, help_text=_("PDF o immagine, ad esempio il registro presenze.")
    )

    def __init__(self, *args, user, rapporto=None, **kwargs):
        super().__init__(*args, **kwargs)
        enti = (
            Ente.objects.verified().represented_by(user).filter(pk__in=Appalto.objects.in_corso().values("appaltatore"))
        )
        self.fields["ente"].queryset = enti.order_by("denominazione")
        if rapporto is not None:
            del self.fields["ente"]
        for value in MacroAzione.values:
            self.fields[f"attivita_{value}"] = forms.CharField(
                label=_("Attività svolte"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
            )
            self.fields[f"ore_{value}"] = forms.DecimalField(
                label=_("Ore"), required=False, min_value=0, max_digits=7, decimal_places=1
            )
            self.fields[f"persone_{value}"] = forms.IntegerField(
                label=_("Persone raggiunte"), required=False, min_value=0
            )

    def clean(self):
        data = super().clean()
        if data.get("periodo_dal") and data.get("periodo_al") and data["periodo_al"] < data["periodo_dal"]:
            self.add_error("periodo_al", _("La fine del periodo viene dopo l'inizio."))
        for value, _label in MacroAzione.choices:
            if (data.get(f"ore_{value}") or data.get(f"persone_{value}")) and not data.get(f"attivita_{value}"):
                self.add_error(f"attivita_{value}", _("Descrivi le attività a cui si riferiscono ore e persone."))
        return data

    def macro_azioni(self):
        """(label, description field, hours field, people field) per macro-action, for the template."""
        return [
            (label, self[f"attivita_{value}"], self[f"ore_{value}"], self[f"persone_{value}"])
            for value, label in MacroAzione.choices
        ]

    def attivita(self) -> list[dict]:
        data = self.cleaned_data
        return [
            {
                "macro_azione": value,
                "descrizione": data[f"attivita_{value}"],
                "ore": data.get(f"ore_{value}") or 0,
                "persone_raggiunte": data.get(f"persone_{value}") or 0,
            }
            for value, _label in MacroAzione.choices
            if data.get(f"attivita_{value}")
        ]

    @staticmethod
    def initial_for(rapporto) -> dict:
        initial = {
            "periodo_dal": rapporto.periodo_dal,
            "periodo_al": rapporto.periodo_al,
            "problemi": rapporto.problemi,
        }
        for riga in rapporto.attivita.all():
            initial[f"attivita_{riga.macro_azione}"] = riga.descrizione
            initial[f"ore_{riga.macro_azione}"] = riga.ore
            initial[f"persone_{riga.macro_azione}"] = riga.persone_raggiunte
        return initial


class DocumentoForm(forms.Form):
    """A new shared document of a body, or a new version of one of its documents."""

    documento = forms.TypedChoiceField(
        label=_("Documento"), coerce=int, empty_value=None, required=False, help_text=_("Vuoto per un documento nuovo.")
    )
    titolo = forms.CharField(label=_("Titolo del nuovo documento"), max_length=250, required=False)
    riservato = forms.BooleanField(label=_("Riservato ai membri dell'organo"), required=False)
    file = forms.FileField(label=_("File (PDF o immagine)"))
    nota = forms.CharField(label=_("Cosa cambia"), max_length=300, required=False)

    def __init__(self, *args, documenti, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["documento"].choices = [("", _("Nuovo documento"))] + [(d.pk, d.titolo) for d in documenti]

    def clean(self):
        data = super().clean()
        if not data.get("documento") and not data.get("titolo"):
            self.add_error("titolo", _("Dai un titolo al nuovo documento."))
        return data
