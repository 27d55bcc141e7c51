"""Forms of the page where the chair or the secretary runs a meeting: attendance, minutes, decisions, actions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from governance.models import Decisione, Partecipazione


class PresenzeForm(forms.Form):
    """One presence select and one delegate select per participant."""

    def __init__(self, *args, partecipazioni, **kwargs):
        super().__init__(*args, **kwargs)
        self.righe = []
        membri = [(p.pk, p.nome_visualizzato) for p in partecipazioni if p.membro_id]
        for p in partecipazioni:
            self.fields[f"presenza_{p.pk}"] = forms.ChoiceField(
                label=_("Presenza di %(nome)s") % {"nome": p.nome_visualizzato},
                choices=Partecipazione.Presenza.choices,
                initial=p.presenza,
            )
            self.fields[f"delega_{p.pk}"] = forms.TypedChoiceField(
                label=_("Delega di %(nome)s a") % {"nome": p.nome_visualizzato},
                choices=[("", "—")] + [(pk, nome) for pk, nome in membri if pk != p.pk],
                coerce=int,
                empty_value=None,
                required=False,
                initial=p.delegato_a_id,
            )
            self.righe.append((p, self[f"presenza_{p.pk}"], self[f"delega_{p.pk}"]))

    def presenze(self) -> dict:
        return {
            p.pk: (self.cleaned_data[f"presenza_{p.pk}"], self.cleaned_data[f"delega_{p.pk}"])
            for p, _presenza, _delega in self.righe
        }


class VerbaleForm(forms.Form):
    premessa = forms.CharField(
        label=_("Premessa"), required=False, max_length=8000, widget=forms.Textarea(attrs={"rows": 3})
    )
    motivo_correzione = forms.CharField(
        label=_("Motivo della correzione"),
        required=False,
        max_length=2000,
        help_text=_("Il verbale è già approvato: la correzione diventa una nuova versione da approvare."),
        error_messages={"required": _("Scrivi il motivo della correzione.")},
    )

    def __init__(self, *args, punti, correzione: bool, testi: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.correzione = correzione
        if correzione:
            self.fields["motivo_correzione"].required = True  # marked as required next to its label
        else:
            del self.fields["motivo_correzione"]
        self.punti = []
        for punto in punti:
            self.fields[f"punto_{punto.pk}"] = forms.CharField(
                label=str(punto),
                required=False,
                max_length=20000,
                widget=forms.Textarea(attrs={"rows": 4}),
                initial=testi.get(punto.pk, ""),
            )
            self.punti.append(self[f"punto_{punto.pk}"])

    def clean_motivo_correzione(self):
        motivo = self.cleaned_data.get("motivo_correzione", "").strip()
        if self.correzione and not motivo:
            raise forms.ValidationError(_("Scrivi il motivo della correzione."))
        return motivo

    def testi(self) -> dict[int, str]:
        return {
            int(name.split("_")[1]): value for name, value in self.cleaned_data.items() if name.startswith("punto_")
        }


class DecisioneForm(forms.Form):
    punto = forms.TypedChoiceField(label=_("Punto all'ordine del giorno"), coerce=int)
    tipo = forms.ChoiceField(label=_("Tipo"), choices=Decisione.Tipo.choices, initial=Decisione.Tipo.OPERATIVA)
    testo = forms.CharField(label=_("Testo della decisione"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))
    favorevoli = forms.IntegerField(label=_("Voti favorevoli"), required=False, min_value=0)
    contrari = forms.IntegerField(label=_("Voti contrari"), required=False, min_value=0)
    astenuti = forms.IntegerField(label=_("Astenuti"), required=False, min_value=0)
    orientamento = forms.TypedChoiceField(
        label=_("Orientamento strategico che attua"), coerce=int, empty_value=None, required=False
    )

    def __init__(self, *args, punti, orientamenti, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["punto"].choices = [(p.pk, str(p)) for p in punti]
        self.fields["orientamento"].choices = [("", _("Nessuno"))] + [(o.pk, str(o)) for o in orientamenti]
        self.help = _("Lascia vuoti i voti se la decisione è condivisa senza votazione.")


class AzioneForm(forms.Form):
    decisione = forms.TypedChoiceField(label=_("Decisione"), coerce=int)
    descrizione = forms.CharField(label=_("Cosa fare"), max_length=2000)
    responsabile = forms.TypedChoiceField(label=_("Responsabile"), coerce=int)
    scadenza = forms.DateField(label=_("Entro il"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def __init__(self, *args, decisioni, membri, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decisione"].choices = [(d.pk, str(d)) for d in decisioni]
        self.fields["responsabile"].choices = [(m.user_id, str(m.user)) for m in membri]


class ApprovazioneForm(forms.Form):
    verbale = forms.TypedChoiceField(label=_("Verbale da approvare"), coerce=int)
    favorevoli = forms.IntegerField(label=_("Voti favorevoli"), min_value=0)
    contrari = forms.IntegerField(label=_("Voti contrari"), min_value=0)
    astenuti = forms.IntegerField(label=_("Astenuti"), min_value=0)

    def __init__(self, *args, verbali, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["verbale"].choices = [(v.pk, str(v)) for v in verbali]


class AggiornamentoForm(forms.Form):
    azione_id = forms.TypedChoiceField(label=_("Azione"), coerce=int)
    nota = forms.CharField(label=_("A che punto è"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    stato = forms.ChoiceField(label=_("Stato"))

    def __init__(self, *args, azioni, **kwargs):
        from governance.models import Azione

        super().__init__(*args, **kwargs)
        self.fields["azione_id"].choices = [(a.pk, str(a)) for a in azioni]
        self.fields["stato"].choices = Azione.Stato.choices
