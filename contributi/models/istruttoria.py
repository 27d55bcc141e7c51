"""Admissibility review (istruttoria): the call's checklist, its answers, soccorso istruttorio, preavviso di rigetto."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from contributi.models.bandi import Bando
from contributi.models.candidature import Candidatura
from costellazioni.uploads import PrivateFileField

PREAVVISO_GIORNI = 10  # art. 10-bis L. 241/1990: ten days for written observations


class VoceChecklist(models.Model):
    """One admissibility requirement that staff verify for every application of the call."""

    bando = models.ForeignKey(Bando, on_delete=models.CASCADE, related_name="checklist", verbose_name=_("bando"))
    testo = models.CharField(_("requisito"), max_length=300)
    riferimento = models.CharField(
        _("riferimento nel bando"), max_length=60, blank=True, default="", help_text=_("Per esempio art. 4, comma 2.")
    )
    bloccante = models.BooleanField(
        _("bloccante"), default=True, help_text=_("Se non è soddisfatto la candidatura non può essere ammessa.")
    )
    ordine = models.PositiveSmallIntegerField(_("ordine"), default=0)

    class Meta:
        verbose_name = _("voce della checklist di ammissibilità")
        verbose_name_plural = _("checklist di ammissibilità")
        ordering = ["bando", "ordine", "pk"]
        constraints = [models.UniqueConstraint(fields=["bando", "testo"], name="checklist_unique_text_per_bando")]

    def __str__(self):
        return self.testo


class VerificaChecklist(models.Model):
    """Staff's answer to one checklist item for one application."""

    candidatura = models.ForeignKey(
        Candidatura, on_delete=models.CASCADE, related_name="verifiche", verbose_name=_("candidatura")
    )
    voce = models.ForeignKey(VoceChecklist, on_delete=models.PROTECT, related_name="verifiche", verbose_name=_("voce"))
    soddisfatta = models.BooleanField(_("requisito soddisfatto"), null=True, blank=True)
    nota = models.TextField(_("nota"), blank=True, default="")
    verificata_da = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verificata da"),
    )
    verificata_il = models.DateTimeField(_("verificata il"), null=True, blank=True)

    class Meta:
        verbose_name = _("verifica di ammissibilità")
        verbose_name_plural = _("verifiche di ammissibilità")
        ordering = ["candidatura", "voce__ordine", "voce_id"]
        constraints = [models.UniqueConstraint(fields=["candidatura", "voce"], name="verifica_one_per_item")]

    def __str__(self):
        return str(self.voce)


class RichiestaIntegrazioniQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(risposta_il__isnull=True, chiusa_il__isnull=True)


class RichiestaIntegrazioni(models.Model):
    """Soccorso istruttorio: staff ask for documents or corrections by a deadline."""

    candidatura = models.ForeignKey(
        Candidatura, on_delete=models.CASCADE, related_name="richieste_integrazioni", verbose_name=_("candidatura")
    )
    testo = models.TextField(_("integrazioni richieste"))
    scadenza = models.DateTimeField(_("termine per rispondere"))
    richiesta_da = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("richiesta da")
    )
    richiesta_il = models.DateTimeField(_("richiesta il"), default=timezone.now)
    risposta = models.TextField(_("risposta"), blank=True, default="")
    risposta_il = models.DateTimeField(_("risposta il"), null=True, blank=True)
    risposta_da = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("risposta da"),
    )
    chiusa_il = models.DateTimeField(
        _("chiusa senza risposta il"), null=True, blank=True, help_text=_("Termine scaduto senza risposta.")
    )

    objects = RichiestaIntegrazioniQuerySet.as_manager()

    class Meta:
        verbose_name = _("richiesta di integrazioni")
        verbose_name_plural = _("richieste di integrazioni")
        ordering = ["candidatura", "-richiesta_il"]
        constraints = [
            models.CheckConstraint(condition=Q(scadenza__gt=models.F("richiesta_il")), name="integrazioni_deadline"),
            models.UniqueConstraint(
                fields=["candidatura"],
                condition=Q(risposta_il__isnull=True, chiusa_il__isnull=True),
                name="integrazioni_one_pending",
            ),
        ]

    def __str__(self):
        return str(_("Integrazioni per %(c)s") % {"c": self.candidatura})

    @property
    def is_pending(self) -> bool:
        return self.risposta_il is None and self.chiusa_il is None


class DocumentoIntegrazione(models.Model):
    """A PDF the applicant sends with the reply, stored privately and checked by content."""

    richiesta = models.ForeignKey(
        RichiestaIntegrazioni, on_delete=models.CASCADE, related_name="documenti", verbose_name=_("richiesta")
    )
    file = PrivateFileField(_("file"), upload_to="integrazioni/%Y/")
    nome_originale = models.CharField(_("nome del file"), max_length=200)
    content_type = models.CharField(_("tipo"), max_length=50)
    dimensione = models.PositiveIntegerField(_("dimensione (byte)"))
    sha256 = models.CharField(_("impronta SHA-256"), max_length=64)
    caricato_da = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("caricato da")
    )
    caricato_il = models.DateTimeField(_("caricato il"), auto_now_add=True)

    class Meta:
        verbose_name = _("documento integrativo")
        verbose_name_plural = _("documenti integrativi")
        ordering = ["richiesta", "pk"]

    def __str__(self):
        return self.nome_originale

    def download_url(self, field_name):
        """Where the file is served after the permission check (``PrivateFileField`` links here)."""
        return reverse("contributi:documento_integrazione", kwargs={"pk": self.pk})


class PreavvisoQuerySet(models.QuerySet):
    def undecided(self):
        return self.filter(decisa_il__isnull=True)


class Preavviso(models.Model):
    """Preavviso di rigetto (art. 10-bis L. 241/1990) before a negative outcome becomes final."""

    class Fase(models.TextChoices):
        ISTRUTTORIA = "istruttoria", _("Non ammissibilità")
        VALUTAZIONE = "valutazione", _("Non idoneità")

    class Esito(models.TextChoices):
        CONFERMATO = "confermato", _("Rigetto confermato")
        SUPERATO = "superato", _("Osservazioni accolte")

    candidatura = models.ForeignKey(
        Candidatura, on_delete=models.CASCADE, related_name="preavvisi", verbose_name=_("candidatura")
    )
    fase = models.CharField(_("esito negativo previsto"), max_length=20, choices=Fase.choices)
    motivi = models.TextField(_("motivi ostativi"))
    inviato_il = models.DateTimeField(_("inviato il"), default=timezone.now)
    inviato_da = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("inviato da")
    )
    scadenza = models.DateTimeField(_("termine per le osservazioni"))
    osservazioni = models.TextField(_("osservazioni dell'ente"), blank=True, default="")
    osservazioni_il = models.DateTimeField(_("osservazioni inviate il"), null=True, blank=True)
    osservazioni_da = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("osservazioni inviate da"),
    )
    esito = models.CharField(_("decisione"), max_length=20, choices=Esito.choices, blank=True, default="")
    considerazioni = models.TextField(
        _("valutazione delle osservazioni"),
        blank=True,
        default="",
        help_text=_("Come sono state considerate le osservazioni: la motivazione del provvedimento finale."),
    )
    decisa_il = models.DateTimeField(_("decisa il"), null=True, blank=True)
    decisa_da = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decisa da"),
    )

    objects = PreavvisoQuerySet.as_manager()

    class Meta:
        verbose_name = _("preavviso di rigetto")
        verbose_name_plural = _("preavvisi di rigetto")
        ordering = ["candidatura", "-inviato_il"]
        constraints = [
            models.CheckConstraint(condition=Q(scadenza__gt=models.F("inviato_il")), name="preavviso_deadline"),
            models.UniqueConstraint(
                fields=["candidatura", "fase"], condition=Q(decisa_il__isnull=True), name="preavviso_one_open"
            ),
            models.CheckConstraint(
                condition=Q(decisa_il__isnull=True, esito="")
                | Q(decisa_il__isnull=False) & ~Q(esito="") & ~Q(considerazioni=""),
                name="preavviso_decision_complete",
            ),
        ]

    def __str__(self):
        return str(_("Preavviso di rigetto per %(c)s") % {"c": self.candidatura})

    @property
    def is_open(self) -> bool:
        return self.decisa_il is None

    def can_decide(self, now=None) -> bool:
        """The final decision waits for the observations or for the ten days to run out."""
        return self.osservazioni_il is not None or (now or timezone.now()) >= self.scadenza
