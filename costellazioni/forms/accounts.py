"""Forms for accounts and the area personale: sign-up, log-in, profile, requests to represent an ente."""

from allauth.account import forms as allauth_forms
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from stdnum.it import iva

from costellazioni.events import Evento
from costellazioni.models import Ente, Membership, Quartiere, User
from costellazioni.services.audit import audit_record
from costellazioni.validators import normalize_codice_fiscale, validate_codice_fiscale_ente


def constraint_message(model, name: str) -> str:
    """The Italian message of one of the model's constraints, so forms show it next to the right field."""
    constraint = next(c for c in model._meta.constraints if c.name == name)
    return constraint.get_violation_error_message()


def _drop_placeholders(form: forms.Form) -> None:
    # Labels stay visible above every field; placeholders repeating them only add noise for screen readers.
    for field in form.fields.values():
        field.widget.attrs.pop("placeholder", None)


class LoginForm(allauth_forms.LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].label = _("Indirizzo e-mail")
        self.fields["password"].label = _("Password")
        # The page links "Hai dimenticato la password?" itself; as help text it would be read as the field's
        # description.
        self.fields["password"].help_text = ""
        if "remember" in self.fields:
            self.fields["remember"].label = _("Resta collegato su questo dispositivo")
        _drop_placeholders(self)


class SignupForm(allauth_forms.SignupForm):
    first_name = forms.CharField(
        label=_("Nome"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        label=_("Cognome"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "family-name"})
    )
    privacy = forms.BooleanField(
        required=True,
        error_messages={"required": _("Per registrarti devi dichiarare di aver letto l'informativa sulla privacy.")},
    )

    field_order = ["first_name", "last_name", "email", "password1", "password2", "privacy"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("Indirizzo e-mail")
        self.fields["email"].help_text = _("Ti invieremo un messaggio per confermarlo.")
        self.fields["password1"].label = _("Password")
        self.fields["password2"].label = _("Ripeti la password")
        self.fields["privacy"].label = format_html(
            gettext('Ho letto l\'<a href="{url}">informativa sul trattamento dei dati personali</a>'),
            url=reverse("privacy"),
        )
        _drop_placeholders(self)

    def signup(self, request, user):
        """Called by allauth once the user exists: the acknowledgement is kept with who and when."""
        audit_record(obj=user, evento=Evento.PRESA_VISIONE_DELL_INFORMATIVA_PRIVACY, autore=user)


class ProfiloForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "codice_fiscale", "telefono", "email_digest"]
        labels = {"first_name": _("Nome"), "last_name": _("Cognome")}
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
            "codice_fiscale": forms.TextInput(
                attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
            ),
            "telefono": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            "email_digest": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].required = True
        self.fields["last_name"].required = True
        if self.instance.pk and self.instance.socialaccount_set.exists():
            # Vouched for by SPID/CIE: it is what links the account to the identity, so it cannot be edited.
            self.fields["codice_fiscale"].disabled = True
            self.fields["codice_fiscale"].help_text = _("Verificato con SPID o CIE: non si può modificare.")

    def clean_codice_fiscale(self):
        value = normalize_codice_fiscale(self.cleaned_data["codice_fiscale"])
        # The partial unique constraint on an expression reports without a field; say it next to the field.
        if value and User.objects.exclude(pk=self.instance.pk).filter(codice_fiscale=value).exists():
            raise ValidationError(constraint_message(User, "user_codice_fiscale_unique_when_present"), code="unique")
        return value


class EnteLookupForm(forms.Form):
    """First step of a request: which ente, by its codice fiscale."""

    codice_fiscale = forms.CharField(
        label=_("Codice fiscale dell'ente"),
        max_length=20,
        validators=[validate_codice_fiscale_ente],
        help_text=_(
            "11 cifre, oppure 16 caratteri per alcuni enti. Se l'ente è già registrato sul portale chiederai "
            "di rappresentarlo, altrimenti lo registrerai tu."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def clean_codice_fiscale(self):
        return normalize_codice_fiscale(self.cleaned_data["codice_fiscale"])


class RappresentanzaForm(forms.ModelForm):
    """The membership part of a request; the view passes the cleaned data to the services."""

    class Meta:
        model = Membership
        fields = ["ruolo", "motivazione"]
        labels = {"ruolo": _("Il tuo ruolo nell'ente")}
        widgets = {"ruolo": forms.RadioSelect, "motivazione": forms.Textarea(attrs={"rows": 4})}


class RappresentanzaEsistenteForm(RappresentanzaForm):
    """Request to represent an ente already registered, identified by its codice fiscale."""

    codice_fiscale = forms.CharField(widget=forms.HiddenInput)

    def clean_codice_fiscale(self):
        return normalize_codice_fiscale(self.cleaned_data["codice_fiscale"])


def quartiere_choices() -> list:
    """Quartieri grouped by municipalità, for a select with one option group per municipalità."""
    groups: dict[str, list] = {}
    for quartiere in Quartiere.objects.select_related("municipalita"):
        groups.setdefault(quartiere.municipalita.nome, []).append((quartiere.pk, quartiere.nome))
    return [("", _("Non indicato"))] + list(groups.items())


class EnteRegistrationForm(forms.ModelForm):
    """A new ente together with the request to represent it."""

    ruolo = Membership._meta.get_field("ruolo").formfield(label=_("Il tuo ruolo nell'ente"), widget=forms.RadioSelect)
    motivazione = Membership._meta.get_field("motivazione").formfield(widget=forms.Textarea(attrs={"rows": 4}))
    sito_web = forms.URLField(
        label=capfirst(Ente._meta.get_field("sito_web").verbose_name),
        required=False,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )

    class Meta:
        model = Ente
        fields = [
            "denominazione",
            "tipo",
            "codice_fiscale",
            "partita_iva",
            "runts_numero",
            "runts_sezione",
            "indirizzo",
            "cap",
            "quartiere",
            "email",
            "pec",
            "telefono",
            "sito_web",
        ]
        labels = {"email": _("E-mail dell'ente"), "telefono": _("Telefono dell'ente")}
        help_texts = {
            "codice_fiscale": _("11 cifre, oppure 16 caratteri per alcuni enti."),
            "partita_iva": _("Solo se l'ente ne ha una."),
            "pec": _("Posta elettronica certificata, se l'ente ne ha una."),
        }
        widgets = {
            "codice_fiscale": forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
            "partita_iva": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            "indirizzo": forms.TextInput(attrs={"autocomplete": "street-address"}),
            "cap": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code"}),
            "telefono": forms.TextInput(attrs={"type": "tel"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tipo"].choices = [("", _("Scegli il tipo di ente"))] + list(Ente.Tipo.choices)
        self.fields["runts_sezione"].choices = [("", _("Nessuna"))] + list(Ente.SezioneRunts.choices)
        self.fields["quartiere"].choices = quartiere_choices()
        self.fields["cap"].validators.append(
            RegexValidator(r"^\d{5}$", _("Il CAP è formato da 5 cifre."), code="invalid_cap")
        )

    def clean_codice_fiscale(self):
        return normalize_codice_fiscale(self.cleaned_data["codice_fiscale"])

    def clean_partita_iva(self):
        return iva.compact(self.cleaned_data["partita_iva"]) if self.cleaned_data["partita_iva"] else ""

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("tipo") and cleaned_data["tipo"] not in Ente.TIPI_ETS:
            # Only ETS are in the RUNTS: whatever was typed there for other kinds is not kept.
            cleaned_data["runts_numero"] = cleaned_data["runts_sezione"] = ""
        if cleaned_data.get("runts_numero") and not cleaned_data.get("runts_sezione"):
            self.add_error("runts_sezione", constraint_message(Ente, "ente_runts_numero_requires_sezione"))
        return cleaned_data

    def ente_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}
