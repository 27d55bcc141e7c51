from django import forms
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from costellazioni.models import Quartiere
from ricerca.models import Bisogno, CategoriaBisogno, Domanda


def campo_categoria(label, *, preselezionata: bool = False) -> forms.ModelChoiceField:
    """The category of a new need: active categories only, sent by their stable code (offline logs keep it).

    ``preselezionata``: no empty choice, the first category is selected (the operators' quick rows).
    """
    return forms.ModelChoiceField(
        label=label,
        queryset=CategoriaBisogno.objects.attive(),
        to_field_name="slug",
        empty_label=None if preselezionata else _("Scegli una categoria"),
        error_messages={"invalid_choice": _("Scegli una delle categorie dell'elenco.")},
    )


class SegnalaBisognoForm(forms.Form):
    # Generated when the form is shown: a second click sends the same key and saves nothing new.
    chiave_idempotenza = forms.UUIDField(widget=forms.HiddenInput, required=False)
    categoria = campo_categoria(_("Di che cosa si tratta"))
    descrizione = forms.CharField(
        label=_("Descrivi il bisogno"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Non scrivere nomi, indirizzi o dati sulla salute di altre persone."),
    )
    quartiere = forms.ModelChoiceField(
        label=_("Quartiere"), queryset=Quartiere.objects.all(), required=False, empty_label=_("Non so / tutta la città")
    )
    destinatari = forms.ChoiceField(
        label=_("Chi riguarda soprattutto"),
        choices=Bisogno.Destinatari.choices,
        initial=Bisogno.Destinatari.TUTTI,
        required=False,
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


class CommentoForm(forms.Form):
    testo = forms.CharField(
        label=_("Il tuo commento"), max_length=3000, widget=forms.Textarea(attrs={"rows": 4}), strip=True
    )


class BisognoTransizioneForm(forms.Form):
    stato = forms.ChoiceField(label=_("Nuovo stato"), choices=())
    nota = forms.CharField(label=_("Nota"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, stati=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stato"].choices = [(s, Bisogno.Stato(s).label) for s in stati]


def _campo(domanda: Domanda) -> forms.Field:
    """The form field for a question. Every field is optional here: the service decides what is required,
    because a required question hidden by its condition must not block the person."""
    T = Domanda.Tipo
    comuni = {"label": domanda.testo, "help_text": domanda.aiuto, "required": False}
    if domanda.tipo == T.SCELTA_SINGOLA:
        return forms.ChoiceField(choices=[(s, s) for s in domanda.scelte], widget=forms.RadioSelect, **comuni)
    if domanda.tipo == T.SCELTA_MULTIPLA:
        return forms.MultipleChoiceField(
            choices=[(s, s) for s in domanda.scelte], widget=forms.CheckboxSelectMultiple, **comuni
        )
    if domanda.scala is not None:
        return forms.ChoiceField(choices=[(str(n), str(n)) for n in domanda.scala], widget=forms.RadioSelect, **comuni)
    if domanda.tipo == T.TESTO_LUNGO:
        return forms.CharField(max_length=5000, widget=forms.Textarea(attrs={"rows": 4}), **comuni)
    if domanda.tipo == T.NUMERO:
        return forms.DecimalField(localize=True, **comuni)
    if domanda.tipo == T.DATA:
        return forms.DateField(widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), **comuni)
    return forms.CharField(max_length=300, **comuni)


class QuestionarioForm(forms.Form):
    """One field ``d<pk>`` per question; ``valori()`` gives the ``{domanda_id: value}`` the service takes."""

    def __init__(self, *args, domande, iniziali=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.domande = domande
        for domanda in domande:
            campo = _campo(domanda)
            if domanda.obbligatoria:
                campo.label = f"{domanda.testo} *"
            self.fields[f"d{domanda.pk}"] = campo
            if iniziali and domanda.pk in iniziali:
                self.initial[f"d{domanda.pk}"] = iniziali[domanda.pk]

    def valori(self) -> dict:
        return {d.pk: self.cleaned_data.get(f"d{d.pk}") for d in self.domande if f"d{d.pk}" in self.cleaned_data}

    def righe(self):
        """(domanda, bound field) pairs, for the template to mark conditions."""
        return [(d, self[f"d{d.pk}"]) for d in self.domande]


class MaturitaForm(forms.Form):
    """One 1-5 choice per dimension, each level with its descriptor; ``ente`` when scoring for an organisation."""

    ente = forms.ModelChoiceField(label=_("Per conto dell'ente"), queryset=None, required=False)

    def __init__(self, *args, dimensioni, enti, staff: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.dimensioni = dimensioni
        self.fields["ente"].queryset = enti
        self.fields["ente"].required = not staff
        if staff:
            self.fields["ente"].empty_label = _("Nessuno: valuto come staff del Comune")
        for dimensione in dimensioni:
            self.fields[f"d{dimensione.pk}"] = forms.TypedChoiceField(
                label=dimensione.nome,
                help_text=dimensione.descrizione,
                coerce=int,
                choices=[(n, f"{n} — {testo}") for n, testo in dimensione.descrittori],
                widget=forms.RadioSelect,
            )

    def righe(self):
        return [self[f"d{d.pk}"] for d in self.dimensioni]


# What the staff need page offers to link an answer to: (app_label, model, related to load for the label).
RISPOSTE_DA_PAGINA = [
    ("hubs", "servizio", ["hub"]),
    ("hubs", "hub", []),
    ("antenne", "antenna", []),
    ("costellazioni", "ente", []),
]


class RispostaBisognoForm(forms.Form):
    """Who answered a need, in a sentence, and optionally the service, HUB, antenna or organisation it was."""

    descrizione = forms.CharField(
        label=_("Chi ha risposto e come"),
        max_length=300,
        help_text=_("Una frase, per esempio: «Preso in carico dallo sportello HUB Bissuola»."),
    )
    oggetto = forms.ChoiceField(label=_("Collega a (facoltativo)"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._oggetti = {}
        gruppi = [("", _("Nessun collegamento"))]
        for app_label, model_name, correlati in RISPOSTE_DA_PAGINA:
            try:
                model = apps.get_model(app_label, model_name)
            except LookupError:
                continue
            tipo = ContentType.objects.get_for_model(model)
            opzioni = []
            for oggetto in model._default_manager.select_related(*correlati):
                chiave = f"{tipo.pk}:{oggetto.pk}"
                self._oggetti[chiave] = oggetto
                opzioni.append((chiave, str(oggetto)))
            if opzioni:
                gruppi.append((capfirst(model._meta.verbose_name), opzioni))
        self.fields["oggetto"].choices = gruppi

    def clean_oggetto(self):
        return self._oggetti.get(self.cleaned_data["oggetto"])
