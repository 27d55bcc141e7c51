from urllib.parse import urlsplit

from django import forms
from django.urls import Resolver404, resolve
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from costellazioni.models import SegnalazioneDisservizio, ValutazionePagina

Aspetto = ValutazionePagina.Aspetto
# The Designers Italia widget asks what went well for 4-5 stars and what went wrong for 1-3.
ASPETTI_POSITIVI = Aspetto.choices[:5]
ASPETTI_NEGATIVI = Aspetto.choices[5:]
STELLE_POSITIVE = 4


class ValutazionePaginaForm(forms.ModelForm):
    stelle = forms.TypedChoiceField(
        label=_("Valuta da 1 a 5 stelle la pagina"),
        choices=[(n, n) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Scegli da 1 a 5 stelle."), "invalid_choice": _("Scegli da 1 a 5 stelle.")},
    )
    aspetto = forms.ChoiceField(
        label=_("Aspetto"),
        choices=Aspetto.choices,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Scegli una delle risposte proposte.")},
    )
    commento = forms.CharField(
        label=_("Vuoi aggiungere altri dettagli?"),
        help_text=_("Massimo 200 caratteri. Non inserire dati personali."),
        max_length=200,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 200}),
        error_messages={"max_length": _("Puoi scrivere al massimo 200 caratteri (ne hai scritti %(show_value)d).")},
    )

    class Meta:
        model = ValutazionePagina
        fields = ["pagina", "stelle", "aspetto", "commento"]
        widgets = {"pagina": forms.HiddenInput}

    def clean_pagina(self):
        value = self.cleaned_data["pagina"].strip()
        parts = urlsplit(value)
        local = (
            value.startswith("/")
            and not value.startswith(("//", "/\\"))
            and not parts.scheme
            and not parts.netloc
            and url_has_allowed_host_and_scheme(value, allowed_hosts=None)
        )
        if local:
            try:
                resolve(parts.path)
            except Resolver404:
                local = False
        if not local:
            raise forms.ValidationError(_("Si possono valutare solo le pagine di questo portale."), code="pagina")
        return parts.path

    def clean(self):
        cleaned = super().clean()
        stelle, aspetto = cleaned.get("stelle"), cleaned.get("aspetto")
        if stelle and aspetto:
            positive = stelle >= STELLE_POSITIVE
            allowed = {value for value, _label in (ASPETTI_POSITIVI if positive else ASPETTI_NEGATIVI)}
            if aspetto not in allowed:
                if positive:
                    message = _("Con 4 o 5 stelle scegli uno degli aspetti che hai preferito.")
                else:
                    message = _("Con 1, 2 o 3 stelle scegli dove hai incontrato le maggiori difficoltà.")
                self.add_error("aspetto", message)
        return cleaned


class SegnalazioneDisservizioForm(forms.ModelForm):
    privacy = forms.BooleanField(
        label=_("Ho letto l'informativa privacy"),
        error_messages={"required": _("Per inviare la segnalazione conferma di aver letto l'informativa privacy.")},
    )

    class Meta:
        model = SegnalazioneDisservizio
        fields = ["pagina", "descrizione", "nome", "email"]
        widgets = {
            "descrizione": forms.Textarea(attrs={"rows": 5, "maxlength": 2000}),
            "pagina": forms.TextInput(
                attrs={"placeholder": _("Per esempio: prenotazione di una sala all'HUB Bissuola")}
            ),
        }
        error_messages = {
            "descrizione": {"required": _("Descrivi che cosa non ha funzionato.")},
            "email": {
                "required": _("Scrivi un indirizzo e-mail: ti rispondiamo lì."),
                "invalid": _("Scrivi un indirizzo e-mail valido, per esempio nome@esempio.it."),
            },
        }
