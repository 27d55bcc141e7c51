"""Award, tranches and payments of a grant (after the ranking): what the beneficiary accepted and what was paid."""

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q, Sum
from django.utils.translation import gettext_lazy as _

from contributi.models.bandi import Bando
from contributi.models.candidature import Candidatura
from costellazioni.formatting import euro
from costellazioni.public_names import public_name, public_tax_code

CENT = Decimal("0.01")


class TrancheBando(models.Model):
    """One instalment of a call's payment plan: the percentages of a call add up to 100 (see the services)."""

    class Condizione(models.TextChoices):
        AVVIO = "avvio", _("All'avvio del progetto")
        RENDICONTO_INTERMEDIO = "rendiconto_intermedio", _("Dopo l'approvazione di un rendiconto intermedio")
        RENDICONTO_FINALE = "rendiconto_finale", _("Dopo l'approvazione del rendiconto finale")

    bando = models.ForeignKey(Bando, on_delete=models.CASCADE, related_name="tranche", verbose_name=_("bando"))
    ordine = models.PositiveSmallIntegerField(_("ordine"))
    nome = models.CharField(_("nome"), max_length=60, help_text=_("Per esempio «Anticipo» o «Saldo»."))
    percentuale = models.DecimalField(_("percentuale del contributo"), max_digits=5, decimal_places=2)
    condizione = models.CharField(_("condizione di pagamento"), max_length=30, choices=Condizione.choices)

    class Meta:
        verbose_name = _("tranche del bando")
        verbose_name_plural = _("tranche del bando")
        ordering = ["bando", "ordine"]
        constraints = [
            models.UniqueConstraint(fields=["bando", "ordine"], name="tranche_unique_order_per_bando"),
            models.CheckConstraint(
                condition=Q(percentuale__gt=0, percentuale__lte=100),
                name="tranche_percentuale_range",
                violation_error_message=_("La percentuale deve essere maggiore di 0 e non superiore a 100."),
            ),
        ]

    def __str__(self):
        return f"{self.nome} ({self.percentuale.normalize():f}%)"


class PianoTranche(Bando):
    """A call seen as its payment plan: the admin edits the tranches of a call here, all together."""

    class Meta:
        proxy = True
        verbose_name = _("piano delle tranche")
        verbose_name_plural = _("piani delle tranche")


class ConcessioneQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Awards of the applications the user may see (``Candidatura.objects.visible_to``)."""
        return self.filter(candidatura__in=Candidatura.objects.visible_to(user))

    def published(self):
        return self.filter(pubblicata_il__isnull=False)

    def for_trasparenza(self):
        return (
            self.published().select_related("candidatura__bando", "candidatura__ente").order_by("-pubblicata_il", "-pk")
        )


class Concessione(models.Model):
    """The award of a grant to a financed application: agreement data, acceptance, publication, reductions.

    It takes effect only once published in the transparency section (art. 26 c. 3 D.Lgs. 33/2013). The database
    refuses payments above ``importo - riduzione``, before publication and after revocation (trigger in migrations
    ``0006_erogazioni_pagamenti_trigger`` and ``0012_erogazioni_trigger_pubblicazione``).
    """

    candidatura = models.OneToOneField(
        Candidatura, on_delete=models.PROTECT, related_name="concessione", verbose_name=_("candidatura")
    )
    importo = models.DecimalField(
        _("contributo concesso (EUR)"),
        max_digits=10,
        decimal_places=2,
        help_text=_("Dalla graduatoria approvata."),
    )
    riduzione = models.DecimalField(
        _("riduzioni (EUR)"),
        max_digits=10,
        decimal_places=2,
        default=0,
        help_text=_("Totale delle riduzioni disposte; il contributo erogabile è il concesso meno le riduzioni."),
    )
    cup = models.CharField(_("codice CUP"), max_length=15, blank=True, default="")
    data_inizio = models.DateField(_("inizio del progetto"), null=True, blank=True)
    data_fine = models.DateField(_("fine del progetto"), null=True, blank=True)
    de_minimis = models.BooleanField(
        _("aiuto «de minimis»"), default=False, help_text=_("Richiede il codice COR del Registro nazionale aiuti.")
    )
    codice_cor = models.CharField(_("codice COR (RNA)"), max_length=20, blank=True, default="")
    norma = models.CharField(
        _("norma o titolo a base dell'attribuzione"),
        max_length=300,
        blank=True,
        default="",
    )
    ufficio = models.CharField(_("ufficio responsabile"), max_length=200, blank=True, default="")
    responsabile = models.CharField(
        _("funzionario responsabile del procedimento"), max_length=200, blank=True, default=""
    )
    modalita_individuazione = models.CharField(
        _("modalità di individuazione del beneficiario"), max_length=300, blank=True, default=""
    )
    oscura_beneficiario = models.BooleanField(
        _("non pubblicare il nome del beneficiario"),
        default=False,
        help_text=_(
            "Per le persone fisiche, quando il dato potrebbe rivelare lo stato di salute o il disagio "
            "economico-sociale (art. 26 c. 4 D.Lgs. 33/2013): si pubblica un codice al posto del nome."
        ),
    )
    accettata_il = models.DateTimeField(_("accettata il"), null=True, blank=True, editable=False)
    accettata_da = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("accettata da"),
    )
    pubblicata_il = models.DateField(_("pubblicata in Amministrazione trasparente il"), null=True, blank=True)
    pubblicata_da = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("pubblicata da"),
    )
    motivo_riduzione = models.TextField(_("motivo delle riduzioni"), blank=True, default="")
    revocata_il = models.DateTimeField(_("revocata il"), null=True, blank=True, editable=False)
    motivo_revoca = models.TextField(_("motivo della revoca"), blank=True, default="", editable=False)
    creata_il = models.DateTimeField(_("creata il"), auto_now_add=True)
    aggiornata_il = models.DateTimeField(_("aggiornata il"), auto_now=True)

    objects = ConcessioneQuerySet.as_manager()

    class Meta:
        verbose_name = _("concessione")
        verbose_name_plural = _("concessioni")
        ordering = ["-creata_il"]
        constraints = [
            models.CheckConstraint(condition=Q(importo__gt=0), name="concessione_importo_positive"),
            models.CheckConstraint(
                condition=Q(riduzione__gte=0, riduzione__lt=models.F("importo")),
                name="concessione_riduzione_range",
                violation_error_message=_("La riduzione deve essere inferiore al contributo concesso."),
            ),
            models.CheckConstraint(
                condition=Q(data_inizio__isnull=True)
                | Q(data_fine__isnull=True)
                | Q(data_fine__gte=models.F("data_inizio")),
                name="concessione_fine_after_inizio",
                violation_error_message=_("La fine del progetto non può precedere l'inizio."),
            ),
            models.CheckConstraint(
                condition=Q(pubblicata_il__isnull=True) | ~Q(cup=""),
                name="concessione_published_has_cup",
                violation_error_message=_("Una concessione pubblicata deve avere il codice CUP."),
            ),
            models.CheckConstraint(
                condition=Q(pubblicata_il__isnull=True) | Q(de_minimis=False) | ~Q(codice_cor=""),
                name="concessione_published_de_minimis_has_cor",
                violation_error_message=_("Un aiuto «de minimis» pubblicato deve avere il codice COR."),
            ),
        ]

    def __str__(self):
        return str(_("Concessione %(candidatura)s") % {"candidatura": self.candidatura})

    def get_absolute_url(self):
        return self.candidatura.get_absolute_url()

    @property
    def importo_erogabile(self) -> Decimal:
        """What may be paid in total: nothing after a revocation."""
        if self.revocata_il:
            return Decimal("0.00")
        return self.importo - self.riduzione

    @property
    def pseudonimo(self) -> str:
        return f"CC-{self.pk:06d}"

    @property
    def beneficiario_pubblico(self) -> str:
        return public_name(self.candidatura.ente, hidden=self.oscura_beneficiario, code=self.pseudonimo)

    @property
    def codice_fiscale_pubblico(self) -> str:
        return public_tax_code(self.candidatura.ente, hidden=self.oscura_beneficiario)

    def erogato(self) -> Decimal:
        return self.pagamenti.aggregate(t=Sum("importo"))["t"] or Decimal("0.00")

    def importi_tranche(self, tranche) -> dict[int, Decimal]:
        """The amount of each tranche of the plan: percentages of the payable amount, the last takes the cents left."""
        tranche = sorted(tranche, key=lambda t: t.ordine)
        base = self.importo_erogabile
        amounts = {}
        for t in tranche[:-1]:
            amounts[t.pk] = (base * t.percentuale / 100).quantize(CENT, rounding=ROUND_HALF_UP)
        if tranche:
            amounts[tranche[-1].pk] = base - sum(amounts.values(), Decimal("0.00"))
        return amounts


class Pagamento(models.Model):
    """A payment order (mandato di pagamento) for one tranche; written only by ``services.pagamento_register``."""

    concessione = models.ForeignKey(
        Concessione, on_delete=models.PROTECT, related_name="pagamenti", verbose_name=_("concessione")
    )
    tranche = models.ForeignKey(TrancheBando, on_delete=models.PROTECT, related_name="+", verbose_name=_("tranche"))
    data = models.DateField(_("data del pagamento"))
    importo = models.DecimalField(_("importo (EUR)"), max_digits=10, decimal_places=2)
    numero_mandato = models.CharField(_("numero del mandato"), max_length=30, unique=True)
    registrato_da = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("registrato da")
    )
    registrato_il = models.DateTimeField(_("registrato il"), auto_now_add=True)

    class Meta:
        verbose_name = _("pagamento")
        verbose_name_plural = _("pagamenti")
        ordering = ["concessione", "data", "pk"]
        constraints = [models.CheckConstraint(condition=Q(importo__gt=0), name="pagamento_importo_positive")]

    def __str__(self):
        return f"{self.numero_mandato} — {euro(self.importo)}"


class Riduzione(models.Model):
    """A reduction of the amount granted, with its reason; the award keeps the running total."""

    concessione = models.ForeignKey(
        Concessione, on_delete=models.PROTECT, related_name="riduzioni", verbose_name=_("concessione")
    )
    importo = models.DecimalField(_("importo ridotto (EUR)"), max_digits=10, decimal_places=2)
    motivo = models.TextField(_("motivo"))
    autore = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("disposta da")
    )
    creata_il = models.DateTimeField(_("disposta il"), auto_now_add=True)

    class Meta:
        verbose_name = _("riduzione del contributo")
        verbose_name_plural = _("riduzioni del contributo")
        ordering = ["concessione", "creata_il"]
        constraints = [models.CheckConstraint(condition=Q(importo__gt=0), name="riduzione_importo_positive")]

    def __str__(self):
        return f"{self.concessione} — {euro(self.importo)}"
