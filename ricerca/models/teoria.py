"""The theory of change: versioned, built together, approved by the management committee."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class TeoriaCambiamentoQuerySet(models.QuerySet):
    def corrente(self):
        """The latest approved version, or None."""
        return self.filter(stato=TeoriaCambiamento.Stato.APPROVATA).order_by("-versione").first()

    def pubbliche(self):
        return self.filter(
            stato__in=[
                TeoriaCambiamento.Stato.IN_CONSULTAZIONE,
                TeoriaCambiamento.Stato.APPROVATA,
                TeoriaCambiamento.Stato.SUPERATA,
            ]
        )


class TeoriaCambiamento(models.Model):
    class Stato(models.TextChoices):
        BOZZA = "bozza", _("Bozza")
        IN_CONSULTAZIONE = "consultazione", _("In consultazione")
        APPROVATA = "approvata", _("Approvata")
        SUPERATA = "superata", _("Superata")

    versione = models.PositiveIntegerField(_("versione"), unique=True)
    titolo = models.CharField(_("titolo"), max_length=200)
    sintesi = models.TextField(_("sintesi"), blank=True)
    stato = models.CharField(_("stato"), max_length=20, choices=Stato.choices, default=Stato.BOZZA)
    approvata_il = models.DateTimeField(_("approvata il"), null=True, blank=True)
    approvata_da = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approvata da"),
    )
    creata_il = models.DateTimeField(_("creata il"), auto_now_add=True)

    objects = TeoriaCambiamentoQuerySet.as_manager()

    class Meta:
        verbose_name = _("teoria del cambiamento")
        verbose_name_plural = _("teorie del cambiamento")
        ordering = ["-versione"]
        permissions = [("approve_teoriacambiamento", _("Può approvare una versione per il comitato di gestione"))]
        constraints = [
            models.UniqueConstraint(
                fields=["stato"], condition=models.Q(stato="approvata"), name="teoria_una_sola_approvata"
            )
        ]

    def __str__(self):
        return _("Teoria del cambiamento, versione %(versione)s") % {"versione": self.versione}

    def get_absolute_url(self):
        return reverse("ricerca_azione:teoria_versione", args=[self.versione])


class ElementoToc(models.Model):
    class Tipo(models.TextChoices):
        PROBLEMA = "problema", _("Problema o bisogno")
        ATTIVITA = "attivita", _("Attività")
        OUTPUT = "output", _("Output")
        OUTCOME_BREVE = "outcome_breve", _("Outcome di breve periodo")
        OUTCOME_MEDIO = "outcome_medio", _("Outcome di medio periodo")
        IMPATTO = "impatto", _("Impatto")

    ORDINE_TIPI = list(Tipo.values)

    teoria = models.ForeignKey(
        TeoriaCambiamento, on_delete=models.CASCADE, related_name="elementi", verbose_name=_("versione")
    )
    tipo = models.CharField(_("tipo"), max_length=20, choices=Tipo.choices)
    titolo = models.CharField(_("titolo"), max_length=120)
    descrizione = models.TextField(_("descrizione"), blank=True)
    assunzioni = models.TextField(_("assunzioni"), blank=True)
    rischi = models.TextField(_("rischi"), blank=True)
    ordine = models.PositiveSmallIntegerField(_("ordine"), default=0)

    class Meta:
        verbose_name = _("elemento della teoria")
        verbose_name_plural = _("elementi della teoria")
        ordering = ["teoria", "ordine", "pk"]

    def __str__(self):
        return f"{self.get_tipo_display()}: {self.titolo}"


class CollegamentoToc(models.Model):
    """A causal link: ``da`` leads to ``a``. ``teoria_collegamento_add`` keeps the graph acyclic."""

    teoria = models.ForeignKey(
        TeoriaCambiamento, on_delete=models.CASCADE, related_name="collegamenti", verbose_name=_("versione")
    )
    da = models.ForeignKey(ElementoToc, on_delete=models.CASCADE, related_name="uscite", verbose_name=_("da"))
    a = models.ForeignKey(ElementoToc, on_delete=models.CASCADE, related_name="entrate", verbose_name=_("porta a"))

    class Meta:
        verbose_name = _("collegamento causale")
        verbose_name_plural = _("collegamenti causali")
        constraints = [
            models.UniqueConstraint(fields=["da", "a"], name="collegamento_toc_unico"),
            models.CheckConstraint(
                condition=~models.Q(da=models.F("a")),
                name="collegamento_toc_non_su_se_stesso",
                violation_error_message=_("Un elemento non può portare a se stesso."),
            ),
        ]

    def __str__(self):
        return f"{self.da.titolo} → {self.a.titolo}"


class IndicatoreToc(models.Model):
    TIPI_MISURABILI = [ElementoToc.Tipo.OUTPUT, ElementoToc.Tipo.OUTCOME_BREVE, ElementoToc.Tipo.OUTCOME_MEDIO]

    elemento = models.ForeignKey(
        ElementoToc, on_delete=models.CASCADE, related_name="indicatori", verbose_name=_("elemento")
    )
    nome = models.CharField(_("indicatore"), max_length=200)
    unita = models.CharField(_("unità di misura"), max_length=50, blank=True)
    obiettivo = models.CharField(_("valore obiettivo"), max_length=100, blank=True)
    codice_monitoraggio = models.SlugField(
        _("codice nel monitoraggio"),
        max_length=100,
        blank=True,
        help_text=_("Il codice dell'indicatore nel cruscotto del monitoraggio, quando esiste."),
    )

    class Meta:
        verbose_name = _("indicatore")
        verbose_name_plural = _("indicatori")

    def __str__(self):
        return self.nome

    def clean(self):
        if self.elemento_id is not None and self.elemento.tipo not in self.TIPI_MISURABILI:
            raise ValidationError(
                {"elemento": _("Gli indicatori si collegano a output e outcome.")}, code="tipo_non_misurabile"
            )


class CommentoToc(models.Model):
    teoria = models.ForeignKey(
        TeoriaCambiamento, on_delete=models.CASCADE, related_name="commenti", verbose_name=_("versione")
    )
    autore = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, verbose_name=_("autore"))
    testo = models.TextField(_("commento"), max_length=3000)
    creato_il = models.DateTimeField(_("scritto il"), auto_now_add=True)

    class Meta:
        verbose_name = _("commento")
        verbose_name_plural = _("commenti")
        ordering = ["creato_il"]

    def __str__(self):
        return self.testo[:60]
