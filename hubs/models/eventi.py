"""Public events held at a HUB: workshops, open days, presentations, managed by staff in the admin.

A governance meeting held at a HUB will be a model of the governance app with its own foreign key to
``hubs.Hub``; the HUB page lists anything with ``titolo``, ``inizio``, ``fine``, ``annullato``,
``get_absolute_url()`` and ``get_ics_url()``, so those meetings can join the list without changing this model.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EventoHubQuerySet(models.QuerySet):
    def public(self):
        return self.filter(pubblico=True, hub__pubblicato=True)

    def upcoming(self, now=None):
        """Events not yet over, cancelled ones included: people who planned to come must learn of it."""
        return self.filter(fine__gt=now or timezone.now()).order_by("inizio", "pk")

    def agenda(self, now=None):
        """The public events still to come, cancelled ones included and shown as such: the one list behind the
        home page's block and each HUB's page, so the two always agree."""
        return self.public().upcoming(now)

    def with_related(self):
        return self.select_related("hub__ente_gestore", "spazio", "ente_organizzatore")


class EventoHub(models.Model):
    """An event at a HUB that anyone may attend or register for."""

    hub = models.ForeignKey("hubs.Hub", on_delete=models.CASCADE, related_name="eventi", verbose_name=_("HUB"))
    spazio = models.ForeignKey(
        "hubs.Spazio",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="eventi",
        verbose_name=_("spazio"),
        help_text=_("La sala dell'HUB in cui si svolge, se è una sola."),
    )
    titolo = models.CharField(_("titolo"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200)
    descrizione = models.TextField(_("descrizione"))
    inizio = models.DateTimeField(_("inizio"))
    fine = models.DateTimeField(_("fine"))
    ente_organizzatore = models.ForeignKey(
        "costellazioni.Ente",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="eventi_hub",
        verbose_name=_("ente organizzatore"),
        help_text=_("Vuoto se lo organizza il gestore dell'HUB."),
    )
    pubblico = models.BooleanField(
        _("pubblicato sul portale"), default=True, help_text=_("Togli la spunta per un evento riservato o in bozza.")
    )
    iscrizione = models.TextField(
        _("come partecipare"),
        blank=True,
        default="",
        help_text=_("Ingresso libero, iscrizione obbligatoria, posti disponibili, costi."),
    )
    link_iscrizione = models.URLField(_("link per l'iscrizione"), blank=True, default="")
    accessibilita = models.TextField(
        _("informazioni sull'accessibilità"),
        blank=True,
        default="",
        help_text=_("Interprete LIS, sottotitoli, accesso senza barriere, ausili: quello che vale per l'evento."),
    )
    annullato = models.BooleanField(
        _("annullato"), default=False, help_text=_("L'evento resta in elenco, segnalato come annullato.")
    )
    creato_il = models.DateTimeField(_("creato il"), auto_now_add=True)
    aggiornato_il = models.DateTimeField(_("aggiornato il"), auto_now=True)

    objects = EventoHubQuerySet.as_manager()

    class Meta:
        verbose_name = _("evento all'HUB")
        verbose_name_plural = _("eventi agli HUB")
        ordering = ["inizio"]
        constraints = [
            models.UniqueConstraint(fields=["hub", "slug"], name="eventohub_slug_unique_per_hub"),
            models.CheckConstraint(
                condition=models.Q(fine__gt=models.F("inizio")),
                name="eventohub_ends_after_start",
                violation_error_message=_("La fine deve seguire l'inizio."),
            ),
        ]
        indexes = [models.Index(fields=["hub", "inizio"])]

    def __str__(self):
        return f"{self.titolo} ({timezone.localtime(self.inizio):%d/%m/%Y})"

    def get_absolute_url(self):
        return reverse("hubs:evento", args=[self.hub.slug, self.slug])

    def clean(self):
        if self.spazio_id and self.hub_id and self.spazio.hub_id != self.hub_id:
            raise ValidationError({"spazio": _("Scegli uno spazio di questo HUB.")})

    def get_ics_url(self):
        return reverse("hubs:evento_ics", args=[self.hub.slug, self.slug])

    @property
    def organizzatore(self):
        return self.ente_organizzatore or self.hub.ente_gestore
