"""Evaluation activities (questionnaires, interviews, focus groups) and the indicators they inform."""

from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from costellazioni.uploads import PDF_O_IMMAGINI, PrivateFileField


class Rilevazione(models.Model):
    """One evaluation activity; people appear only as aggregated counts, never linked to a person."""

    class Tipo(models.TextChoices):
        QUESTIONARIO = "questionario", _("Questionario")
        INTERVISTA = "intervista", _("Interviste")
        FOCUS_GROUP = "focus_group", _("Focus group")

    tipo = models.CharField(_("tipo"), max_length=15, choices=Tipo.choices)
    titolo = models.CharField(_("titolo"), max_length=200)
    svolta_il = models.DateField(_("svolta il"), help_text=_("Per un questionario, la chiusura della raccolta."))
    progetto = models.ForeignKey(
        "contributi.Concessione",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rilevazioni",
        verbose_name=_("progetto finanziato"),
        help_text=_("Vuoto per le rilevazioni sul programma nel suo insieme."),
    )
    questionario = models.ForeignKey(
        "ricerca.Questionario",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rilevazioni_valutative",
        verbose_name=_("questionario del portale"),
        help_text=_("Il questionario della ricerca-azione che ha raccolto le risposte, se c'è."),
    )
    indicatori = models.ManyToManyField(
        "monitoraggio.Indicatore", blank=True, related_name="rilevazioni", verbose_name=_("indicatori informati")
    )
    partecipanti = models.PositiveIntegerField(_("partecipanti o risposte"))
    soddisfatti = models.PositiveIntegerField(
        _("di cui soddisfatti o molto soddisfatti"),
        null=True,
        blank=True,
        help_text=_("Per i questionari di soddisfazione dei beneficiari."),
    )
    sintesi = models.TextField(_("sintesi dei risultati"))
    documento = PrivateFileField(
        _("documento (PDF)"),
        allowed=PDF_O_IMMAGINI,
        upload_to="monitoraggio/rilevazioni/%Y/",
        blank=True,
        help_text=_("Rapporto o verbale, senza dati personali."),
    )

    class Meta:
        verbose_name = _("rilevazione valutativa")
        verbose_name_plural = _("rilevazioni valutative")
        ordering = ["-svolta_il"]
        constraints = [
            models.CheckConstraint(
                condition=Q(soddisfatti__isnull=True) | Q(soddisfatti__lte=F("partecipanti")),
                name="rilevazione_satisfied_within_participants",
                violation_error_message=_("I soddisfatti non possono superare i partecipanti."),
            ),
        ]

    def __str__(self):
        return f"{self.get_tipo_display()}: {self.titolo}"

    @property
    def soddisfazione(self) -> int | None:
        """Share of satisfied participants, in per cent."""
        if self.soddisfatti is None or not self.partecipanti:
            return None
        share = Decimal(self.soddisfatti * 100) / Decimal(self.partecipanti)
        return int(share.quantize(Decimal(1), rounding=ROUND_HALF_UP))
