"""Needs (bisogni) intercepted in the territory. The research-action issue adds the rest of this app."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class BisognoQuerySet(models.QuerySet):
    def aperti(self):
        return self.filter(stato__in=[Bisogno.Stato.APERTO, Bisogno.Stato.IN_CARICO])

    def in_quartieri(self, quartieri):
        return self.filter(quartiere__in=quartieri)


class Bisogno(models.Model):
    """A need of a person or a neighbourhood, reported by a citizen or intercepted by an operator."""

    class Categoria(models.TextChoices):
        SOLITUDINE = "solitudine", _("Solitudine e isolamento")
        CASA = "casa", _("Casa e abitare")
        LAVORO = "lavoro", _("Lavoro e reddito")
        SALUTE = "salute", _("Salute e cura")
        MOBILITA = "mobilita", _("Mobilità e accessibilità")
        ISTRUZIONE = "istruzione", _("Scuola e formazione")
        DIGITALE = "digitale", _("Competenze digitali e pratiche")
        SPAZI = "spazi", _("Spazi e vivibilità del quartiere")
        ALTRO = "altro", _("Altro")

    class Urgenza(models.TextChoices):
        BASSA = "bassa", _("Bassa")
        MEDIA = "media", _("Media")
        ALTA = "alta", _("Alta")

    class Stato(models.TextChoices):
        APERTO = "aperto", _("Aperto")
        IN_CARICO = "in_carico", _("Preso in carico")
        CHIUSO = "chiuso", _("Chiuso")

    categoria = models.CharField(_("categoria"), max_length=20, choices=Categoria.choices)
    descrizione = models.TextField(_("descrizione"), max_length=2000)
    urgenza = models.CharField(_("urgenza"), max_length=10, choices=Urgenza.choices, default=Urgenza.MEDIA)
    stato = models.CharField(_("stato"), max_length=10, choices=Stato.choices, default=Stato.APERTO)
    quartiere = models.ForeignKey(
        "costellazioni.Quartiere",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bisogni",
        verbose_name=_("quartiere"),
    )
    segnalato_da = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bisogni_segnalati",
        verbose_name=_("segnalato da"),
        help_text=_("Chi ha registrato il bisogno: un operatore o un cittadino."),
    )
    creato_il = models.DateTimeField(_("creato il"), auto_now_add=True)

    objects = BisognoQuerySet.as_manager()

    class Meta:
        verbose_name = _("bisogno")
        verbose_name_plural = _("bisogni")
        ordering = ["-creato_il"]
        indexes = [models.Index(fields=["quartiere", "stato"], name="bisogno_quartiere_stato")]

    def __str__(self):
        return f"{self.get_categoria_display()} — {self.descrizione[:60]}"
