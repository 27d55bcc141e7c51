"""Per-call selection rules and the ranking (graduatoria) with its positions."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from contributi.models.bandi import Bando, CriterioValutazione
from contributi.models.candidature import Candidatura

# Rules that decide who is funded: fixed once applications can be submitted (L. 241/1990, art. 12).
REGOLE_FISSE = ("modalita_punteggio", "soglia_minima", "criterio_spareggio", "finanziamento_parziale")


class RegoleSelezione(models.Model):
    """How a call's applications are scored and ranked; defaults apply to a call that has none."""

    class Modalita(models.TextChoices):
        MEDIA = "media", _("Media dei punteggi dei componenti")
        CONSENSO = "consenso", _("Punteggio collegiale inserito dal presidente")

    bando = models.OneToOneField(
        Bando, on_delete=models.CASCADE, related_name="regole_selezione", verbose_name=_("bando")
    )
    modalita_punteggio = models.CharField(
        _("punteggio finale"), max_length=10, choices=Modalita.choices, default=Modalita.MEDIA
    )
    soglia_minima = models.DecimalField(
        _("punteggio minimo per l'idoneità"),
        max_digits=6,
        decimal_places=2,
        default=0,
        help_text=_("Sotto questa soglia la candidatura non è idonea (con preavviso di rigetto)."),
    )
    criterio_spareggio = models.ForeignKey(
        CriterioValutazione,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("criterio di spareggio"),
        help_text=_("A parità di punteggio precede chi ha più punti in questo criterio, poi chi ha presentato prima."),
    )
    finanziamento_parziale = models.BooleanField(
        _("finanziamento parziale dell'ultima candidatura"),
        default=True,
        help_text=_(
            "Se le risorse residue non coprono l'intero contributo, l'ultima candidatura finanziabile riceve il "
            "residuo (se almeno pari al contributo minimo del bando)."
        ),
    )
    giorni_integrazioni = models.PositiveSmallIntegerField(
        _("giorni per le integrazioni"), default=10, help_text=_("Termine proposto per il soccorso istruttorio.")
    )

    class Meta:
        verbose_name = _("regole di selezione")
        verbose_name_plural = _("regole di selezione")
        constraints = [models.CheckConstraint(condition=Q(soglia_minima__gte=0), name="regole_soglia_positive")]

    def __str__(self):
        return str(self.bando)

    def save(self, *args, **kwargs):
        from django.core.exceptions import ValidationError

        if self.is_frozen():
            stored = RegoleSelezione.objects.filter(pk=self.pk).first() if self.pk else None
            before = (stored or RegoleSelezione(bando=self.bando)).rules()
            if before != self.rules():
                raise ValidationError(
                    _("Le candidature sono aperte: le regole di selezione non si possono più cambiare."),
                    code="frozen",
                )
        super().save(*args, **kwargs)

    def is_frozen(self, now=None) -> bool:
        bando = self.bando
        return bando.is_published and (now or timezone.now()) >= bando.apertura

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.criterio_spareggio_id and self.criterio_spareggio.bando_id != self.bando_id:
            raise ValidationError({"criterio_spareggio": _("Il criterio deve essere di questo bando.")})

    def rules(self) -> tuple:
        return (
            self.modalita_punteggio,
            Decimal(str(self.soglia_minima)),
            self.criterio_spareggio_id,
            self.finanziamento_parziale,
        )


class Graduatoria(models.Model):
    class Stato(models.TextChoices):
        PROVVISORIA = "provvisoria", _("Provvisoria")
        APPROVATA = "approvata", _("Approvata")
        PUBBLICATA = "pubblicata", _("Pubblicata")

    bando = models.OneToOneField(Bando, on_delete=models.PROTECT, related_name="graduatoria", verbose_name=_("bando"))
    stato = models.CharField(_("stato"), max_length=20, choices=Stato.choices, default=Stato.PROVVISORIA)
    budget = models.DecimalField(_("dotazione ripartita (EUR)"), max_digits=12, decimal_places=2)
    calcolata_il = models.DateTimeField(_("calcolata il"))
    calcolata_da = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("calcolata da")
    )
    determina_numero = models.CharField(_("numero della determina dirigenziale"), max_length=40, blank=True, default="")
    determina_data = models.DateField(_("data della determina"), null=True, blank=True)
    approvata_il = models.DateTimeField(_("approvata il"), null=True, blank=True)
    approvata_da = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approvata da"),
    )
    pubblicata_il = models.DateTimeField(_("pubblicata il"), null=True, blank=True)

    class Meta:
        verbose_name = _("graduatoria")
        verbose_name_plural = _("graduatorie")
        ordering = ["-calcolata_il"]
        constraints = [
            models.CheckConstraint(
                condition=Q(stato="provvisoria")
                | ~Q(determina_numero="") & Q(determina_data__isnull=False, approvata_il__isnull=False),
                name="graduatoria_approved_has_determina",
            ),
            models.CheckConstraint(
                condition=~Q(stato="pubblicata") | Q(pubblicata_il__isnull=False), name="graduatoria_published_date"
            ),
        ]

    def __str__(self):
        return str(_("Graduatoria — %(bando)s") % {"bando": self.bando})

    @property
    def is_published(self) -> bool:
        return self.stato == self.Stato.PUBBLICATA


class PosizioneQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related("candidatura__ente", "candidatura__concessione").order_by(
            models.F("posizione").asc(nulls_last=True), "-punteggio", "candidatura__numero_protocollo"
        )


class PosizioneGraduatoria(models.Model):
    class Esito(models.TextChoices):
        FINANZIATA = "finanziata", _("Finanziata")
        FINANZIATA_PARZIALMENTE = "finanziata_parzialmente", _("Finanziata parzialmente")
        IDONEA_NON_FINANZIATA = "idonea_non_finanziata", _("Idonea non finanziata")
        NON_IDONEA = "non_idonea", _("Non idonea")

    graduatoria = models.ForeignKey(
        Graduatoria, on_delete=models.CASCADE, related_name="posizioni", verbose_name=_("graduatoria")
    )
    candidatura = models.ForeignKey(
        Candidatura, on_delete=models.PROTECT, related_name="posizioni_graduatoria", verbose_name=_("candidatura")
    )
    posizione = models.PositiveIntegerField(_("posizione"), null=True, blank=True, help_text=_("Vuota se non idonea."))
    punteggio = models.DecimalField(_("punteggio"), max_digits=7, decimal_places=2)
    punteggi_criteri = models.JSONField(_("punteggi per criterio"), default=dict)
    esito = models.CharField(_("esito"), max_length=30, choices=Esito.choices)
    importo_concesso = models.DecimalField(
        _("contributo concesso (EUR)"), max_digits=10, decimal_places=2, null=True, blank=True
    )

    objects = PosizioneQuerySet.as_manager()

    class Meta:
        verbose_name = _("posizione in graduatoria")
        verbose_name_plural = _("posizioni in graduatoria")
        ordering = ["graduatoria", "posizione"]
        constraints = [
            models.UniqueConstraint(fields=["graduatoria", "candidatura"], name="posizione_unique_candidatura"),
            models.UniqueConstraint(fields=["graduatoria", "posizione"], name="posizione_unique_rank"),
            models.CheckConstraint(
                condition=Q(esito__in=["finanziata", "finanziata_parzialmente"], importo_concesso__gt=0)
                | Q(~Q(esito__in=["finanziata", "finanziata_parzialmente"]), importo_concesso__isnull=True),
                name="posizione_funded_has_amount",
            ),
            models.CheckConstraint(
                condition=Q(esito="non_idonea", posizione__isnull=True)
                | ~Q(esito="non_idonea") & Q(posizione__isnull=False),
                name="posizione_rank_iff_eligible",
            ),
        ]

    def __str__(self):
        return f"{self.posizione or '—'}. {self.candidatura}"

    def punti_criterio(self, criterio) -> Decimal | None:
        value = self.punteggi_criteri.get(criterio.codice)
        return None if value is None else Decimal(value)

    @property
    def is_funded(self) -> bool:
        return self.esito in (self.Esito.FINANZIATA, self.Esito.FINANZIATA_PARZIALMENTE)
