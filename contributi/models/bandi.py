from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from costellazioni.models import Ente
from costellazioni.uploads import PrivateFileField

# Criteria, points, amounts, dates and eligibility rules are fixed once a call is published
# (L. 241/1990, art. 12): a correction is a published Rettifica.
FROZEN_FIELDS = (
    "linea",
    "budget_totale",
    "contributo_minimo",
    "contributo_massimo",
    "cofinanziamento_percentuale",
    "apertura",
    "chiusura",
    "tipi_ente_ammessi",
    "runts_obbligatorio",
    "una_candidatura_per_ente",
)


class BandoQuerySet(models.QuerySet):
    def public(self):
        return self.exclude(stato=Bando.Stato.BOZZA)

    def open(self, now=None):
        now = now or timezone.now()
        return self.filter(stato=Bando.Stato.PUBBLICATO, apertura__lte=now, termine__gt=now)

    def upcoming(self, now=None):
        return self.filter(stato=Bando.Stato.PUBBLICATO, apertura__gt=now or timezone.now())

    def closed(self, now=None):
        now = now or timezone.now()
        return self.public().filter(Q(termine__lte=now) | ~Q(stato=Bando.Stato.PUBBLICATO))


class Bando(models.Model):
    """A grant call (Macro-Azione 4)."""

    class Linea(models.TextChoices):
        A = "A", _("Linea A: sviluppo di idee e servizi")
        B = "B", _("Linea B: creazione di nuove imprese sociali")

    class Stato(models.TextChoices):
        BOZZA = "bozza", _("Bozza")
        PUBBLICATO = "pubblicato", _("Pubblicato")
        IN_VALUTAZIONE = "in_valutazione", _("In valutazione")
        CONCLUSO = "concluso", _("Concluso")

    class Fase(models.TextChoices):
        BOZZA = "bozza", _("Bozza")
        IN_ARRIVO = "in_arrivo", _("Di prossima apertura")
        APERTO = "aperto", _("Aperto")
        CHIUSO = "chiuso", _("Chiuso")
        IN_VALUTAZIONE = "in_valutazione", _("In valutazione")
        CONCLUSO = "concluso", _("Concluso")

    titolo = models.CharField(_("titolo"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    linea = models.CharField(_("linea"), max_length=1, choices=Linea.choices)
    sintesi = models.CharField(_("sintesi"), max_length=300, help_text=_("Una o due frasi per gli elenchi."))
    descrizione = models.TextField(_("descrizione"))
    cup = models.CharField(_("codice CUP"), max_length=15, blank=True, default="")
    budget_totale = models.DecimalField(_("dotazione complessiva (EUR)"), max_digits=12, decimal_places=2)
    contributo_minimo = models.DecimalField(_("contributo minimo per progetto (EUR)"), max_digits=10, decimal_places=2)
    contributo_massimo = models.DecimalField(
        _("contributo massimo per progetto (EUR)"), max_digits=10, decimal_places=2
    )
    cofinanziamento_percentuale = models.DecimalField(
        _("cofinanziamento richiesto (%)"),
        max_digits=5,
        decimal_places=2,
        default=0,
        help_text=_("Quota minima del costo totale del progetto a carico del proponente."),
    )
    apertura = models.DateTimeField(_("apertura delle candidature"))
    chiusura = models.DateTimeField(_("chiusura delle candidature"), help_text=_("Ora di Roma."))
    termine = models.DateTimeField(
        _("termine effettivo"),
        editable=False,
        help_text=_("La chiusura, oppure la proroga pubblicata con l'ultima rettifica."),
    )
    tipi_ente_ammessi = ArrayField(
        models.CharField(max_length=30, choices=Ente.Tipo.choices),
        verbose_name=_("tipi di ente ammessi"),
        default=list,
        blank=True,
        help_text=_("Vuoto: tutti gli enti del Terzo settore."),
    )
    runts_obbligatorio = models.BooleanField(_("iscrizione al RUNTS obbligatoria"), default=True)
    quartieri = models.ManyToManyField(
        "costellazioni.Quartiere",
        blank=True,
        related_name="bandi",
        verbose_name=_("quartieri ammessi"),
        help_text=_("Vuoto: tutto il territorio comunale."),
    )
    una_candidatura_per_ente = models.BooleanField(_("una sola candidatura per ente"), default=True)
    stato = models.CharField(_("stato"), max_length=20, choices=Stato.choices, default=Stato.BOZZA)
    pubblicato_il = models.DateTimeField(_("pubblicato il"), null=True, blank=True, editable=False)
    documento = PrivateFileField(_("testo del bando (PDF)"), upload_to="bandi/", blank=True)
    # The call as an official notice: the act that approved it, who is responsible, whom to ask.
    determina = PrivateFileField(
        _("determina di approvazione (PDF)"),
        upload_to="bandi/determine/",
        blank=True,
        help_text=_("L'atto dirigenziale che approva il bando: pubblico, scaricabile dalla pagina del bando."),
    )
    determina_estremi = models.CharField(
        _("estremi della determina"),
        max_length=200,
        blank=True,
        default="",
        help_text=_("Per esempio «Determinazione dirigenziale n. 2461 del 3 novembre 2026»."),
    )
    responsabile_procedimento = models.CharField(
        _("responsabile del procedimento"),
        max_length=200,
        blank=True,
        default="",
        help_text=_("Nome, cognome e qualifica (L. 241/1990, art. 5)."),
    )
    ufficio = models.CharField(_("ufficio competente"), max_length=200, blank=True, default="")
    ufficio_indirizzo = models.CharField(_("indirizzo dell'ufficio"), max_length=200, blank=True, default="")
    ufficio_email = models.EmailField(_("e-mail dell'ufficio"), blank=True, default="")
    ufficio_pec = models.EmailField(_("PEC dell'ufficio"), blank=True, default="")
    ufficio_telefono = models.CharField(_("telefono dell'ufficio"), max_length=30, blank=True, default="")
    ufficio_orari = models.CharField(
        _("orari di ricevimento"),
        max_length=200,
        blank=True,
        default="",
        help_text=_("Per esempio «martedì e giovedì 9:30-12:30, su appuntamento»."),
    )
    creato_il = models.DateTimeField(_("creato il"), auto_now_add=True)
    aggiornato_il = models.DateTimeField(_("aggiornato il"), auto_now=True)

    objects = BandoQuerySet.as_manager()

    class Meta:
        verbose_name = _("bando")
        verbose_name_plural = _("bandi")
        ordering = ["-apertura"]
        constraints = [
            models.CheckConstraint(
                condition=Q(chiusura__gt=models.F("apertura")),
                name="bando_chiusura_after_apertura",
                violation_error_message=_("La chiusura deve seguire l'apertura."),
            ),
            models.CheckConstraint(
                condition=Q(termine__gte=models.F("chiusura")), name="bando_termine_not_before_chiusura"
            ),
            models.CheckConstraint(
                condition=Q(contributo_minimo__gte=0) & Q(contributo_massimo__gte=models.F("contributo_minimo")),
                name="bando_contributo_range",
                violation_error_message=_("Il contributo massimo non può essere inferiore al minimo."),
            ),
            models.CheckConstraint(
                condition=Q(budget_totale__gte=models.F("contributo_massimo")),
                name="bando_budget_covers_max",
                violation_error_message=_("La dotazione deve coprire almeno un contributo massimo."),
            ),
            models.CheckConstraint(
                condition=Q(cofinanziamento_percentuale__gte=0, cofinanziamento_percentuale__lt=100),
                name="bando_cofinanziamento_percent",
            ),
            models.CheckConstraint(
                condition=Q(stato="bozza") | Q(pubblicato_il__isnull=False), name="bando_published_has_date"
            ),
        ]

    def __str__(self):
        return self.titolo

    def save(self, *args, **kwargs):
        if self.termine is None or (self.stato == self.Stato.BOZZA):
            self.termine = self.chiusura
        self._refuse_frozen_changes()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("contributi:bando", kwargs={"slug": self.slug})

    def download_url(self, field_name):
        """Where the file is served after the permission check (``PrivateFileField`` links here)."""
        name = "contributi:determina" if field_name == "determina" else "contributi:testo"
        return reverse(name, kwargs={"slug": self.slug})

    @property
    def has_contatti(self) -> bool:
        return any((self.ufficio, self.ufficio_indirizzo, self.ufficio_email, self.ufficio_pec, self.ufficio_telefono))

    def _refuse_frozen_changes(self):
        if self.pk is None:
            return
        stored = Bando.objects.filter(pk=self.pk).values("stato", *FROZEN_FIELDS).first()
        if stored is None or stored["stato"] == self.Stato.BOZZA:
            return
        changed = [name for name in FROZEN_FIELDS if stored[name] != getattr(self, name)]
        if changed:
            raise ValidationError(
                {name: _("Il bando è pubblicato: questo dato si corregge solo con una rettifica.") for name in changed},
                code="frozen",
            )

    @property
    def is_published(self) -> bool:
        return self.stato != self.Stato.BOZZA

    def fase(self, now=None) -> str:
        now = now or timezone.now()
        if self.stato != self.Stato.PUBBLICATO:
            return self.stato
        if now < self.apertura:
            return self.Fase.IN_ARRIVO
        if now < self.termine:
            return self.Fase.APERTO
        return self.Fase.CHIUSO

    def get_fase_display(self):
        return self.Fase(self.fase()).label

    def is_open(self, now=None) -> bool:
        return self.fase(now) == self.Fase.APERTO

    @property
    def tipi_ammessi_labels(self) -> list[str]:
        return [Ente.Tipo(value).label for value in self.tipi_ente_ammessi]

    def tipi_ammessi(self) -> list[str]:
        return list(self.tipi_ente_ammessi) or sorted(Ente.TIPI_ETS)


class FrozenAfterPublicationMixin:
    """Rows that define a published call (criteria, required attachments) cannot change any more."""

    def _refuse_if_published(self):
        if Bando.objects.filter(pk=self.bando_id).exclude(stato=Bando.Stato.BOZZA).exists():
            raise ValidationError(
                _("Il bando è pubblicato: criteri e allegati richiesti si correggono solo con una rettifica."),
                code="frozen",
            )

    def save(self, *args, **kwargs):
        self._refuse_if_published()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._refuse_if_published()
        return super().delete(*args, **kwargs)


class CriterioValutazione(FrozenAfterPublicationMixin, models.Model):
    bando = models.ForeignKey(Bando, on_delete=models.CASCADE, related_name="criteri", verbose_name=_("bando"))
    codice = models.CharField(_("codice"), max_length=10, help_text=_("Per esempio A.1."))
    titolo = models.CharField(_("criterio"), max_length=200)
    descrizione = models.TextField(_("descrizione"), blank=True, default="")
    punteggio_massimo = models.PositiveSmallIntegerField(_("punteggio massimo"))
    ordine = models.PositiveSmallIntegerField(_("ordine"), default=0)

    class Meta:
        verbose_name = _("criterio di valutazione")
        verbose_name_plural = _("criteri di valutazione")
        ordering = ["bando", "ordine", "codice"]
        constraints = [
            models.UniqueConstraint(fields=["bando", "codice"], name="criterio_unique_code_per_bando"),
            models.CheckConstraint(condition=Q(punteggio_massimo__gt=0), name="criterio_max_positive"),
        ]

    def __str__(self):
        return f"{self.codice} {self.titolo}"


class AllegatoRichiesto(FrozenAfterPublicationMixin, models.Model):
    """A document the call asks applicants to attach (statuto, CV del referente, preventivi…)."""

    bando = models.ForeignKey(
        Bando, on_delete=models.CASCADE, related_name="allegati_richiesti", verbose_name=_("bando")
    )
    nome = models.CharField(_("nome"), max_length=120)
    descrizione = models.CharField(_("descrizione"), max_length=300, blank=True, default="")
    obbligatorio = models.BooleanField(_("obbligatorio"), default=True)
    immagini_ammesse = models.BooleanField(_("ammesse anche immagini (JPEG, PNG)"), default=False)
    ordine = models.PositiveSmallIntegerField(_("ordine"), default=0)

    class Meta:
        verbose_name = _("allegato richiesto")
        verbose_name_plural = _("allegati richiesti")
        ordering = ["bando", "ordine", "pk"]
        constraints = [models.UniqueConstraint(fields=["bando", "nome"], name="allegato_richiesto_unique_name")]

    def __str__(self):
        return self.nome


class Rettifica(models.Model):
    """A dated, published amendment of a call; extending the deadline is one."""

    bando = models.ForeignKey(Bando, on_delete=models.PROTECT, related_name="rettifiche", verbose_name=_("bando"))
    numero = models.PositiveSmallIntegerField(_("numero"))
    pubblicata_il = models.DateTimeField(_("pubblicata il"))
    oggetto = models.CharField(_("oggetto"), max_length=200)
    testo = models.TextField(_("testo"))
    nuova_chiusura = models.DateTimeField(
        _("nuova chiusura"), null=True, blank=True, help_text=_("Solo per le proroghe del termine.")
    )
    documento = PrivateFileField(_("atto (PDF)"), upload_to="bandi/rettifiche/", blank=True)
    autore = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("autore")
    )

    class Meta:
        verbose_name = _("rettifica")
        verbose_name_plural = _("rettifiche")
        ordering = ["bando", "numero"]
        constraints = [models.UniqueConstraint(fields=["bando", "numero"], name="rettifica_unique_number")]

    def __str__(self):
        return f"{self.bando} — {self.numero}"

    def download_url(self, field_name):
        """Where the file is served after the permission check (``PrivateFileField`` links here)."""
        return reverse("contributi:rettifica", kwargs={"slug": self.bando.slug, "numero": self.numero})


class DocumentoBando(models.Model):
    """Annexes of a call (modulistica, schede): public documents, still served by a view."""

    bando = models.ForeignKey(Bando, on_delete=models.CASCADE, related_name="documenti", verbose_name=_("bando"))
    titolo = models.CharField(_("titolo"), max_length=200)
    file = PrivateFileField(
        _("file"), upload_to="bandi/allegati/", help_text=_("Solo PDF, controllato al caricamento.")
    )
    ordine = models.PositiveSmallIntegerField(_("ordine"), default=0)

    class Meta:
        verbose_name = _("documento del bando")
        verbose_name_plural = _("documenti del bando")
        ordering = ["bando", "ordine", "pk"]

    def __str__(self):
        return self.titolo

    def download_url(self, field_name):
        """Where the file is served after the permission check (``PrivateFileField`` links here)."""
        return reverse("contributi:documento", kwargs={"slug": self.bando.slug, "pk": self.pk})


class FaqBando(models.Model):
    bando = models.ForeignKey(Bando, on_delete=models.CASCADE, related_name="faq", verbose_name=_("bando"))
    domanda = models.CharField(_("domanda"), max_length=300)
    risposta = models.TextField(_("risposta"))
    pubblicata_il = models.DateTimeField(_("pubblicata il"), default=timezone.now)
    ordine = models.PositiveSmallIntegerField(_("ordine"), default=0)

    class Meta:
        verbose_name = _("domanda frequente")
        verbose_name_plural = _("domande frequenti")
        ordering = ["bando", "ordine", "pk"]

    def __str__(self):
        return self.domanda
