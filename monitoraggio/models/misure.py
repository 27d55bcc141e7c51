"""Measurements: automatic snapshots of the apps' indicators and manual values with their evidence."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from costellazioni.uploads import PDF_O_IMMAGINI, PrivateFileField


def disaggregation_key(disaggregazione: dict) -> str:
    """A canonical text for a disaggregation (``""`` for the total), so that a unique constraint can hold it."""
    return "|".join(f"{key}={disaggregazione[key]}" for key in sorted(disaggregazione))


class MisurazioneQuerySet(models.QuerySet):
    def valide(self):
        """What dashboards, exports and reports count: automatic snapshots and validated manual values."""
        return self.filter(stato=Misurazione.Stato.VALIDATA)

    def totali(self):
        return self.filter(chiave="")

    def per_quartiere(self):
        return self.filter(chiave__startswith="quartiere=")

    def nel_periodo(self, start, end):
        return self.filter(periodo_inizio__gte=start, periodo_fine__lte=end)


class Misurazione(models.Model):
    class Origine(models.TextChoices):
        AUTOMATICA = "automatica", _("Automatica")
        MANUALE = "manuale", _("Manuale")
        IMPORTATA = "importata", _("Importata da file")

    class Stato(models.TextChoices):
        DA_VALIDARE = "da_validare", _("Da validare")
        VALIDATA = "validata", _("Validata")
        RESPINTA = "respinta", _("Respinta")

    indicatore = models.ForeignKey(
        "monitoraggio.Indicatore", on_delete=models.PROTECT, related_name="misurazioni", verbose_name=_("indicatore")
    )
    periodo_inizio = models.DateField(_("dal"))
    periodo_fine = models.DateField(_("al"))
    valore = models.DecimalField(_("valore"), max_digits=14, decimal_places=2)
    disaggregazione = models.JSONField(
        _("disaggregazione"),
        default=dict,
        blank=True,
        help_text=_('Vuota per il totale; per esempio {"quartiere": "marghera"}.'),
    )
    chiave = models.CharField(_("chiave della disaggregazione"), max_length=200, blank=True, default="", editable=False)
    origine = models.CharField(_("origine"), max_length=12, choices=Origine.choices)
    stato = models.CharField(_("stato"), max_length=12, choices=Stato.choices, default=Stato.DA_VALIDARE)
    progetto = models.ForeignKey(
        "contributi.Concessione",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="misurazioni",
        verbose_name=_("progetto finanziato"),
        help_text=_("Per i valori comunicati da un progetto finanziato."),
    )
    evidenza = PrivateFileField(
        _("evidenza (PDF)"), allowed=PDF_O_IMMAGINI, upload_to="monitoraggio/evidenze/%Y/", blank=True
    )
    evidenza_sha256 = models.CharField(_("impronta SHA-256 dell'evidenza"), max_length=64, blank=True, default="")
    nota = models.TextField(_("nota"), blank=True, default="")
    inserita_da = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("inserita da"),
    )
    validata_da = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("validata da"),
    )
    validata_il = models.DateTimeField(_("validata il"), null=True, blank=True)
    rilevata_il = models.DateTimeField(_("rilevata il"), auto_now=True)

    objects = MisurazioneQuerySet.as_manager()

    class Meta:
        verbose_name = _("misurazione")
        verbose_name_plural = _("misurazioni")
        ordering = ["indicatore", "-periodo_inizio", "chiave"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicatore", "periodo_inizio", "periodo_fine", "chiave"],
                condition=~Q(stato="respinta"),
                name="misurazione_one_per_period_and_breakdown",
            ),
            models.CheckConstraint(
                condition=Q(periodo_fine__gte=models.F("periodo_inizio")), name="misurazione_period_order"
            ),
            models.CheckConstraint(condition=Q(valore__gte=0), name="misurazione_valore_non_negative"),
            models.CheckConstraint(
                condition=~Q(origine="automatica") | Q(stato="validata"), name="misurazione_automatic_is_valid"
            ),
        ]
        indexes = [
            models.Index(fields=["stato", "chiave", "indicatore", "periodo_inizio"], name="misurazione_cruscotto"),
        ]

    def __str__(self):
        periodo = f"{self.periodo_inizio:%d/%m/%Y}–{self.periodo_fine:%d/%m/%Y}"
        return f"{self.indicatore.codice} {periodo} {self.chiave}: {self.valore}".replace("  ", " ")

    def save(self, *args, **kwargs):
        self.chiave = disaggregation_key(self.disaggregazione or {})
        super().save(*args, **kwargs)

    def clean(self):
        self.chiave = disaggregation_key(self.disaggregazione or {})
