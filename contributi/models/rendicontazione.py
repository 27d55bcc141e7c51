"""Reports (rendiconti) of a funded project: activities, people reached, expenses with receipts."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from contributi.models.candidature import VoceBudget
from contributi.models.erogazioni import Concessione
from costellazioni.formatting import euro
from costellazioni.uploads import PDF_O_IMMAGINI, PrivateFileField


class RendicontoQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(concessione__in=Concessione.objects.visible_to(user))


class Rendiconto(models.Model):
    class Tipo(models.TextChoices):
        INTERMEDIO = "intermedio", _("Rendiconto intermedio")
        FINALE = "finale", _("Rendiconto finale")

    class Stato(models.TextChoices):
        BOZZA = "bozza", _("Bozza")
        PRESENTATO = "presentato", _("Presentato")
        MODIFICHE_RICHIESTE = "modifiche_richieste", _("Modifiche richieste")
        APPROVATO = "approvato", _("Approvato")

    EDITABLE = (Stato.BOZZA, Stato.MODIFICHE_RICHIESTE)

    concessione = models.ForeignKey(
        Concessione, on_delete=models.PROTECT, related_name="rendiconti", verbose_name=_("concessione")
    )
    tipo = models.CharField(_("tipo"), max_length=20, choices=Tipo.choices)
    stato = models.CharField(_("stato"), max_length=30, choices=Stato.choices, default=Stato.BOZZA)
    attivita_svolte = models.TextField(_("attività svolte"), blank=True, default="")
    presentato_il = models.DateTimeField(_("presentato il"), null=True, blank=True, editable=False)
    presentato_da = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("presentato da"),
    )
    nota_esame = models.TextField(
        _("nota dell'ufficio"), blank=True, default="", editable=False, help_text=_("Le modifiche richieste.")
    )
    esaminato_il = models.DateTimeField(_("esaminato il"), null=True, blank=True, editable=False)
    creato_il = models.DateTimeField(_("creato il"), auto_now_add=True)
    aggiornato_il = models.DateTimeField(_("aggiornato il"), auto_now=True)

    objects = RendicontoQuerySet.as_manager()

    class Meta:
        verbose_name = _("rendiconto")
        verbose_name_plural = _("rendiconti")
        ordering = ["concessione", "creato_il"]
        constraints = [
            models.UniqueConstraint(
                fields=["concessione"], condition=Q(tipo="finale"), name="rendiconto_one_final_per_concessione"
            ),
            models.CheckConstraint(
                condition=Q(stato="bozza") | Q(presentato_il__isnull=False), name="rendiconto_submitted_has_date"
            ),
        ]

    def __str__(self):
        return f"{self.get_tipo_display()} — {self.concessione.candidatura}"

    @property
    def is_editable(self) -> bool:
        return self.stato in self.EDITABLE

    def totale_spese(self) -> Decimal:
        return self.spese.aggregate(t=Sum("importo"))["t"] or Decimal("0.00")

    def scostamenti(self) -> list[dict]:
        """Per budget category: approved budget, spent to date (this report and the others submitted), variance."""
        preventivo = dict(
            VoceBudget.objects.filter(candidatura_id=self.concessione.candidatura_id)
            .values_list("categoria")
            .annotate(t=Sum("importo"))
        )
        speso = dict(
            Spesa.objects.filter(rendiconto__concessione_id=self.concessione_id)
            .filter(Q(rendiconto=self) | ~Q(rendiconto__stato=Rendiconto.Stato.BOZZA))
            .values_list("categoria")
            .annotate(t=Sum("importo"))
        )
        rows = []
        for categoria in VoceBudget.Categoria:
            budget = preventivo.get(categoria.value, Decimal("0.00"))
            spent = speso.get(categoria.value, Decimal("0.00"))
            if not budget and not spent:
                continue
            rows.append(
                {
                    "categoria": categoria.label,
                    "preventivo": budget,
                    "speso": spent,
                    "scostamento": spent - budget,
                    "percentuale": (spent * 100 / budget).quantize(Decimal("0.1")) if budget else None,
                }
            )
        return rows


class PersoneRaggiunte(models.Model):
    """People reached by category, as numbers: monitoring (Macro-Azione 5) adds them up."""

    class Categoria(models.TextChoices):
        MINORI = "minori", _("Bambini e ragazzi (0-17 anni)")
        GIOVANI = "giovani", _("Giovani (18-34 anni)")
        ADULTI = "adulti", _("Adulti (35-64 anni)")
        ANZIANI = "anziani", _("Anziani (65 anni e oltre)")
        FAMIGLIE = "famiglie", _("Nuclei familiari")
        DISABILITA = "disabilita", _("Persone con disabilità")
        VOLONTARI = "volontari", _("Volontari coinvolti")

    rendiconto = models.ForeignKey(
        Rendiconto, on_delete=models.CASCADE, related_name="persone_raggiunte", verbose_name=_("rendiconto")
    )
    categoria = models.CharField(_("categoria"), max_length=20, choices=Categoria.choices)
    numero = models.PositiveIntegerField(_("numero di persone"))

    class Meta:
        verbose_name = _("persone raggiunte")
        verbose_name_plural = _("persone raggiunte")
        ordering = ["rendiconto", "categoria"]
        constraints = [
            models.UniqueConstraint(fields=["rendiconto", "categoria"], name="persone_raggiunte_one_per_categoria")
        ]

    def __str__(self):
        return f"{self.get_categoria_display()}: {self.numero}"


class Spesa(models.Model):
    """An expense of a report, on a budget category, with its receipt (PDF or image, checked by content, private)."""

    rendiconto = models.ForeignKey(
        Rendiconto, on_delete=models.CASCADE, related_name="spese", verbose_name=_("rendiconto")
    )
    categoria = models.CharField(_("voce di budget"), max_length=20, choices=VoceBudget.Categoria.choices)
    descrizione = models.CharField(_("descrizione"), max_length=200)
    fornitore = models.CharField(_("fornitore"), max_length=200, blank=True, default="")
    data = models.DateField(_("data del documento"))
    importo = models.DecimalField(_("importo (EUR)"), max_digits=10, decimal_places=2)
    giustificativo = PrivateFileField(_("giustificativo"), upload_to="rendiconti/%Y/", allowed=PDF_O_IMMAGINI)
    nome_originale = models.CharField(_("nome del file"), max_length=200)
    content_type = models.CharField(_("tipo"), max_length=50)
    sha256 = models.CharField(_("impronta SHA-256"), max_length=64)
    caricata_da = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("caricata da")
    )
    caricata_il = models.DateTimeField(_("caricata il"), auto_now_add=True)

    class Meta:
        verbose_name = _("spesa rendicontata")
        verbose_name_plural = _("spese rendicontate")
        ordering = ["rendiconto", "data", "pk"]
        constraints = [models.CheckConstraint(condition=Q(importo__gt=0), name="spesa_importo_positive")]

    def __str__(self):
        return f"{self.descrizione} — {euro(self.importo)}"

    def download_url(self, field_name):
        """Where the file is served after the permission check (``PrivateFileField`` links here)."""
        rendiconto = self.rendiconto
        kwargs = {"pk": rendiconto.concessione.candidatura_id, "rid": rendiconto.pk, "sid": self.pk}
        return reverse("area_personale_giustificativo", kwargs=kwargs)
