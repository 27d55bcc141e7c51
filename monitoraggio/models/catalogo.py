"""The indicator catalogue: what the programme measures, how, and what it aims for."""

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class MacroAzione(models.IntegerChoices):
    RICERCA_AZIONE = 1, _("1. Ricerca-azione")
    COPROGRAMMAZIONE = 2, _("2. Co-programmazione")
    HUB_ANTENNE = 3, _("3. HUB e antenne")
    CONTRIBUTI = 4, _("4. Erogazione di contributi")
    MONITORAGGIO = 5, _("5. Monitoraggio e valutazione")


class Disaggregazione(models.TextChoices):
    QUARTIERE = "quartiere", _("Quartiere")
    GENERE = "genere", _("Genere")
    FASCIA_ETA = "fascia_eta", _("Fascia d'età")


class IndicatoreQuerySet(models.QuerySet):
    def pubblici(self):
        return self.filter(pubblico=True).select_related("elemento_toc", "risultato_atteso")

    def automatici(self):
        return self.filter(fonte=Indicatore.Fonte.AUTOMATICA).exclude(calcolo="")


class Indicatore(models.Model):
    class Tipo(models.TextChoices):
        OUTPUT = "output", _("Realizzazione (output)")
        RISULTATO = "risultato", _("Risultato")
        IMPATTO = "impatto", _("Impatto")

    class Fonte(models.TextChoices):
        MANUALE = "manuale", _("Manuale (rilevazione con evidenze)")
        AUTOMATICA = "automatica", _("Automatica (dai dati del portale)")

    class Frequenza(models.TextChoices):
        MENSILE = "mensile", _("Mensile")
        TRIMESTRALE = "trimestrale", _("Trimestrale")
        ANNUALE = "annuale", _("Annuale")

    class Aggregazione(models.TextChoices):
        SOMMA = "somma", _("Somma dei periodi (un flusso)")
        ULTIMO = "ultimo", _("Ultimo valore (una consistenza)")

    codice = models.CharField(_("codice"), max_length=20, unique=True, help_text=_("Per esempio EECO01 o CC-03."))
    nome = models.CharField(_("nome"), max_length=200)
    definizione = models.TextField(_("definizione"))
    unita = models.CharField(_("unità di misura"), max_length=40)
    tipo = models.CharField(_("tipo"), max_length=10, choices=Tipo.choices)
    macro_azione = models.PositiveSmallIntegerField(_("macro-azione"), choices=MacroAzione.choices)
    elemento_teoria_cambiamento = models.CharField(
        _("elemento della teoria del cambiamento"),
        max_length=200,
        blank=True,
        default="",
        help_text=_("L'obiettivo o il cambiamento atteso che l'indicatore misura."),
    )
    elemento_toc = models.ForeignKey(
        "ricerca.ElementoToc",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicatori_monitoraggio",
        verbose_name=_("elemento della teoria del cambiamento (ricerca-azione)"),
        help_text=_("L'output o l'outcome della teoria del cambiamento che l'indicatore misura."),
    )
    risultato_atteso = models.ForeignKey(
        "governance.RisultatoAtteso",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicatori_monitoraggio",
        verbose_name=_("risultato atteso (governance)"),
        help_text=_("Il risultato atteso, deciso da un organo, a cui l'indicatore dà conto."),
    )
    codice_ue = models.CharField(
        _("codice UE"),
        max_length=10,
        blank=True,
        default="",
        help_text=_("Indicatore comune FSE+ (Reg. UE 2021/1057, all. I) o FESR, se l'indicatore lo è."),
    )
    baseline = models.DecimalField(_("valore di partenza"), max_digits=14, decimal_places=2, default=0)
    anno_baseline = models.PositiveSmallIntegerField(_("anno del valore di partenza"), null=True, blank=True)
    disaggregazioni = ArrayField(
        models.CharField(max_length=20, choices=Disaggregazione.choices),
        verbose_name=_("disaggregazioni"),
        default=list,
        blank=True,
    )
    fonte = models.CharField(_("fonte"), max_length=10, choices=Fonte.choices)
    calcolo = models.CharField(
        _("calcolo automatico"),
        max_length=60,
        blank=True,
        default="",
        help_text=_("Il codice dell'indicatore automatico registrato da un'app, per esempio antenne.attivita."),
    )
    frequenza = models.CharField(_("frequenza"), max_length=12, choices=Frequenza.choices)
    aggregazione = models.CharField(
        _("aggregazione nel tempo"), max_length=10, choices=Aggregazione.choices, default=Aggregazione.SOMMA
    )
    pubblico = models.BooleanField(_("pubblicato nel cruscotto"), default=True)
    ordine = models.PositiveSmallIntegerField(_("ordine"), default=0)

    objects = IndicatoreQuerySet.as_manager()

    class Meta:
        verbose_name = _("indicatore")
        verbose_name_plural = _("indicatori")
        ordering = ["macro_azione", "ordine", "codice"]
        constraints = [
            models.CheckConstraint(
                condition=Q(fonte="manuale", calcolo="") | Q(fonte="automatica") & ~Q(calcolo=""),
                name="indicatore_calcolo_iff_automatica",
            ),
        ]

    def __str__(self):
        return f"{self.codice} — {self.nome}"


class Target(models.Model):
    indicatore = models.ForeignKey(
        Indicatore, on_delete=models.CASCADE, related_name="target", verbose_name=_("indicatore")
    )
    data = models.DateField(_("entro il"))
    valore = models.DecimalField(_("valore atteso"), max_digits=14, decimal_places=2)
    nota = models.CharField(_("nota"), max_length=200, blank=True, default="")

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("target")
        ordering = ["indicatore", "data"]
        constraints = [
            models.UniqueConstraint(fields=["indicatore", "data"], name="target_one_per_date"),
            models.CheckConstraint(condition=Q(valore__gte=0), name="target_valore_non_negative"),
        ]

    def __str__(self):
        return f"{self.indicatore.codice} {self.data:%d/%m/%Y}: {self.valore}"
