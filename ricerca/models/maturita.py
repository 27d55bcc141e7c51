"""Maturity of the generative-welfare ecosystem: a framework of dimensions scored 1-5 in rounds."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DimensioneMaturita(models.Model):
    nome = models.CharField(_("nome"), max_length=100, unique=True)
    descrizione = models.TextField(_("descrizione"), blank=True)
    ordine = models.PositiveSmallIntegerField(_("ordine"), default=0)
    livello_1 = models.CharField(_("livello 1"), max_length=300)
    livello_2 = models.CharField(_("livello 2"), max_length=300)
    livello_3 = models.CharField(_("livello 3"), max_length=300)
    livello_4 = models.CharField(_("livello 4"), max_length=300)
    livello_5 = models.CharField(_("livello 5"), max_length=300)

    class Meta:
        verbose_name = _("dimensione di maturità")
        verbose_name_plural = _("dimensioni di maturità")
        ordering = ["ordine", "nome"]

    def __str__(self):
        return self.nome

    @property
    def descrittori(self) -> list[tuple[int, str]]:
        return [(n, getattr(self, f"livello_{n}")) for n in range(1, 6)]


class RilevazioneMaturita(models.Model):
    class Fase(models.TextChoices):
        BASELINE = "baseline", _("Baseline")
        INTERMEDIA = "intermedia", _("Intermedia")
        FINALE = "finale", _("Finale")

    fase = models.CharField(_("fase"), max_length=20, choices=Fase.choices, unique=True)
    data = models.DateField(_("data"))
    aperta = models.BooleanField(
        _("aperta"), default=True, help_text=_("Finché è aperta, staff ed enti invitati possono compilarla.")
    )
    enti_invitati = models.ManyToManyField(
        "costellazioni.Ente", blank=True, related_name="rilevazioni_maturita", verbose_name=_("enti invitati")
    )

    class Meta:
        verbose_name = _("rilevazione di maturità")
        verbose_name_plural = _("rilevazioni di maturità")
        ordering = ["data"]

    def __str__(self):
        return f"{self.get_fase_display()} ({self.data:%d/%m/%Y})"


class ValutazioneMaturita(models.Model):
    """One assessor's score of one dimension in one round."""

    rilevazione = models.ForeignKey(
        RilevazioneMaturita, on_delete=models.CASCADE, related_name="valutazioni", verbose_name=_("rilevazione")
    )
    dimensione = models.ForeignKey(
        DimensioneMaturita, on_delete=models.PROTECT, related_name="valutazioni", verbose_name=_("dimensione")
    )
    autore = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name=_("compilata da"))
    ente = models.ForeignKey(
        "costellazioni.Ente",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("per conto dell'ente"),
        help_text=_("Vuoto se compilata dallo staff del Comune."),
    )
    punteggio = models.PositiveSmallIntegerField(_("punteggio"))
    nota = models.CharField(_("motivazione"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("valutazione di maturità")
        verbose_name_plural = _("valutazioni di maturità")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(punteggio__gte=1, punteggio__lte=5),
                name="valutazione_maturita_1_5",
                violation_error_message=_("Il punteggio va da 1 a 5."),
            ),
            models.UniqueConstraint(
                fields=["rilevazione", "dimensione", "autore"],
                name="valutazione_maturita_una_per_autore",
                violation_error_message=_("Hai già valutato questa dimensione in questa rilevazione."),
            ),
        ]

    def __str__(self):
        return f"{self.dimensione}: {self.punteggio}"
