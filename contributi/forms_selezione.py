"""Forms of the staff side of the procedure and of the applicant's replies to it."""

from django import forms
from django.utils.translation import gettext_lazy as _


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePdfField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class IntegrazioniForm(forms.Form):
    risposta = forms.CharField(
        label=_("Risposta"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text=_("Spiega quali documenti alleghi o quali dati correggi."),
    )
    documenti = MultiplePdfField(
        label=_("Documenti (PDF)"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": "application/pdf"}),
        help_text=_("Puoi scegliere più file; solo PDF."),
    )


class OsservazioniForm(forms.Form):
    osservazioni = forms.CharField(
        label=_("Osservazioni"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Spiega perché i motivi indicati non dovrebbero portare al rigetto della candidatura."),
    )


class ConflittoForm(forms.Form):
    conflitto = forms.TypedChoiceField(
        label=_("Hai un conflitto di interessi con questa candidatura?"),
        choices=[("no", _("No, non ho conflitti di interessi")), ("si", _("Sì, ho un conflitto di interessi"))],
        coerce=lambda value: value == "si",
        widget=forms.RadioSelect,
        help_text=_(
            "Per esempio rapporti di lavoro, di parentela o associativi con l'ente o i partner (art. 6-bis "
            "L. 241/1990). La dichiarazione non si può modificare."
        ),
    )
    nota = forms.CharField(label=_("Motivo del conflitto"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        data = super().clean()
        if data.get("conflitto") and not (data.get("nota") or "").strip():
            self.add_error("nota", _("Indica il motivo del conflitto di interessi."))
        return data


class PunteggiForm(forms.Form):
    """One points field and one comment per criterion of the call."""

    commento = forms.CharField(
        label=_("Giudizio complessivo"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, criteri, valutazione=None, **kwargs):
        super().__init__(*args, **kwargs)
        existing = {p.criterio_id: p for p in valutazione.punteggi.all()} if valutazione else {}
        self.criteri = list(criteri)
        if valutazione:
            self.fields["commento"].initial = valutazione.commento
        for criterio in self.criteri:
            current = existing.get(criterio.pk)
            self.fields[f"punti_{criterio.pk}"] = forms.DecimalField(
                label=_("%(codice)s %(titolo)s — punti (0–%(max)s)")
                % {"codice": criterio.codice, "titolo": criterio.titolo, "max": criterio.punteggio_massimo},
                min_value=0,
                max_value=criterio.punteggio_massimo,
                max_digits=5,
                decimal_places=2,
                required=False,
                initial=current.punti if current else None,
                widget=forms.NumberInput(attrs={"step": "0.5", "inputmode": "decimal"}),
            )
            self.fields[f"commento_{criterio.pk}"] = forms.CharField(
                label=_("Motivazione per %(codice)s") % {"codice": criterio.codice},
                required=False,
                initial=current.commento if current else "",
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def punteggi(self) -> dict:
        return {
            c.pk: (self.cleaned_data.get(f"punti_{c.pk}"), self.cleaned_data.get(f"commento_{c.pk}", ""))
            for c in self.criteri
        }

    def rows(self):
        return [(c, self[f"punti_{c.pk}"], self[f"commento_{c.pk}"]) for c in self.criteri]


# --- admin action forms ---------------------------------------------------------------------------


class RichiestaIntegrazioniAdminForm(forms.Form):
    testo = forms.CharField(label=_("Integrazioni richieste"), widget=forms.Textarea(attrs={"rows": 5}))
    scadenza = forms.DateTimeField(
        label=_("Termine per rispondere"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"],
    )


class AssegnazioneAdminForm(forms.Form):
    membri = forms.ModelMultipleChoiceField(
        label=_("Componenti a cui assegnare le candidature"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Chi ha dichiarato un conflitto di interessi su una candidatura non la riceve: verrà segnalato."),
    )

    def __init__(self, *args, membri, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membri"].queryset = membri


class PreavvisoAdminForm(forms.Form):
    motivi = forms.CharField(label=_("Motivi ostativi"), widget=forms.Textarea(attrs={"rows": 5}))


class DeterminaForm(forms.Form):
    determina_numero = forms.CharField(label=_("Numero della determina dirigenziale"), max_length=40)
    determina_data = forms.DateField(label=_("Data della determina"), widget=forms.DateInput(attrs={"type": "date"}))
