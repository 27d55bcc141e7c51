from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from costellazioni.uploads import PrivateFileField


class PercorsoQuerySet(models.QuerySet):
    def public(self):
        return self.filter(pubblicato=True)

    def with_counts(self):
        return self.annotate(
            partecipanti_count=models.Count("manifestazioni", filter=Q(manifestazioni__stato="ammessa"), distinct=True)
        )


class Percorso(models.Model):
    """A co-programming process (art. 55 D.Lgs. 117/2017, DM 72/2021), from public notice to outcome."""

    class Fase(models.TextChoices):
        AVVISO = "avviso", _("Avviso pubblico")
        MANIFESTAZIONI = "manifestazioni", _("Manifestazioni di interesse")
        TAVOLI = "tavoli", _("Tavoli e incontri")
        DOCUMENTO = "documento", _("Documento istruttorio finale")
        ESITO = "esito", _("Esito")

    titolo = models.CharField(_("titolo"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    tema = models.CharField(_("tema"), max_length=200)
    descrizione = models.TextField(_("descrizione"))
    ufficio_responsabile = models.CharField(_("ufficio responsabile"), max_length=200)
    fase = models.CharField(_("fase"), max_length=20, choices=Fase.choices, default=Fase.AVVISO)
    avviso_pubblicato_il = models.DateField(_("avviso pubblicato il"), null=True, blank=True)
    manifestazioni_dal = models.DateTimeField(_("manifestazioni di interesse dal"), null=True, blank=True)
    manifestazioni_al = models.DateTimeField(
        _("manifestazioni di interesse fino al"),
        null=True,
        blank=True,
        help_text=_("Dopo questa data e ora (di Roma) non si accettano più manifestazioni di interesse."),
    )
    tavoli_dal = models.DateField(_("tavoli e incontri dal"), null=True, blank=True)
    documento_finale_il = models.DateField(_("documento istruttorio finale il"), null=True, blank=True)
    esito_il = models.DateField(_("esito il"), null=True, blank=True)
    esito = models.TextField(_("esito"), blank=True, default="")
    avviso_pdf = PrivateFileField(_("avviso pubblico (PDF)"), upload_to="coprogrammazione/avvisi/", blank=True)
    tavolo = models.ForeignKey(
        "governance.Organo",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="percorsi_coprogrammazione",
        limit_choices_to={"tipo": "tavolo"},
        verbose_name=_("tavolo di lavoro"),
        help_text=_("L'organo che convoca gli incontri del percorso."),
    )
    pubblicato = models.BooleanField(_("pubblicato sul portale"), default=False)
    creato_il = models.DateTimeField(_("creato il"), auto_now_add=True)

    objects = PercorsoQuerySet.as_manager()

    class Meta:
        verbose_name = _("percorso di co-programmazione")
        verbose_name_plural = _("percorsi di co-programmazione")
        ordering = ["-avviso_pubblicato_il", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(manifestazioni_dal__isnull=True)
                | Q(manifestazioni_al__isnull=True)
                | Q(manifestazioni_al__gt=models.F("manifestazioni_dal")),
                name="coprog_percorso_finestra_ordinata",
                violation_error_message=_("La chiusura delle manifestazioni di interesse deve seguire l'apertura."),
            ),
        ]

    def __str__(self):
        return self.titolo

    def get_absolute_url(self):
        return reverse("coprogrammazione:percorso", kwargs={"slug": self.slug})

    def finestra_aperta(self, now=None) -> bool:
        now = now or timezone.now()
        return bool(
            self.manifestazioni_dal
            and self.manifestazioni_al
            and self.manifestazioni_dal <= now < self.manifestazioni_al
        )

    def fasi(self):
        """Each phase with its date and whether it is done, current or to come, for the timeline."""
        dates = {
            self.Fase.AVVISO: self.avviso_pubblicato_il,
            self.Fase.MANIFESTAZIONI: self.manifestazioni_dal and timezone.localdate(self.manifestazioni_dal),
            self.Fase.TAVOLI: self.tavoli_dal,
            self.Fase.DOCUMENTO: self.documento_finale_il,
            self.Fase.ESITO: self.esito_il,
        }
        order = list(self.Fase)
        current = order.index(self.fase)
        return [
            {
                "fase": fase,
                "data": dates[fase],
                "stato": "fatta" if i < current else ("corrente" if i == current else "futura"),
            }
            for i, fase in enumerate(order)
        ]


class DocumentoPercorso(models.Model):
    """A document published on the process page (minutes summary, presentations, the final document)."""

    percorso = models.ForeignKey(
        Percorso, on_delete=models.CASCADE, related_name="documenti", verbose_name=_("percorso")
    )
    titolo = models.CharField(_("titolo"), max_length=200)
    file = PrivateFileField(_("file (PDF)"), upload_to="coprogrammazione/documenti/")
    sha256 = models.CharField(_("SHA-256"), max_length=64, editable=False, default="")
    pubblicato = models.BooleanField(_("pubblicato"), default=True)
    caricato_il = models.DateTimeField(_("caricato il"), auto_now_add=True)

    class Meta:
        verbose_name = _("documento del percorso")
        verbose_name_plural = _("documenti del percorso")
        ordering = ["caricato_il", "pk"]

    def __str__(self):
        return self.titolo


class ManifestazioneInteresseQuerySet(models.QuerySet):
    def ammesse(self):
        return self.filter(stato=ManifestazioneInteresse.Stato.AMMESSA)

    def pending(self):
        return self.filter(stato=ManifestazioneInteresse.Stato.PRESENTATA)


class ManifestazioneInteresse(models.Model):
    """An ente's expression of interest in a process; once admitted, the ente is a participant."""

    class Stato(models.TextChoices):
        PRESENTATA = "presentata", _("Presentata")
        AMMESSA = "ammessa", _("Ammessa")
        ESCLUSA = "esclusa", _("Esclusa")

    percorso = models.ForeignKey(
        Percorso, on_delete=models.CASCADE, related_name="manifestazioni", verbose_name=_("percorso")
    )
    ente = models.ForeignKey(
        "costellazioni.Ente", on_delete=models.PROTECT, related_name="manifestazioni_interesse", verbose_name=_("ente")
    )
    presentata_da = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("presentata da")
    )
    motivazione = models.TextField(_("motivazione"))
    competenze = models.TextField(_("competenze"))
    risorse_offerte = models.TextField(_("risorse offerte"))
    contatto_nome = models.CharField(_("persona di contatto"), max_length=150)
    contatto_email = models.EmailField(_("e-mail di contatto"))
    contatto_telefono = models.CharField(_("telefono di contatto"), max_length=30, blank=True, default="")
    stato = models.CharField(_("stato"), max_length=20, choices=Stato.choices, default=Stato.PRESENTATA)
    motivo_esclusione = models.TextField(_("motivo dell'esclusione"), blank=True, default="")
    presentata_il = models.DateTimeField(_("presentata il"), default=timezone.now)

    objects = ManifestazioneInteresseQuerySet.as_manager()

    class Meta:
        verbose_name = _("manifestazione di interesse")
        verbose_name_plural = _("manifestazioni di interesse")
        ordering = ["presentata_il", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["percorso", "ente"],
                name="coprog_una_manifestazione_per_ente",
                violation_error_message=_("Questo ente ha già manifestato interesse per il percorso."),
            ),
            models.CheckConstraint(
                condition=~Q(stato="esclusa") | ~Q(motivo_esclusione=""),
                name="coprog_esclusione_motivata",
                violation_error_message=_("Un'esclusione richiede il motivo."),
            ),
        ]

    def __str__(self):
        return f"{self.ente} — {self.percorso}"
