"""What decisions become: action items followed across meetings, and the committee's expected results."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from governance.models.verbali import Decisione


class AzioneQuerySet(models.QuerySet):
    def aperte(self):
        return self.filter(stato__in=[Azione.Stato.APERTA, Azione.Stato.IN_CORSO])

    def scadute(self, *, oggi=None):
        return self.aperte().filter(scadenza__lt=oggi or timezone.localdate())

    def of_organo(self, organo):
        return self.filter(decisione__punto__riunione__organo=organo)

    def da_verificare_in(self, riunione):
        """The open action items of the body decided before this meeting: carried over until they close."""
        return (
            self.aperte()
            .of_organo(riunione.organo)
            .filter(decisione__punto__riunione__inizio__lt=riunione.inizio)
            .select_related("responsabile", "ente_responsabile", "decisione__punto__riunione")
            .order_by("scadenza", "pk")
        )


class Azione(models.Model):
    """An action item that a decision created: who does what by when."""

    class Stato(models.TextChoices):
        APERTA = "aperta", _("Da avviare")
        IN_CORSO = "in_corso", _("In corso")
        COMPLETATA = "completata", _("Completata")
        ANNULLATA = "annullata", _("Annullata")

    decisione = models.ForeignKey(
        Decisione, on_delete=models.PROTECT, related_name="azioni", verbose_name=_("decisione")
    )
    descrizione = models.TextField(_("cosa fare"), max_length=2000)
    responsabile = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="azioni_governance",
        verbose_name=_("responsabile"),
    )
    ente_responsabile = models.ForeignKey(
        "costellazioni.Ente",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="azioni_governance",
        verbose_name=_("ente responsabile"),
    )
    scadenza = models.DateField(_("scadenza"))
    stato = models.CharField(_("stato"), max_length=12, choices=Stato.choices, default=Stato.APERTA)
    chiusa_il = models.DateTimeField(_("chiusa il"), null=True, blank=True)
    creata_il = models.DateTimeField(_("creata il"), auto_now_add=True)

    objects = AzioneQuerySet.as_manager()

    class Meta:
        verbose_name = _("azione da svolgere")
        verbose_name_plural = _("azioni da svolgere")
        ordering = ["scadenza", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(responsabile__isnull=False) | Q(ente_responsabile__isnull=False),
                name="azione_ha_un_responsabile",
            ),
            models.CheckConstraint(
                condition=Q(stato__in=["completata", "annullata"], chiusa_il__isnull=False)
                | Q(stato__in=["aperta", "in_corso"], chiusa_il__isnull=True),
                name="azione_chiusura_coerente",
            ),
        ]

    def __str__(self):
        return self.descrizione[:80]

    @property
    def scaduta(self):
        return self.stato in (self.Stato.APERTA, self.Stato.IN_CORSO) and self.scadenza < timezone.localdate()


class AggiornamentoAzione(models.Model):
    """A follow-up of an action item, usually recorded at a later meeting of the body."""

    azione = models.ForeignKey(Azione, on_delete=models.CASCADE, related_name="aggiornamenti", verbose_name=_("azione"))
    riunione = models.ForeignKey(
        "governance.Riunione",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="aggiornamenti_azioni",
        verbose_name=_("riunione"),
    )
    nota = models.TextField(_("aggiornamento"), max_length=2000)
    stato = models.CharField(_("stato dopo l'aggiornamento"), max_length=12, choices=Azione.Stato.choices)
    autore = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("autore")
    )
    creato_il = models.DateTimeField(_("creato il"), auto_now_add=True)

    class Meta:
        verbose_name = _("aggiornamento di un'azione")
        verbose_name_plural = _("aggiornamenti delle azioni")
        ordering = ["azione", "creato_il", "pk"]

    def __str__(self):
        return self.nota[:80]


class RisultatoAtteso(models.Model):
    """An expected result the management committee drew from a decision, with its target and indicator."""

    class Stato(models.TextChoices):
        PREVISTO = "previsto", _("Previsto")
        IN_CORSO = "in_corso", _("In corso")
        RAGGIUNTO = "raggiunto", _("Raggiunto")
        NON_RAGGIUNTO = "non_raggiunto", _("Non raggiunto")

    decisione = models.ForeignKey(
        Decisione, on_delete=models.PROTECT, related_name="risultati", verbose_name=_("decisione")
    )
    descrizione = models.CharField(_("risultato atteso"), max_length=300)
    indicatore = models.CharField(
        _("indicatore"),
        max_length=300,
        help_text=_("Come si misura: sarà collegato agli indicatori del monitoraggio."),
    )
    target = models.CharField(_("target"), max_length=100, help_text=_("Il valore da raggiungere, es. «120 persone»."))
    scadenza = models.DateField(_("entro il"), null=True, blank=True)
    stato = models.CharField(_("stato"), max_length=15, choices=Stato.choices, default=Stato.PREVISTO)
    nota_stato = models.TextField(_("nota sullo stato"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("risultato atteso")
        verbose_name_plural = _("risultati attesi")
        ordering = ["decisione", "pk"]

    def __str__(self):
        return self.descrizione
