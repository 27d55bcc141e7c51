from decimal import Decimal

from django import forms
from django.forms import formset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from antenne.models import Antenna, Attivita, Categoria, RichiestaPortierato, Servizio
from costellazioni.forms.fields import QuartiereChoiceField
from costellazioni.models import Quartiere
from costellazioni.validators import validate_nel_periodo_del_programma
from ricerca.forms import campo_categoria
from ricerca.models import Bisogno

FASCE = ["persone_minori", "persone_adulte", "persone_anziane", "persone_donne", "persone_uomini"]


class AttivitaForm(forms.Form):
    uuid = forms.UUIDField(widget=forms.HiddenInput)
    tipo = forms.ChoiceField(label=_("Tipo di attività"), choices=Attivita.Tipo.choices)
    svolta_il = forms.DateTimeField(
        label=_("Data e ora"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"],
        validators=[validate_nel_periodo_del_programma],
    )
    quartiere = forms.ModelChoiceField(
        label=_("Quartiere"),
        queryset=Quartiere.objects.all(),
        help_text=_("Suggerito dalla posizione, se la condividi."),
    )
    luogo = forms.CharField(label=_("Luogo"), required=False, max_length=200)
    persone_raggiunte = forms.IntegerField(
        label=_("Persone raggiunte"),
        min_value=0,
        max_value=10000,
        initial=0,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    persone_minori = forms.IntegerField(label=_("di cui minori"), min_value=0, required=False)
    persone_adulte = forms.IntegerField(label=_("di cui adulti (18-64)"), min_value=0, required=False)
    persone_anziane = forms.IntegerField(label=_("di cui over 65"), min_value=0, required=False)
    persone_donne = forms.IntegerField(label=_("di cui donne"), min_value=0, required=False)
    persone_uomini = forms.IntegerField(label=_("di cui uomini"), min_value=0, required=False)
    antenne = forms.ModelMultipleChoiceField(
        label=_("Antenne coinvolte"),
        queryset=Antenna.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))
    foto = forms.FileField(
        label=_("Foto"),
        required=False,
        help_text=_("Facoltativa. Non fotografare persone riconoscibili senza il loro consenso."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
    )

    def __init__(self, *args, operatore, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["antenne"].queryset = Antenna.objects.filter(operatore=operatore).order_by("nome_pubblico")
        self.fields["svolta_il"].initial = timezone.localtime().replace(second=0, microsecond=0)
        if not self.is_bound:
            primo = operatore.quartieri.order_by("nome").first()
            if primo is not None:
                self.fields["quartiere"].initial = primo.pk

    def clean(self):
        data = super().clean()
        totale = data.get("persone_raggiunte") or 0
        for name in FASCE:
            if data.get(name) is not None and data[name] > totale:
                self.add_error(name, _("Non può superare le persone raggiunte."))
        return data

    def fasce(self) -> dict:
        return {name: self.cleaned_data[name] for name in FASCE if self.cleaned_data.get(name) is not None}


class RigaFacoltativaForm(forms.Form):
    """A formset row that may stay empty: its fields become required only once a description is written.

    So the row's fields carry no asterisk and no ``required`` attribute; ``clean`` asks for the rest.
    """

    needed_with_descrizione: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False

    def has_changed(self):
        # Only a description makes a row: the preselected choices alone do not.
        return bool(self.data.get(self.add_prefix("descrizione"), "").strip())

    def clean(self):
        data = super().clean()
        if (data.get("descrizione") or "").strip():
            for name in self.needed_with_descrizione:
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, _("Compila anche questo campo."))
        return data


class BisognoRapidoForm(RigaFacoltativaForm):
    categoria = campo_categoria(_("Categoria del bisogno"), preselezionata=True)
    descrizione = forms.CharField(label=_("Descrizione del bisogno"), max_length=2000)
    urgenza = forms.ChoiceField(label=_("Urgenza"), choices=Bisogno.Urgenza.choices, initial=Bisogno.Urgenza.MEDIA)

    needed_with_descrizione = ("categoria", "urgenza")


class SeguitoForm(RigaFacoltativaForm):
    descrizione = forms.CharField(label=_("Cosa fare"), max_length=300)
    scadenza = forms.DateField(label=_("Entro il"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    needed_with_descrizione = ("scadenza",)


BisogniFormSet = formset_factory(BisognoRapidoForm, extra=1, max_num=10, validate_max=True)
SeguitiFormSet = formset_factory(SeguitoForm, extra=1, max_num=10, validate_max=True)


class AttivitaFiltroForm(forms.Form):
    tipo = forms.ChoiceField(label=_("Tipo"), choices=[("", _("Tutti"))] + Attivita.Tipo.choices, required=False)
    quartiere = QuartiereChoiceField(label=_("Quartiere"), required=False, empty_label=_("Tutti"))
    mese = forms.CharField(
        label=_("Mese"), required=False, widget=forms.DateInput(attrs={"type": "month"}), max_length=7
    )

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data.get("tipo"):
            queryset = queryset.filter(tipo=data["tipo"])
        if data.get("quartiere"):
            queryset = queryset.filter(quartiere=data["quartiere"])
        mese = data.get("mese") or ""
        if (
            len(mese) == 7
            and mese.isascii()
            and mese[:4].isdigit()
            and mese[5:].isdigit()
            and int(mese[:4]) >= 1
            and 1 <= int(mese[5:]) <= 12
        ):
            queryset = queryset.filter(svolta_il__year=int(mese[:4]), svolta_il__month=int(mese[5:]))
        return queryset


class AntennaFiltroForm(forms.Form):
    quartiere = forms.ModelChoiceField(
        label=_("Quartiere"),
        queryset=Quartiere.objects.all(),
        required=False,
        empty_label=_("Tutti i quartieri"),
        to_field_name="slug",
    )
    servizio = forms.ChoiceField(
        label=_("Servizio"), choices=[("", _("Tutti i servizi"))] + Servizio.choices, required=False
    )

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        if self.cleaned_data.get("quartiere"):
            queryset = queryset.filter(quartiere=self.cleaned_data["quartiere"])
        if self.cleaned_data.get("servizio"):
            queryset = queryset.con_servizio(self.cleaned_data["servizio"])
        return queryset


class CandidaturaForm(forms.Form):
    # Generated when the form is shown: a second click sends the same key and saves nothing new.
    chiave_idempotenza = forms.UUIDField(widget=forms.HiddenInput, required=False)
    tipo = forms.ChoiceField(label=_("Chi sei"), choices=Antenna.Tipo.choices, widget=forms.RadioSelect)
    nome_pubblico = forms.CharField(
        label=_("Nome"), max_length=150, help_text=_("Il tuo nome, o quello del negozio o del gruppo.")
    )
    quartiere = forms.ModelChoiceField(label=_("Quartiere"), queryset=Quartiere.objects.all())
    servizi = forms.MultipleChoiceField(
        label=_("Cosa puoi offrire"), choices=Servizio.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    descrizione = forms.CharField(
        label=_("Raccontaci qualcosa di te"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )
    disponibilita = forms.CharField(label=_("Quando sei disponibile"), required=False, max_length=300)
    email = forms.EmailField(label=_("E-mail"), help_text=_("Per ricontattarti. Non la pubblichiamo senza consenso."))
    telefono = forms.CharField(label=_("Telefono"), required=False, max_length=30)
    consenso_trattamento = forms.BooleanField(
        label=_("Acconsento al trattamento dei miei dati per essere ricontattato dal programma (informativa privacy).")
    )
    consenso_nome = forms.BooleanField(label=_("Si può pubblicare il nome sulla mappa delle antenne."), required=False)
    consenso_contatti = forms.BooleanField(label=_("Si possono pubblicare e-mail e telefono."), required=False)
    # Honeypot: hidden from people (and from assistive technology), filled in by bots.
    sito_web = forms.CharField(
        label=_("Lascia vuoto questo campo"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def is_spam(self) -> bool:
        return bool(self.data.get("sito_web", "").strip())


class PortieratoForm(forms.ModelForm):
    class Meta:
        model = RichiestaPortierato
        fields = ["servizio", "descrizione", "telefono"]
        widgets = {
            "descrizione": forms.Textarea(attrs={"rows": 3}),
            "telefono": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
        }

    def __init__(self, *args, antenna, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(Servizio.choices)
        self.fields["servizio"].choices = [(s, labels.get(s, s)) for s in antenna.servizi]


class AnnuncioForm(forms.Form):
    # Generated when the form is shown: a second click sends the same key and saves nothing new.
    chiave_idempotenza = forms.UUIDField(widget=forms.HiddenInput, required=False)
    tipo = forms.ChoiceField(
        label=_("Vuoi"),
        choices=[("offerta", _("Offrire del tempo")), ("richiesta", _("Chiedere del tempo"))],
        widget=forms.RadioSelect,
    )
    categoria = forms.ChoiceField(label=_("Categoria"), choices=Categoria.choices)
    titolo = forms.CharField(label=_("Titolo"), max_length=150)
    descrizione = forms.CharField(
        label=_("Descrizione"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ScambioForm(forms.Form):
    ore = forms.DecimalField(
        label=_("Ore"), min_value=Decimal("0.25"), max_value=Decimal("24"), decimal_places=2, initial=1
    )
    descrizione = forms.CharField(label=_("Che cosa è stato fatto"), max_length=300)
    previsto_il = forms.DateField(
        label=_("Quando"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


class ContattoForm(forms.Form):
    testo = forms.CharField(
        label=_("Il tuo messaggio"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Arriva nell'area personale dell'altra persona; il tuo indirizzo e-mail resta riservato."),
    )
