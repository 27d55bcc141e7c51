"""Needs (bisogni) intercepted in the territory, followed from the report to their answer."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class CategoriaBisognoQuerySet(models.QuerySet):
    def attive(self):
        return self.filter(attiva=True)


class CategoriaBisogno(models.Model):
    """A kind of need (casa, lavoro, solitudine…): a taxonomy kept by staff in the admin.

    Needs point at the ``slug``, which is also the stable code in the open data: it cannot change once saved.
    A category no longer in use is made inactive, never deleted: old needs keep it, new reports cannot choose it.
    """

    nome = models.CharField(_("nome"), max_length=80, unique=True)
    slug = models.SlugField(
        _("codice"),
        max_length=30,
        unique=True,
        help_text=_("Codice stabile usato negli open data: lettere minuscole, cifre e trattini. Non si può cambiare."),
    )
    descrizione = models.TextField(
        _("descrizione"), max_length=500, blank=True, help_text=_("Che cosa rientra in questa categoria.")
    )
    attiva = models.BooleanField(
        _("attiva"),
        default=True,
        help_text=_("Solo le categorie attive si possono scegliere nelle nuove segnalazioni."),
    )
    ordine = models.PositiveSmallIntegerField(_("ordine"), default=0)

    objects = CategoriaBisognoQuerySet.as_manager()

    class Meta:
        verbose_name = _("categoria di bisogno")
        verbose_name_plural = _("categorie di bisogno")
        ordering = ["ordine", "nome"]

    def __str__(self):
        return self.nome


class BisognoQuerySet(models.QuerySet):
    def aperti(self):
        return self.filter(stato__in=Bisogno.STATI_APERTI)

    def in_quartieri(self, quartieri):
        return self.filter(quartiere__in=quartieri)

    def per_quartiere_e_categoria(self):
        """Counts of needs by quartiere and category: ``[{quartiere__nome, categoria, totale}]`` (category slug)."""
        return (
            self.values("quartiere__nome", "categoria")
            .annotate(totale=models.Count("pk"))
            .order_by("quartiere__nome", "categoria")
        )


class Bisogno(models.Model):
    """A need of a person or a neighbourhood, reported by a citizen or intercepted by an operator."""

    class Urgenza(models.TextChoices):
        BASSA = "bassa", _("Bassa")
        MEDIA = "media", _("Media")
        ALTA = "alta", _("Alta")

    class Stato(models.TextChoices):
        SEGNALATO = "segnalato", _("Segnalato")
        PRESO_IN_CARICO = "preso_in_carico", _("Preso in carico")
        INDIRIZZATO = "indirizzato", _("Indirizzato")
        RISOLTO = "risolto", _("Risolto")
        NON_RISOLVIBILE = "non_risolvibile", _("Non risolvibile")

    class Fonte(models.TextChoices):
        ANTENNA = "antenna", _("Antenna di quartiere")
        OPERATORE = "operatore", _("Operatore di comunità")
        QUESTIONARIO = "questionario", _("Questionario")
        HUB = "hub", _("HUB")
        SEGNALAZIONE = "segnalazione", _("Segnalazione pubblica")

    class Destinatari(models.TextChoices):
        TUTTI = "tutti", _("Tutta la comunità")
        ANZIANI = "anziani", _("Persone anziane")
        GIOVANI = "giovani", _("Giovani")
        FAMIGLIE = "famiglie", _("Famiglie con figli")
        DISABILITA = "disabilita", _("Persone con disabilità")
        MIGRANTI = "migranti", _("Persone di origine straniera")
        FRAGILITA = "fragilita", _("Persone in povertà o senza dimora")

    STATI_APERTI = [Stato.SEGNALATO, Stato.PRESO_IN_CARICO, Stato.INDIRIZZATO]

    categoria = models.ForeignKey(
        CategoriaBisogno,
        on_delete=models.PROTECT,
        to_field="slug",
        related_name="bisogni",
        verbose_name=_("categoria"),
    )
    descrizione = models.TextField(_("descrizione"), max_length=2000)
    urgenza = models.CharField(_("urgenza"), max_length=10, choices=Urgenza.choices, default=Urgenza.MEDIA)
    stato = models.CharField(_("stato"), max_length=20, choices=Stato.choices, default=Stato.SEGNALATO)
    fonte = models.CharField(_("fonte"), max_length=20, choices=Fonte.choices, default=Fonte.SEGNALAZIONE)
    destinatari = models.CharField(
        _("gruppo destinatario"), max_length=20, choices=Destinatari.choices, default=Destinatari.TUTTI
    )
    quartiere = models.ForeignKey(
        "costellazioni.Quartiere",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bisogni",
        verbose_name=_("quartiere"),
    )
    chiave_idempotenza = models.UUIDField(
        _("chiave di idempotenza"),
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text=_("Generata con il modulo: un invio ripetuto viene registrato una sola volta."),
    )
    segnalato_da = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bisogni_segnalati",
        verbose_name=_("segnalato da"),
        help_text=_("Chi ha registrato il bisogno: un operatore o un cittadino."),
    )
    stato_aggiornato_da = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("stato aggiornato da"),
    )
    stato_aggiornato_il = models.DateTimeField(_("stato aggiornato il"), null=True, blank=True)
    creato_il = models.DateTimeField(_("creato il"), auto_now_add=True)

    objects = BisognoQuerySet.as_manager()

    class Meta:
        verbose_name = _("bisogno")
        verbose_name_plural = _("bisogni")
        ordering = ["-creato_il"]
        indexes = [models.Index(fields=["quartiere", "stato"], name="bisogno_quartiere_stato")]

    def __str__(self):
        return f"{self.categoria} — {self.descrizione[:60]}"

    @property
    def aperto(self) -> bool:
        return self.stato in self.STATI_APERTI


class RispostaBisogno(models.Model):
    """A service, project or antenna that answered a need, linked by content type (ricerca imports no app above)."""

    # What can answer a need: models of the apps above ricerca, by (app_label, model) (ricerca imports none).
    AMMESSE = [
        ("hubs", "servizio"),
        ("hubs", "hub"),
        ("antenne", "antenna"),
        ("contributi", "candidatura"),
        ("costellazioni", "ente"),
    ]

    bisogno = models.ForeignKey(Bisogno, on_delete=models.CASCADE, related_name="risposte", verbose_name=_("bisogno"))
    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, verbose_name=_("tipo di risposta"), null=True, blank=True
    )
    object_id = models.CharField(_("identificativo"), max_length=40, blank=True)
    oggetto = GenericForeignKey("content_type", "object_id")
    descrizione = models.CharField(
        _("descrizione"), max_length=300, help_text=_("Chi ha risposto e come, in una frase.")
    )
    creata_da = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("registrata da")
    )
    creata_il = models.DateTimeField(_("registrata il"), auto_now_add=True)

    class Meta:
        verbose_name = _("risposta al bisogno")
        verbose_name_plural = _("risposte al bisogno")
        ordering = ["creata_il"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(content_type__isnull=True, object_id="")
                | models.Q(content_type__isnull=False) & ~models.Q(object_id=""),
                name="risposta_bisogno_oggetto_completo",
            )
        ]

    def __str__(self):
        return self.descrizione
