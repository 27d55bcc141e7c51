"""The survey engine: questionnaires built in the admin, answered on the public site, read as results.

Used by the research-action for needs surveys and by monitoring for evaluation questionnaires; other apps
go through ``ricerca.services.questionari`` and ``ricerca.selectors.risultati``.
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def nuovo_token() -> str:
    return secrets.token_urlsafe(24)


class QuestionarioQuerySet(models.QuerySet):
    def aperti(self, adesso=None):
        adesso = adesso or timezone.now()
        return self.filter(pubblicato=True, apertura__lte=adesso).filter(
            models.Q(chiusura__isnull=True) | models.Q(chiusura__gt=adesso)
        )


class Questionario(models.Model):
    class Accesso(models.TextChoices):
        ANONIMO = "anonimo", _("Anonimo: chiunque, una risposta per dispositivo")
        AUTENTICATO = "autenticato", _("Con accesso: una risposta per persona")
        INVITO = "invito", _("Su invito: una risposta per codice d'invito")

    class Scopo(models.TextChoices):
        BISOGNI = "bisogni", _("Rilevazione dei bisogni")
        VALUTAZIONE = "valutazione", _("Valutazione")
        ALTRO = "altro", _("Altro")

    titolo = models.CharField(_("titolo"), max_length=200)
    slug = models.SlugField(_("indirizzo"), max_length=100, unique=True)
    descrizione = models.TextField(_("presentazione"), blank=True)
    scopo = models.CharField(_("scopo"), max_length=20, choices=Scopo.choices, default=Scopo.BISOGNI)
    accesso = models.CharField(_("accesso"), max_length=20, choices=Accesso.choices, default=Accesso.ANONIMO)
    pubblicato = models.BooleanField(_("pubblicato"), default=False)
    apertura = models.DateTimeField(_("apertura"))
    chiusura = models.DateTimeField(_("chiusura"), null=True, blank=True)
    creato_il = models.DateTimeField(_("creato il"), auto_now_add=True)

    objects = QuestionarioQuerySet.as_manager()

    class Meta:
        verbose_name = _("questionario")
        verbose_name_plural = _("questionari")
        ordering = ["-apertura"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(chiusura__isnull=True) | models.Q(chiusura__gt=models.F("apertura")),
                name="questionario_chiusura_dopo_apertura",
                violation_error_message=_("La chiusura deve venire dopo l'apertura."),
            )
        ]

    def __str__(self):
        return self.titolo

    def get_absolute_url(self):
        return reverse("ricerca_azione:questionario", args=[self.slug])

    def is_aperto(self, adesso=None) -> bool:
        adesso = adesso or timezone.now()
        return self.pubblicato and self.apertura <= adesso and (self.chiusura is None or adesso < self.chiusura)


class Domanda(models.Model):
    class Tipo(models.TextChoices):
        SCELTA_SINGOLA = "singola", _("Scelta singola")
        SCELTA_MULTIPLA = "multipla", _("Scelta multipla")
        SCALA_5 = "scala5", _("Scala da 1 a 5")
        SCALA_10 = "scala10", _("Scala da 1 a 10")
        TESTO_BREVE = "breve", _("Testo breve")
        TESTO_LUNGO = "lungo", _("Testo lungo")
        NUMERO = "numero", _("Numero")
        DATA = "data", _("Data")

    TIPI_CON_OPZIONI = [Tipo.SCELTA_SINGOLA, Tipo.SCELTA_MULTIPLA]

    questionario = models.ForeignKey(
        Questionario, on_delete=models.CASCADE, related_name="domande", verbose_name=_("questionario")
    )
    ordine = models.PositiveSmallIntegerField(_("ordine"), default=0)
    testo = models.CharField(_("domanda"), max_length=300)
    aiuto = models.CharField(_("suggerimento"), max_length=300, blank=True)
    tipo = models.CharField(_("tipo"), max_length=20, choices=Tipo.choices, default=Tipo.SCELTA_SINGOLA)
    obbligatoria = models.BooleanField(_("obbligatoria"), default=False)
    opzioni = models.TextField(
        _("opzioni"), blank=True, help_text=_("Per le domande a scelta: una opzione per riga, nell'ordine voluto.")
    )
    mostra_se = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("mostra solo se la domanda"),
        help_text=_("Lascia vuoto per mostrarla sempre."),
    )
    mostra_se_valore = models.CharField(
        _("ha la risposta"), max_length=200, blank=True, help_text=_("Il testo esatto dell'opzione scelta.")
    )

    class Meta:
        verbose_name = _("domanda")
        verbose_name_plural = _("domande")
        ordering = ["questionario", "ordine", "pk"]

    def __str__(self):
        return self.testo

    def clean(self):
        errori = {}
        if self.tipo in self.TIPI_CON_OPZIONI and not self.scelte:
            errori["opzioni"] = _("Scrivi almeno un'opzione, una per riga.")
        if self.mostra_se_id is not None:
            if self.mostra_se.questionario_id != self.questionario_id or self.mostra_se_id == self.pk:
                errori["mostra_se"] = _("Scegli un'altra domanda dello stesso questionario.")
            elif self.mostra_se_valore not in self.mostra_se.scelte:
                errori["mostra_se_valore"] = _("Scrivi esattamente una delle opzioni di quella domanda.")
        if errori:
            raise ValidationError(errori)

    @property
    def scelte(self) -> list[str]:
        return [riga.strip() for riga in self.opzioni.splitlines() if riga.strip()]

    @property
    def scala(self) -> range | None:
        return {self.Tipo.SCALA_5: range(1, 6), self.Tipo.SCALA_10: range(1, 11)}.get(self.tipo)

    def visibile(self, valori: dict) -> bool:
        """Shown when it has no condition, or when the condition's question has the given answer."""
        if self.mostra_se_id is None:
            return True
        valore = valori.get(self.mostra_se_id)
        if isinstance(valore, list):
            return self.mostra_se_valore in valore
        return valore is not None and str(valore) == self.mostra_se_valore


class Invito(models.Model):
    """A single-use invitation: whoever holds the token may answer once."""

    questionario = models.ForeignKey(
        Questionario, on_delete=models.CASCADE, related_name="inviti", verbose_name=_("questionario")
    )
    token = models.CharField(_("codice"), max_length=64, unique=True, default=nuovo_token, editable=False)
    etichetta = models.CharField(
        _("etichetta"), max_length=100, blank=True, help_text=_("Per riconoscere l'invito, senza dati personali.")
    )
    creato_il = models.DateTimeField(_("creato il"), auto_now_add=True)

    class Meta:
        verbose_name = _("invito")
        verbose_name_plural = _("inviti")

    def __str__(self):
        return self.etichetta or self.token[:8]


class Compilazione(models.Model):
    """One person's answers to a questionnaire: a draft until ``inviata_il`` is set."""

    questionario = models.ForeignKey(
        Questionario, on_delete=models.CASCADE, related_name="compilazioni", verbose_name=_("questionario")
    )
    utente = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("persona")
    )
    invito = models.OneToOneField(
        Invito, on_delete=models.PROTECT, null=True, blank=True, related_name="compilazione", verbose_name=_("invito")
    )
    chiave = models.CharField(_("chiave della bozza"), max_length=64, unique=True, default=nuovo_token)
    creata_il = models.DateTimeField(_("iniziata il"), auto_now_add=True)
    aggiornata_il = models.DateTimeField(_("aggiornata il"), auto_now=True)
    inviata_il = models.DateTimeField(_("inviata il"), null=True, blank=True)

    class Meta:
        verbose_name = _("compilazione")
        verbose_name_plural = _("compilazioni")
        ordering = ["creata_il"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionario", "utente"],
                condition=models.Q(utente__isnull=False),
                name="compilazione_una_per_persona",
                violation_error_message=_("Hai già risposto a questo questionario."),
            )
        ]

    def __str__(self):
        return f"{self.questionario} #{self.pk}"

    @property
    def inviata(self) -> bool:
        return self.inviata_il is not None


class Risposta(models.Model):
    compilazione = models.ForeignKey(
        Compilazione, on_delete=models.CASCADE, related_name="risposte", verbose_name=_("compilazione")
    )
    domanda = models.ForeignKey(Domanda, on_delete=models.CASCADE, related_name="risposte", verbose_name=_("domanda"))
    valore = models.JSONField(_("valore"))

    class Meta:
        verbose_name = _("risposta")
        verbose_name_plural = _("risposte")
        constraints = [
            models.UniqueConstraint(fields=["compilazione", "domanda"], name="risposta_una_per_domanda"),
        ]

    def __str__(self):
        return f"{self.domanda}: {self.valore}"
