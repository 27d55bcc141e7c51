"""The one step of a first SPID/CIE sign-in: the privacy notice, and the e-mail address if the proxy gave none."""

from allauth.socialaccount.forms import SignupForm
from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from costellazioni.events import Evento
from costellazioni.services.audit import audit_record


class IdentitaSignupForm(SignupForm):
    privacy = forms.BooleanField(
        required=True,
        error_messages={"required": _("Per registrarti devi dichiarare di aver letto l'informativa sulla privacy.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("Indirizzo e-mail")
        self.fields["email"].help_text = _(
            "Se lo cambi o se il gestore dell'identità non l'ha comunicato, ti invieremo un messaggio per confermarlo."
        )
        self.fields["email"].widget.attrs.pop("placeholder", None)
        self.fields["privacy"].label = format_html(
            gettext('Ho letto l\'<a href="{url}">informativa sul trattamento dei dati personali</a>'),
            url=reverse("privacy"),
        )

    def signup(self, request, user):
        """Called by allauth once the user exists: the acknowledgement is kept with who and when."""
        audit_record(obj=user, evento=Evento.PRESA_VISIONE_DELL_INFORMATIVA_PRIVACY, autore=user)
