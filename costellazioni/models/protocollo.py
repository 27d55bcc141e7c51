from django.db import models
from django.utils.translation import gettext_lazy as _


class RegistroProtocollo(models.Model):
    """The portal's protocol register: one counter per calendar year (DPR 445/2000, art. 57).

    Only ``costellazioni.protocollo.InternalRegister`` touches it, with one atomic UPSERT that keeps
    the year's row locked until the transaction ends: a rolled-back registration returns its number.
    """

    anno = models.PositiveIntegerField(_("anno"), primary_key=True)
    ultimo_numero = models.PositiveIntegerField(_("ultimo numero assegnato"), default=0)

    class Meta:
        verbose_name = _("registro di protocollo")
        verbose_name_plural = _("registri di protocollo")
        ordering = ["-anno"]

    def __str__(self):
        return str(self.anno)


class Protocollo(models.Model):
    """One registered document: its number within the year, when and what."""

    anno = models.PositiveIntegerField(_("anno"))
    numero = models.PositiveIntegerField(_("numero"))
    registrato_il = models.DateTimeField(_("registrato il"))
    oggetto = models.CharField(_("oggetto"), max_length=300)
    riferimento = models.CharField(
        _("riferimento"),
        max_length=100,
        blank=True,
        default="",
        help_text=_("Il documento registrato, per esempio contributi.candidatura:12."),
    )

    class Meta:
        verbose_name = _("protocollo")
        verbose_name_plural = _("protocolli")
        ordering = ["-anno", "-numero"]
        constraints = [
            models.UniqueConstraint(fields=["anno", "numero"], name="protocollo_unique_number_per_year"),
            models.CheckConstraint(condition=models.Q(numero__gte=1), name="protocollo_numero_positive"),
        ]

    def __str__(self):
        return self.segnatura

    @property
    def segnatura(self) -> str:
        return f"{self.anno}/{self.numero:06d}"
