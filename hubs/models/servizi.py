"""What a HUB offers: services (with their modello Comuni page) and rooms that can be booked."""

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from costellazioni.argomenti import ARGOMENTI


class ServizioQuerySet(models.QuerySet):
    def active(self):
        return self.filter(attivo=True)

    def in_catalogue(self):
        """The services the public catalogue lists: active, of a published HUB."""
        return self.active().filter(hub__pubblicato=True).select_related("hub").order_by("nome", "hub__nome")


class Servizio(models.Model):
    """A service offered at a HUB, run by the HUB's manager or by a local organisation."""

    class Categoria(models.TextChoices):
        SPORTELLO_PROGETTI = "sportello_progetti", _("Sportello progetti")
        ORIENTAMENTO = "orientamento", _("Orientamento ai servizi")
        PROGETTAZIONE = "progettazione", _("Accompagnamento alla progettazione")
        FORMAZIONE = "formazione", _("Formazione")
        SPAZIO_ATTIVITA = "spazio_attivita", _("Spazio per attività di organizzazioni")
        ALTRO = "altro", _("Altro")

    class Destinatari(models.TextChoices):
        ETS = "ets", _("Enti del Terzo settore")
        CITTADINI = "cittadini", _("Cittadini")
        TUTTI = "tutti", _("Tutti")

    class Accesso(models.TextChoices):
        APPUNTAMENTO = "appuntamento", _("Su appuntamento")
        PRENOTAZIONE_SPAZIO = "prenotazione_spazio", _("Prenotando uno spazio")
        LIBERO = "libero", _("Accesso libero negli orari di apertura")

    hub = models.ForeignKey("hubs.Hub", on_delete=models.CASCADE, related_name="servizi", verbose_name=_("HUB"))
    nome = models.CharField(_("nome"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=150)
    categoria = models.CharField(_("categoria"), max_length=30, choices=Categoria.choices)
    destinatari = models.CharField(_("destinatari"), max_length=20, choices=Destinatari.choices)
    descrizione = models.TextField(_("descrizione breve"))
    a_chi_e_rivolto = models.TextField(_("a chi è rivolto"))
    come_fare = models.TextField(_("come fare"))
    cosa_serve = models.TextField(_("cosa serve"), blank=True, default="")
    cosa_si_ottiene = models.TextField(_("cosa si ottiene"), blank=True, default="")
    tempi_e_scadenze = models.TextField(_("tempi e scadenze"), blank=True, default="")
    condizioni = models.TextField(_("condizioni di servizio"), blank=True, default="")
    accesso = models.CharField(_("modalità di accesso"), max_length=30, choices=Accesso.choices)
    ente_erogatore = models.ForeignKey(
        "costellazioni.Ente",
        on_delete=models.PROTECT,
        related_name="servizi_hub",
        verbose_name=_("ente che eroga il servizio"),
        help_text=_("Il gestore dell'HUB o un'organizzazione del territorio."),
    )
    ufficio_responsabile = models.CharField(_("ufficio responsabile"), max_length=200, blank=True, default="")
    argomenti = ArrayField(
        models.CharField(max_length=60, choices=ARGOMENTI),
        verbose_name=_("argomenti"),
        blank=True,
        default=list,
        help_text=_("Dal vocabolario degli argomenti del modello nazionale dei siti comunali."),
    )
    email = models.EmailField(_("e-mail di contatto"), blank=True, default="")
    telefono = models.CharField(_("telefono di contatto"), max_length=30, blank=True, default="")
    attivo = models.BooleanField(_("attivo"), default=True)

    objects = ServizioQuerySet.as_manager()

    class Meta:
        verbose_name = _("servizio")
        verbose_name_plural = _("servizi")
        ordering = ["hub", "nome"]
        constraints = [models.UniqueConstraint(fields=["hub", "slug"], name="servizio_slug_unique_per_hub")]

    def __str__(self):
        return f"{self.nome} ({self.hub})"

    def get_absolute_url(self):
        return reverse("hubs:servizio", args=[self.hub.slug, self.slug])

    def argomenti_labels(self):
        labels = dict(ARGOMENTI)
        return [labels.get(argomento, argomento) for argomento in self.argomenti]


class Spazio(models.Model):
    """A room of a HUB, bookable or not, with its booking rules."""

    hub = models.ForeignKey("hubs.Hub", on_delete=models.CASCADE, related_name="spazi", verbose_name=_("HUB"))
    nome = models.CharField(_("nome"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=150)
    descrizione = models.TextField(_("descrizione"), blank=True, default="")
    capienza = models.PositiveSmallIntegerField(_("capienza"), help_text=_("Numero massimo di persone."))
    attrezzature = models.TextField(_("attrezzature"), blank=True, default="")
    accessibile = models.BooleanField(_("accessibile senza barriere"), default=True)
    note_accessibilita = models.CharField(_("note sull'accessibilità"), max_length=250, blank=True, default="")
    prenotabile = models.BooleanField(_("prenotabile"), default=True)
    preavviso_minimo_ore = models.PositiveSmallIntegerField(
        _("preavviso minimo (ore)"), default=48, help_text=_("Quanto prima dell'inizio va chiesta la prenotazione.")
    )
    durata_massima_ore = models.PositiveSmallIntegerField(_("durata massima (ore)"), default=4)
    anticipo_massimo_giorni = models.PositiveSmallIntegerField(
        _("anticipo massimo (giorni)"), default=60, help_text=_("Fino a quanti giorni prima si può prenotare.")
    )

    class Meta:
        verbose_name = _("spazio")
        verbose_name_plural = _("spazi")
        ordering = ["hub", "nome"]
        constraints = [
            models.UniqueConstraint(fields=["hub", "slug"], name="spazio_slug_unique_per_hub"),
            models.CheckConstraint(condition=models.Q(capienza__gte=1), name="spazio_capacity_positive"),
            models.CheckConstraint(condition=models.Q(durata_massima_ore__gte=1), name="spazio_max_duration_positive"),
        ]

    def __str__(self):
        return f"{self.nome} ({self.hub})"

    def get_absolute_url(self):
        return reverse("hubs:prenota", args=[self.hub.slug, self.slug])
