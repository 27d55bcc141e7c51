"""Partnership documents and the follow-ups of a site visit: the newer records that use the core upload component."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from costellazioni.uploads import PDF_O_IMMAGINI, PrivateFileField


class DocumentoPartenariato(models.Model):
    """A document of a partnership (agreement, letter of intent, minutes), downloaded through a checked view."""

    partenariato = models.ForeignKey(
        "governance.Partenariato", on_delete=models.CASCADE, related_name="documenti", verbose_name=_("partenariato")
    )
    titolo = models.CharField(_("titolo"), max_length=250)
    file = PrivateFileField(_("file"), upload_to="governance/partenariati/%Y/", allowed=PDF_O_IMMAGINI)
    nome_originale = models.CharField(_("nome del file"), max_length=200, blank=True)
    content_type = models.CharField(_("tipo"), max_length=50, blank=True)
    sha256 = models.CharField(_("impronta SHA-256"), max_length=64, blank=True)
    caricato_da = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("caricato da")
    )
    caricato_il = models.DateTimeField(_("caricato il"), auto_now_add=True)

    class Meta:
        verbose_name = _("documento del partenariato")
        verbose_name_plural = _("documenti del partenariato")
        ordering = ["partenariato", "-caricato_il", "-pk"]

    def __str__(self):
        return self.titolo

    def download_url(self, field_name="file"):
        return reverse("governance:documento_partenariato", args=[self.pk])


class SeguitoSopralluogoQuerySet(models.QuerySet):
    def aperti(self):
        return self.filter(stato__in=[SeguitoSopralluogo.Stato.APERTO, SeguitoSopralluogo.Stato.IN_CORSO])


class SeguitoSopralluogo(models.Model):
    """A follow-up of a site visit: who does what by when, until it is closed."""

    class Stato(models.TextChoices):
        APERTO = "aperto", _("Da avviare")
        IN_CORSO = "in_corso", _("In corso")
        COMPLETATO = "completato", _("Completato")
        ANNULLATO = "annullato", _("Annullato")

    sopralluogo = models.ForeignKey(
        "governance.Sopralluogo", on_delete=models.CASCADE, related_name="azioni", verbose_name=_("sopralluogo")
    )
    descrizione = models.TextField(_("cosa fare"), max_length=2000)
    responsabile = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="seguiti_sopralluoghi",
        verbose_name=_("responsabile"),
    )
    ente_responsabile = models.ForeignKey(
        "costellazioni.Ente",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="seguiti_sopralluoghi",
        verbose_name=_("ente responsabile"),
    )
    scadenza = models.DateField(_("scadenza"))
    stato = models.CharField(_("stato"), max_length=12, choices=Stato.choices, default=Stato.APERTO)
    chiuso_il = models.DateTimeField(_("chiuso il"), null=True, blank=True)
    autore = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("registrato da")
    )
    creato_il = models.DateTimeField(_("creato il"), auto_now_add=True)

    objects = SeguitoSopralluogoQuerySet.as_manager()

    class Meta:
        verbose_name = _("azione conseguente al sopralluogo")
        verbose_name_plural = _("azioni conseguenti al sopralluogo")
        ordering = ["scadenza", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(responsabile__isnull=False) | Q(ente_responsabile__isnull=False),
                name="seguito_sopralluogo_ha_un_responsabile",
                violation_error_message=_("Indica chi se ne occupa: una persona o un ente."),
            ),
            models.CheckConstraint(
                condition=Q(stato__in=["completato", "annullato"], chiuso_il__isnull=False)
                | Q(stato__in=["aperto", "in_corso"], chiuso_il__isnull=True),
                name="seguito_sopralluogo_chiusura_coerente",
            ),
        ]

    def __str__(self):
        return self.descrizione[:80]

    @property
    def scaduto(self):
        return self.stato in (self.Stato.APERTO, self.Stato.IN_CORSO) and self.scadenza < timezone.localdate()

    @property
    def chiuso(self):
        return self.stato in (self.Stato.COMPLETATO, self.Stato.ANNULLATO)
