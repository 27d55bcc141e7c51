from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from contributi.models import Partner, VoceBudget
from costellazioni.forms.fields import QuartieriChoiceField
from costellazioni.models import Quartiere


class ScegliEnteForm(forms.Form):
    ente = forms.ModelChoiceField(label=_("Per quale ente presenti la candidatura?"), queryset=None, empty_label=None)

    def __init__(self, *args, enti, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ente"].queryset = enti


class EnteStepForm(forms.Form):
    """The ente's record: its contact data can be updated here, its identifying data only by the Comune."""

    denominazione = forms.CharField(
        label=_("Denominazione"),
        disabled=True,
        help_text=_("I dati che identificano l'ente verificato si correggono chiedendolo al Comune."),
    )
    codice_fiscale = forms.CharField(label=_("Codice fiscale"), disabled=True)
    indirizzo = forms.CharField(label=_("Indirizzo della sede"), max_length=200)
    cap = forms.CharField(label=_("CAP"), max_length=5, required=False)
    comune = forms.CharField(label=_("Comune"), max_length=100)
    email = forms.EmailField(label=_("E-mail"))
    pec = forms.EmailField(label=_("PEC"), required=False)
    telefono = forms.CharField(label=_("Telefono"), max_length=30, required=False)


class ProgettoForm(forms.Form):
    titolo = forms.CharField(label=_("Titolo del progetto"), max_length=200)
    sintesi = forms.CharField(label=_("Sintesi"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000)
    obiettivi = forms.CharField(label=_("Obiettivi"), widget=forms.Textarea(attrs={"rows": 4}))
    destinatari = forms.CharField(label=_("Destinatari"), max_length=300, help_text=_("Chi raggiunge il progetto."))
    numero_destinatari = forms.IntegerField(label=_("Numero di destinatari previsti"), min_value=1)
    attivita = forms.CharField(
        label=_("Attività e cronoprogramma"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Un'attività per riga, con il periodo: per esempio «Laboratori di cucina — marzo-giugno 2027»."),
    )
    quartieri = QuartieriChoiceField(
        label=_("Quartieri in cui si svolge"),
        queryset=Quartiere.objects.order_by("nome"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    PROGETTO_KEYS = ("sintesi", "obiettivi", "destinatari", "numero_destinatari", "attivita")


class PartnerForm(forms.ModelForm):
    class Meta:
        model = Partner
        fields = ["denominazione", "codice_fiscale", "ruolo"]


PartnerFormSet = formset_factory(PartnerForm, extra=2, max_num=20)


class VoceForm(forms.ModelForm):
    class Meta:
        model = VoceBudget
        fields = ["categoria", "descrizione", "importo"]
        widgets = {"importo": forms.NumberInput(attrs={"step": "0.01", "min": "0.01", "class": "voce-importo"})}


VoceFormSet = formset_factory(VoceForm, extra=3, max_num=50)


class CofinanziamentoForm(forms.Form):
    cofinanziamento = forms.DecimalField(
        label=_("Cofinanziamento a carico dell'ente (EUR)"), min_value=0, decimal_places=2, max_digits=10
    )


class ImpattoForm(forms.Form):
    impatto = forms.CharField(label=_("Impatto atteso"), widget=forms.Textarea(attrs={"rows": 5}))
    indicatori = forms.CharField(
        label=_("Indicatori"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Un indicatore per riga, con il valore atteso: per esempio «Persone coinvolte: 120»."),
    )


class AllegatoForm(forms.Form):
    richiesto = forms.IntegerField(widget=forms.HiddenInput)
    file = forms.FileField(label=_("File"))


class InvioForm(forms.Form):
    veridicita = forms.BooleanField(
        label=_(
            "Dichiaro, ai sensi degli articoli 46 e 47 del DPR 445/2000 e consapevole delle sanzioni "
            "dell'articolo 76, che quanto dichiarato è vero."
        ),
    )
    privacy = forms.BooleanField(label=_("Ho letto l'informativa sul trattamento dei dati personali."))
