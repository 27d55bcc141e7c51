from django import forms
from django.utils.translation import gettext_lazy as _

from coprogrammazione.models import ManifestazioneInteresse, Risorsa
from costellazioni.models import Ente, Quartiere


class ManifestazioneForm(forms.ModelForm):
    ente = forms.ModelChoiceField(queryset=Ente.objects.none(), label=_("Ente"), empty_label=None)

    class Meta:
        model = ManifestazioneInteresse
        fields = [
            "ente",
            "motivazione",
            "competenze",
            "risorse_offerte",
            "contatto_nome",
            "contatto_email",
            "contatto_telefono",
        ]
        help_texts = {
            "motivazione": _("Perché l'ente vuole partecipare e che cosa porta al tema del percorso."),
            "competenze": _("Esperienze e competenze utili ai tavoli."),
            "risorse_offerte": _("Spazi, volontari, competenze professionali, attrezzature, fondi o dati."),
        }
        widgets = {
            "motivazione": forms.Textarea(attrs={"rows": 4}),
            "competenze": forms.Textarea(attrs={"rows": 3}),
            "risorse_offerte": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ente"].queryset = Ente.objects.represented_by(user).verified().order_by("denominazione")


class RisorsaFiltroForm(forms.Form):
    tipo = forms.ChoiceField(
        label=_("Tipo di risorsa"), required=False, choices=[("", _("Tutti"))] + Risorsa.Tipo.choices
    )
    quartiere = forms.ModelChoiceField(
        label=_("Quartiere"), required=False, queryset=Quartiere.objects.order_by("nome"), empty_label=_("Tutti")
    )


class FirmaForm(forms.Form):
    file = forms.FileField(label=_("Copia firmata (PDF)"), help_text=_("Il PDF del protocollo firmato digitalmente."))
    firmato_il = forms.DateField(
        label=_("Data della firma"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    scansione = forms.BooleanField(
        label=_("È una scansione della copia firmata a mano, consegnata all'ufficio"),
        required=False,
        help_text=_("Solo per il personale del Comune: la scansione non porta il codice del documento."),
    )

    def __init__(self, *args, staff: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not staff:
            del self.fields["scansione"]


class RisorsaForm(forms.ModelForm):
    ente = forms.ModelChoiceField(queryset=Ente.objects.none(), label=_("Ente"), empty_label=None)

    class Meta:
        model = Risorsa
        fields = ["ente", "tipo", "descrizione", "quantita", "unita", "disponibilita", "quartiere"]

    def __init__(self, *args, enti, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ente"].queryset = enti
        self.fields["quartiere"].queryset = Quartiere.objects.order_by("nome")


class CondivisioneForm(forms.Form):
    beneficiario = forms.ModelChoiceField(queryset=Ente.objects.none(), label=_("Condivisa con"), empty_label=None)
    data = forms.DateField(label=_("Data"), widget=forms.DateInput(attrs={"type": "date"}))
    quantita = forms.DecimalField(label=_("Quantità"), max_digits=12, decimal_places=2, min_value=0)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, beneficiari, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["beneficiario"].queryset = beneficiari
