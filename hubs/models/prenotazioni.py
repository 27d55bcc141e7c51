"""Bookings of spaces, sportello appointments and the log of connections the HUB brokered."""

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateTimeRangeField, RangeOperators
from django.db import models
from django.db.models import Func, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TsTzRange(Func):
    function = "TSTZRANGE"
    output_field = DateTimeRangeField()


class PrenotazioneQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Staff see every booking; a person sees the ones they asked for."""
        from hubs.permissions import is_hub_staff

        if is_hub_staff(user):
            return self
        if not user.is_authenticated:
            return self.none()
        return self.filter(richiedente=user)

    def confirmed(self):
        return self.filter(stato=Prenotazione.Stato.CONFERMATA)

    def pending(self):
        return self.filter(stato=Prenotazione.Stato.RICHIESTA)

    def upcoming(self, *, now=None):
        return self.filter(fine__gt=now or timezone.now())

    def in_corso(self, *, now=None):
        """Asked for or confirmed, and not yet over: what the area personale counts."""
        return self.filter(stato__in=[Prenotazione.Stato.RICHIESTA, Prenotazione.Stato.CONFERMATA]).upcoming(now=now)

    def overlapping(self, *, inizio, fine):
        return self.filter(inizio__lt=fine, fine__gt=inizio)

    def with_related(self):
        return self.select_related("spazio__hub", "richiedente", "ente")


class Prenotazione(models.Model):
    """A request to use a space for a slot; confirmed bookings of a space never overlap (database rule)."""

    class Stato(models.TextChoices):
        RICHIESTA = "richiesta", _("Richiesta")
        CONFERMATA = "confermata", _("Confermata")
        RIFIUTATA = "rifiutata", _("Rifiutata")
        ANNULLATA = "annullata", _("Annullata")

    spazio = models.ForeignKey(
        "hubs.Spazio", on_delete=models.PROTECT, related_name="prenotazioni", verbose_name=_("spazio")
    )
    richiedente = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="prenotazioni", verbose_name=_("richiedente")
    )
    ente = models.ForeignKey(
        "costellazioni.Ente",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="prenotazioni",
        verbose_name=_("per conto dell'ente"),
        help_text=_("Vuoto se prenota un cittadino a titolo personale."),
    )
    inizio = models.DateTimeField(_("inizio"))
    fine = models.DateTimeField(_("fine"))
    scopo = models.CharField(_("attività prevista"), max_length=300)
    partecipanti = models.PositiveSmallIntegerField(_("partecipanti previsti"))
    stato = models.CharField(_("stato"), max_length=20, choices=Stato.choices, default=Stato.RICHIESTA)
    motivazione = models.TextField(
        _("motivazione"), blank=True, default="", help_text=_("Del rifiuto o dell'annullamento.")
    )
    creata_il = models.DateTimeField(_("creata il"), auto_now_add=True)
    aggiornata_il = models.DateTimeField(_("aggiornata il"), auto_now=True)

    objects = PrenotazioneQuerySet.as_manager()

    class Meta:
        verbose_name = _("prenotazione")
        verbose_name_plural = _("prenotazioni")
        ordering = ["inizio"]
        constraints = [
            models.CheckConstraint(
                condition=Q(fine__gt=models.F("inizio")),
                name="prenotazione_ends_after_start",
                violation_error_message=_("La fine deve seguire l'inizio."),
            ),
            models.CheckConstraint(condition=Q(partecipanti__gte=1), name="prenotazione_attendees_positive"),
            ExclusionConstraint(
                name="prenotazione_no_double_booking",
                expressions=[
                    (TsTzRange("inizio", "fine", models.Value("[)")), RangeOperators.OVERLAPS),
                    ("spazio", RangeOperators.EQUAL),
                ],
                condition=Q(stato="confermata"),
                violation_error_message=_("Lo spazio è già prenotato in questo orario."),
            ),
            # One effect per click: the same request sent twice (a double click, a retried POST) is one booking.
            models.UniqueConstraint(
                fields=["richiedente", "spazio", "inizio", "fine"],
                condition=Q(stato="richiesta"),
                name="prenotazione_one_pending_request",
                violation_error_message=_("Hai già chiesto questo spazio in questo orario."),
            ),
        ]
        indexes = [models.Index(fields=["stato", "inizio"])]

    def __str__(self):
        start = timezone.localtime(self.inizio)
        return f"{self.spazio.nome}, {start:%d/%m/%Y %H:%M}"

    def get_absolute_url(self):
        return reverse("hubs_area_personale:lista")


class AppuntamentoQuerySet(models.QuerySet):
    def visible_to(self, user):
        from hubs.permissions import is_hub_staff

        if is_hub_staff(user):
            return self
        if not user.is_authenticated:
            return self.none()
        return self.filter(richiedente=user)

    def in_corso(self, *, now=None):
        """Asked for and waiting for a slot, or fixed and not yet over: what the area personale counts."""
        return self.filter(
            Q(stato=Appuntamento.Stato.RICHIESTO) | Q(stato=Appuntamento.Stato.FISSATO, fine__gt=now or timezone.now())
        )

    def with_related(self):
        return self.select_related("servizio__hub", "richiedente", "ente", "operatore")


class Appuntamento(models.Model):
    """An organisation asks the sportello progetti for support; staff fix a slot and record the outcome."""

    class Stato(models.TextChoices):
        RICHIESTO = "richiesto", _("Richiesto")
        FISSATO = "fissato", _("Fissato")
        SVOLTO = "svolto", _("Svolto")
        ANNULLATO = "annullato", _("Annullato")

    servizio = models.ForeignKey(
        "hubs.Servizio", on_delete=models.PROTECT, related_name="appuntamenti", verbose_name=_("servizio")
    )
    richiedente = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="appuntamenti", verbose_name=_("richiedente")
    )
    ente = models.ForeignKey(
        "costellazioni.Ente",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appuntamenti_hub",
        verbose_name=_("ente"),
    )
    tema = models.CharField(_("tema"), max_length=200)
    descrizione = models.TextField(_("di cosa avete bisogno"), blank=True, default="")
    disponibilita = models.TextField(
        _("disponibilità preferite"), help_text=_("Giorni e fasce orarie in cui potete venire.")
    )
    stato = models.CharField(_("stato"), max_length=20, choices=Stato.choices, default=Stato.RICHIESTO)
    inizio = models.DateTimeField(_("inizio fissato"), null=True, blank=True)
    fine = models.DateTimeField(_("fine fissata"), null=True, blank=True)
    operatore = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="appuntamenti_seguiti",
        verbose_name=_("operatore"),
    )
    esito = models.TextField(_("esito"), blank=True, default="")
    seguiti = models.TextField(_("passi successivi"), blank=True, default="")
    motivazione = models.TextField(_("motivazione dell'annullamento"), blank=True, default="")
    creato_il = models.DateTimeField(_("creato il"), auto_now_add=True)
    aggiornato_il = models.DateTimeField(_("aggiornato il"), auto_now=True)

    objects = AppuntamentoQuerySet.as_manager()

    class Meta:
        verbose_name = _("appuntamento")
        verbose_name_plural = _("appuntamenti")
        ordering = ["-creato_il"]
        constraints = [
            models.CheckConstraint(
                condition=Q(stato__in=["richiesto", "annullato"])
                | Q(inizio__isnull=False, fine__isnull=False, fine__gt=models.F("inizio")),
                name="appuntamento_fixed_has_slot",
                violation_error_message=_("Un appuntamento fissato ha un inizio e una fine."),
            ),
            models.CheckConstraint(
                condition=~Q(stato="svolto") | ~Q(esito=""),
                name="appuntamento_done_has_outcome",
                violation_error_message=_("Scrivi l'esito dell'appuntamento."),
            ),
            # One effect per click: the same request sent twice is one appointment.
            models.UniqueConstraint(
                fields=["richiedente", "servizio", "tema"],
                condition=Q(stato="richiesto"),
                name="appuntamento_one_pending_request",
                violation_error_message=_("Hai già chiesto un appuntamento su questo tema."),
            ),
        ]

    def __str__(self):
        return f"{self.tema} ({self.servizio.hub})"

    def get_absolute_url(self):
        return reverse("hubs_area_personale:lista")


class Connessione(models.Model):
    """A collaborative relationship between two organisations that the HUB brokered."""

    class Esito(models.TextChoices):
        IN_CORSO = "in_corso", _("In corso")
        COLLABORAZIONE_AVVIATA = "avviata", _("Collaborazione avviata")
        PROGETTO_COMUNE = "progetto", _("Progetto comune presentato")
        NON_PROSEGUITA = "non_proseguita", _("Non proseguita")

    hub = models.ForeignKey("hubs.Hub", on_delete=models.PROTECT, related_name="connessioni", verbose_name=_("HUB"))
    ente_a = models.ForeignKey(
        "costellazioni.Ente", on_delete=models.PROTECT, related_name="+", verbose_name=_("primo ente")
    )
    ente_b = models.ForeignKey(
        "costellazioni.Ente", on_delete=models.PROTECT, related_name="+", verbose_name=_("secondo ente")
    )
    scopo = models.CharField(_("scopo"), max_length=300)
    data = models.DateField(_("data"))
    esito = models.CharField(_("esito"), max_length=20, choices=Esito.choices, default=Esito.IN_CORSO)
    note = models.TextField(_("note"), blank=True, default="")
    registrata_da = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registrata da"),
    )
    creata_il = models.DateTimeField(_("creata il"), auto_now_add=True)

    class Meta:
        verbose_name = _("connessione")
        verbose_name_plural = _("connessioni")
        ordering = ["-data"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(ente_a=models.F("ente_b")),
                name="connessione_between_two_enti",
                violation_error_message=_("Una connessione lega due enti diversi."),
            ),
        ]

    def __str__(self):
        return f"{self.ente_a} ↔ {self.ente_b}"
