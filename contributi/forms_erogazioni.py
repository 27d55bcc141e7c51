from django import forms
from django.utils.translation import gettext_lazy as _

from contributi.models import PersoneRaggiunte, Spesa


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class AccettazioneForm(forms.Form):
    data_inizio = forms.DateField(label=_("Inizio del progetto"), widget=DateInput)
    data_fine = forms.DateField(label=_("Fine del progetto"), widget=DateInput)
    conferma = forms.BooleanField(
        label=_(
            "Accetto il contributo alle condizioni del bando e mi impegno a realizzare il progetto e a rendicontarlo."
        )
    )

    def __init__(self, *args, concessione=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Dates staff already set on the award are shown, not asked for again.
        for name in ("data_inizio", "data_fine"):
            if concessione is not None and getattr(concessione, name):
                del self.fields[name]


class RinunciaForm(forms.Form):
    motivo = forms.CharField(
        label=_("Motivo della rinuncia"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class RendicontoForm(forms.Form):
    attivita_svolte = forms.CharField(
        label=_("Attività svolte"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Che cosa avete fatto, dove e quando, rispetto a quanto previsto dal progetto."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for categoria in PersoneRaggiunte.Categoria:
            self.fields[f"persone_{categoria.value}"] = forms.IntegerField(
                label=categoria.label, min_value=0, required=False
            )

    def persone_fields(self):
        return [self[f"persone_{c.value}"] for c in PersoneRaggiunte.Categoria]

    def persone(self) -> dict[str, int]:
        return {c.value: self.cleaned_data.get(f"persone_{c.value}") or 0 for c in PersoneRaggiunte.Categoria}

    @classmethod
    def initial_for(cls, rendiconto) -> dict:
        initial = {"attivita_svolte": rendiconto.attivita_svolte}
        for row in rendiconto.persone_raggiunte.all():
            initial[f"persone_{row.categoria}"] = row.numero
        return initial


class SpesaForm(forms.ModelForm):
    giustificativo = forms.FileField(
        label=_("Giustificativo (PDF, JPEG o PNG)"), help_text=_("Fattura, ricevuta o quietanza di pagamento.")
    )

    class Meta:
        model = Spesa
        fields = ["categoria", "descrizione", "fornitore", "data", "importo"]
        widgets = {
            "data": DateInput,
            "importo": forms.NumberInput(attrs={"step": "0.01", "min": "0.01"}),
        }
