from django.db import models
from django.utils.translation import gettext_lazy as _


class Municipalita(models.Model):
    """One of the six municipalità of the Comune di Venezia."""

    nome = models.CharField(_("nome"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    numero = models.PositiveSmallIntegerField(_("numero"), unique=True, help_text=_("Ordine ufficiale, da 1 a 6."))

    class Meta:
        verbose_name = _("municipalità")
        verbose_name_plural = _("municipalità")
        ordering = ["numero"]

    def __str__(self):
        return self.nome


class Quartiere(models.Model):
    """A locality (quartiere, isola, frazione) inside a municipalità."""

    municipalita = models.ForeignKey(
        Municipalita, on_delete=models.PROTECT, related_name="quartieri", verbose_name=_("municipalità")
    )
    nome = models.CharField(_("nome"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    latitudine = models.DecimalField(_("latitudine"), max_digits=8, decimal_places=5)
    longitudine = models.DecimalField(_("longitudine"), max_digits=8, decimal_places=5)

    class Meta:
        verbose_name = _("quartiere")
        verbose_name_plural = _("quartieri")
        ordering = ["municipalita__numero", "nome"]
        constraints = [
            models.UniqueConstraint(fields=["municipalita", "nome"], name="quartiere_nome_unique_per_municipalita"),
            models.CheckConstraint(
                condition=models.Q(latitudine__range=(45.0, 46.0), longitudine__range=(11.8, 12.8)),
                name="quartiere_coordinates_in_venice_area",
            ),
        ]

    def __str__(self):
        return self.nome
