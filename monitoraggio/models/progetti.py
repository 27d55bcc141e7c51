"""Milestones of funded projects, followed by staff beside the grant's own reports and payments."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Tappa(models.Model):
    progetto = models.ForeignKey(
        "contributi.Concessione", on_delete=models.CASCADE, related_name="tappe", verbose_name=_("progetto finanziato")
    )
    titolo = models.CharField(_("tappa"), max_length=200)
    scadenza = models.DateField(_("prevista entro il"))
    raggiunta_il = models.DateField(_("raggiunta il"), null=True, blank=True)
    nota = models.CharField(_("nota"), max_length=300, blank=True, default="")

    class Meta:
        verbose_name = _("tappa del progetto")
        verbose_name_plural = _("tappe dei progetti")
        ordering = ["progetto", "scadenza"]

    def __str__(self):
        return self.titolo
