"""What each participant contributed to a meeting of a process (meetings are ``governance.Riunione``)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ContributoRiunione(models.Model):
    """One participant's contribution to a co-programming meeting, published with the minutes."""

    riunione = models.ForeignKey(
        "governance.Riunione",
        on_delete=models.CASCADE,
        related_name="contributi_coprogrammazione",
        verbose_name=_("riunione"),
    )
    ente = models.ForeignKey(
        "costellazioni.Ente", on_delete=models.PROTECT, related_name="contributi_riunioni", verbose_name=_("ente")
    )
    testo = models.TextField(_("contributo"), max_length=4000)
    registrato_da = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("registrato da")
    )
    registrato_il = models.DateTimeField(_("registrato il"), auto_now_add=True)

    class Meta:
        verbose_name = _("contributo alla riunione")
        verbose_name_plural = _("contributi alla riunione")
        ordering = ["riunione", "ente__denominazione", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["riunione", "ente"],
                name="coprog_un_contributo_per_ente",
                violation_error_message=_("Il contributo di questo ente è già registrato."),
            ),
        ]

    def __str__(self):
        return f"{self.ente} — {self.riunione}"
