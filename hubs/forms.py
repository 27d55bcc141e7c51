import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from costellazioni.models import Ente
from hubs.models import Appuntamento, Prenotazione


class EnteChoiceMixin:
    """An optional organisation among those the person represents (verified), for forms that act for one."""

    def _set_ente_queryset(self, user):
        self.fields["ente"].queryset = Ente.objects.verified().represented_by(user).order_by("denominazione")


class PrenotazioneForm(EnteChoiceMixin, forms.Form):
    data = forms.DateField(label=_("Giorno"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    ora_inizio = forms.TimeField(
        label=_("Dalle ore"), widget=forms.TimeInput(attrs={"type": "time", "step": 1800}, format="%H:%M")
    )
    ora_fine = forms.TimeField(
        label=_("Alle ore"), widget=forms.TimeInput(attrs={"type": "time", "step": 1800}, format="%H:%M")
    )
    ente = forms.ModelChoiceField(
        label=_("Per conto dell'ente"),
        queryset=Ente.objects.none(),
        required=False,
        empty_label=_("A titolo personale"),
        help_text=_("Compaiono gli enti di cui il Comune ha verificato la tua rappresentanza."),
    )
    scopo = forms.CharField(
        label=Prenotazione._meta.get_field("scopo").verbose_name.capitalize(),
        max_length=300,
        help_text=_("Per esempio: riunione dei volontari, laboratorio per bambini."),
    )
    partecipanti = forms.IntegerField(label=_("Partecipanti previsti"), min_value=1, max_value=1000)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self._set_ente_queryset(user)

    def clean(self):
        cleaned = super().clean()
        day, start, end = cleaned.get("data"), cleaned.get("ora_inizio"), cleaned.get("ora_fine")
        if day and start and end:
            tz = timezone.get_current_timezone()
            cleaned["inizio"] = datetime.datetime.combine(day, start, tzinfo=tz)
            cleaned["fine"] = datetime.datetime.combine(day, end, tzinfo=tz)
            if cleaned["fine"] <= cleaned["inizio"]:
                self.add_error("ora_fine", _("L'ora di fine deve seguire quella di inizio."))
        return cleaned


class AppuntamentoForm(EnteChoiceMixin, forms.ModelForm):
    class Meta:
        model = Appuntamento
        fields = ["ente", "tema", "descrizione", "disponibilita"]
        widgets = {"descrizione": forms.Textarea(attrs={"rows": 4}), "disponibilita": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ente"].empty_label = _("A titolo personale")
        self._set_ente_queryset(user)


class MotivazioneForm(forms.Form):
    motivazione = forms.CharField(label=_("Motivazione (facoltativa)"), required=False, max_length=500)


class HubFilterForm(forms.Form):
    quartiere = forms.ChoiceField(label=_("Quartiere"), required=False)
    categoria = forms.ChoiceField(label=_("Tipo di servizio"), required=False)
    destinatari = forms.ChoiceField(label=_("Rivolto a"), required=False)
    aperto_ora = forms.BooleanField(label=_("Aperto ora"), required=False)

    def __init__(self, *args, quartieri, **kwargs):
        from hubs.models import Servizio

        super().__init__(*args, **kwargs)
        self.fields["quartiere"].choices = [("", _("Tutti i quartieri")), *((q.slug, q.nome) for q in quartieri)]
        self.fields["categoria"].choices = [("", _("Tutti i servizi")), *Servizio.Categoria.choices]
        self.fields["destinatari"].choices = [
            ("", _("Tutti")),
            (Servizio.Destinatari.ETS, Servizio.Destinatari.ETS.label),
            (Servizio.Destinatari.CITTADINI, Servizio.Destinatari.CITTADINI.label),
        ]
