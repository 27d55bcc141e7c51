"""Periodic PDF reports and bulk imports: records of background work with a state."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from costellazioni.uploads import PrivateFileField, private_storage


class ReportQuerySet(models.QuerySet):
    def pubblicati(self):
        return self.filter(pubblicato=True, stato=Report.Stato.PRONTO)


class Report(models.Model):
    class Tipo(models.TextChoices):
        MENSILE = "mensile", _("Report operativo mensile")
        TRIMESTRALE = "trimestrale", _("Report trimestrale per il comitato di gestione")
        ANNUALE = "annuale", _("Report annuale di impatto")

    class Stato(models.TextChoices):
        IN_CODA = "in_coda", _("In coda")
        IN_CORSO = "in_corso", _("In preparazione")
        PRONTO = "pronto", _("Pronto")
        FALLITO = "fallito", _("Non riuscito")

    tipo = models.CharField(_("tipo"), max_length=12, choices=Tipo.choices)
    periodo_inizio = models.DateField(_("dal"))
    periodo_fine = models.DateField(_("al"))
    stato = models.CharField(_("stato"), max_length=10, choices=Stato.choices, default=Stato.IN_CODA)
    file = PrivateFileField(_("file PDF"), upload_to="monitoraggio/report/", blank=True)
    pagine = models.PositiveSmallIntegerField(_("pagine"), null=True, blank=True, editable=False)
    generato_il = models.DateTimeField(_("generato il"), null=True, blank=True, editable=False)
    durata_secondi = models.DecimalField(
        _("durata della generazione (s)"), max_digits=8, decimal_places=2, null=True, blank=True, editable=False
    )
    tentativi = models.PositiveSmallIntegerField(_("tentativi"), default=0, editable=False)
    errore = models.TextField(_("ultimo errore"), blank=True, default="", editable=False)
    richiesto_da = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("richiesto da"),
        help_text=_("Vuoto per i report prodotti dalla pianificazione."),
    )
    pubblicato = models.BooleanField(
        _("pubblicato"),
        default=False,
        editable=False,
        help_text=_("Visibile al pubblico quando è pronto: mentre si rigenera, torna visibile a generazione finita."),
    )
    pubblicato_il = models.DateTimeField(_("pubblicato il"), null=True, blank=True, editable=False)
    creato_il = models.DateTimeField(_("creato il"), auto_now_add=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("report")
        ordering = ["-periodo_inizio", "tipo"]
        constraints = [
            models.UniqueConstraint(fields=["tipo", "periodo_inizio", "periodo_fine"], name="report_one_per_period"),
            models.CheckConstraint(
                condition=Q(periodo_fine__gte=models.F("periodo_inizio")), name="report_period_order"
            ),
        ]

    def __str__(self):
        return f"{self.get_tipo_display()} {self.periodo_label}"

    def get_absolute_url(self):
        return reverse("monitoraggio:report_pdf", kwargs={"pk": self.pk})

    @property
    def periodo_label(self) -> str:
        from monitoraggio.periods import period_label

        return period_label(self.tipo, self.periodo_inizio, self.periodo_fine)


class Importazione(models.Model):
    class Tipo(models.TextChoices):
        MISURAZIONI = "misurazioni", _("Misurazioni manuali")
        AVANZAMENTO = "avanzamento", _("Avanzamento dei progetti finanziati")

    class Stato(models.TextChoices):
        IN_CODA = "in_coda", _("In coda")
        IN_CORSO = "in_corso", _("In verifica")
        IMPORTATA = "importata", _("Importata")
        RESPINTA = "respinta", _("Respinta: nessuna riga importata")

    tipo = models.CharField(_("tipo"), max_length=12, choices=Tipo.choices, default=Tipo.MISURAZIONI)
    # CSV/XLSX are not on the core allow-lists: private storage, checked by ``monitoraggio.uploads.check_import``.
    file = models.FileField(_("file (CSV o XLSX)"), storage=private_storage, upload_to="monitoraggio/importazioni/")
    formato = models.CharField(_("formato"), max_length=4, editable=False)
    stato = models.CharField(_("stato"), max_length=10, choices=Stato.choices, default=Stato.IN_CODA, editable=False)
    righe_lette = models.PositiveIntegerField(_("righe lette"), default=0, editable=False)
    righe_importate = models.PositiveIntegerField(_("righe importate"), default=0, editable=False)
    righe_respinte = models.JSONField(
        _("righe respinte"), default=list, blank=True, editable=False, help_text=_("Numero di riga e motivi.")
    )
    caricata_da = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("caricata da")
    )
    caricata_il = models.DateTimeField(_("caricata il"), auto_now_add=True)
    conclusa_il = models.DateTimeField(_("conclusa il"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("importazione")
        verbose_name_plural = _("importazioni")
        ordering = ["-caricata_il"]

    def __str__(self):
        if self.caricata_il is None:
            return str(self.get_tipo_display())
        return f"{self.get_tipo_display()} {timezone.localtime(self.caricata_il):%d/%m/%Y %H:%M}"
