from django import forms
from django.utils.translation import gettext_lazy as _

from costellazioni.models import Quartiere
from ricerca.models import Bisogno


class SegnalaBisognoForm(forms.Form):
    categoria = forms.ChoiceField(label=_("Di che cosa si tratta"), choices=Bisogno.Categoria.choices)
    descrizione = forms.CharField(
        label=_("Descrivi il bisogno"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Non scrivere nomi, indirizzi o dati sulla salute di altre persone."),
    )
    quartiere = forms.ModelChoiceField(
        label=_("Quartiere"), queryset=Quartiere.objects.all(), required=False, empty_label=_("Non so / tutta la città")
    )
    urgenza = forms.ChoiceField(label=_("Urgenza"), choices=Bisogno.Urgenza.choices, initial=Bisogno.Urgenza.MEDIA)
    # Honeypot: hidden from people, filled in by bots.
    sito_web = forms.CharField(
        label=_("Lascia vuoto questo campo"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def is_spam(self) -> bool:
        return bool(self.data.get("sito_web", "").strip())
