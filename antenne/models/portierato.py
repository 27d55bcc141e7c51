"""Portierato di quartiere: a citizen asks an antenna for a small service."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from antenne.models.territorio import Antenna, Servizio


class RichiestaPortieratoQuerySet(models.QuerySet):
    def gestite_da(self, user):
        """Requests this person manages: as the antenna's account, or as its operator."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(Q(antenna__account=user) | Q(antenna__operatore__user=user))

    def of_richiedente(self, user):
        return self.filter(richiedente=user) if user.is_authenticated else self.none()


class RichiestaPortierato(models.Model):
    class Stato(models.TextChoices):
        RICHIESTA = "richiesta", _("Richiesta")
        ACCETTATA = "accettata", _("Accettata")
        SVOLTA = "svolta", _("Svolta")
        RIFIUTATA = "rifiutata", _("Rifiutata")
        ANNULLATA = "annullata", _("Annullata")

    antenna = models.ForeignKey(
        Antenna, on_delete=models.PROTECT, related_name="richieste_portierato", verbose_name=_("antenna")
    )
    richiedente = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="richieste_portierato",
        verbose_name=_("richiedente"),
    )
    servizio = models.CharField(_("servizio"), max_length=30, choices=Servizio.choices)
    descrizione = models.TextField(_("cosa ti serve"), max_length=1000)
    telefono = models.CharField(
        _("telefono"),
        max_length=30,
        blank=True,
        help_text=_(
            "Facoltativo. Chi gestisce l'antenna vede il tuo nome, la tua e-mail e questo numero "
            "finché la richiesta è aperta, per mettersi d'accordo con te."
        ),
    )
    stato = models.CharField(_("stato"), max_length=10, choices=Stato.choices, default=Stato.RICHIESTA)
    voto = models.PositiveSmallIntegerField(
        _("valutazione"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    commento = models.TextField(_("commento"), blank=True, max_length=1000)
    creata_il = models.DateTimeField(_("creata il"), auto_now_add=True)
    aggiornata_il = models.DateTimeField(_("aggiornata il"), auto_now=True)

    objects = RichiestaPortieratoQuerySet.as_manager()

    class Meta:
        verbose_name = _("richiesta di portierato")
        verbose_name_plural = _("richieste di portierato")
        ordering = ["-creata_il", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(voto__isnull=True) | Q(voto__range=(1, 5), stato="svolta"),
                name="portierato_feedback_only_when_done",
            ),
            # One effect per click: the same request sent twice while waiting is one request.
            models.UniqueConstraint(
                fields=["antenna", "richiedente", "servizio", "descrizione"],
                condition=Q(stato="richiesta"),
                name="portierato_one_pending_request",
                violation_error_message=_("Hai già inviato questa richiesta: l'antenna ti risponderà."),
            ),
        ]

    def __str__(self):
        return f"{self.get_servizio_display()} — {self.antenna}"
