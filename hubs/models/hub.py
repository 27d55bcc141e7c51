"""A HUB, its weekly opening hours and its dated closures or exceptional hours."""

import datetime

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from costellazioni.uploads import IMMAGINI, PrivateFileField
from hubs.models.servizi import Servizio


class Giorno(models.IntegerChoices):
    LUNEDI = 0, _("lunedì")
    MARTEDI = 1, _("martedì")
    MERCOLEDI = 2, _("mercoledì")
    GIOVEDI = 3, _("giovedì")
    VENERDI = 4, _("venerdì")
    SABATO = 5, _("sabato")
    DOMENICA = 6, _("domenica")


class HubQuerySet(models.QuerySet):
    def published(self):
        return self.filter(pubblicato=True)

    def for_list(self):
        """What the list and the map show, in a fixed number of queries whatever the number of HUBs."""
        return self.select_related("quartiere", "ente_gestore").prefetch_related(
            "orari",
            models.Prefetch("servizi", queryset=Servizio.objects.active().order_by("nome")),
            models.Prefetch("chiusure", queryset=Chiusura.objects.current()),
        )

    def for_open_data(self):
        """The open dataset: published HUBs with their active services, in two queries whatever their number."""
        return (
            self.published()
            .select_related("quartiere__municipalita", "ente_gestore")
            .prefetch_related(models.Prefetch("servizi", queryset=Servizio.objects.active().order_by("nome")))
            .order_by("nome", "pk")
        )

    def with_category(self, categoria):
        return self.filter(servizi__categoria=categoria, servizi__attivo=True).distinct()

    def with_audience(self, destinatari):
        audiences = [destinatari, Servizio.Destinatari.TUTTI]
        return self.filter(servizi__destinatari__in=audiences, servizi__attivo=True).distinct()


class Hub(models.Model):
    """A place where ETS, the municipality and citizens meet, and where projects get support."""

    nome = models.CharField(_("nome"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=150, unique=True)
    descrizione = models.TextField(_("descrizione"))
    indirizzo = models.CharField(_("indirizzo"), max_length=200)
    cap = models.CharField(_("CAP"), max_length=5, blank=True, default="")
    quartiere = models.ForeignKey(
        "costellazioni.Quartiere", on_delete=models.PROTECT, related_name="hubs", verbose_name=_("quartiere")
    )
    latitudine = models.DecimalField(_("latitudine"), max_digits=8, decimal_places=5)
    longitudine = models.DecimalField(_("longitudine"), max_digits=8, decimal_places=5)
    ente_gestore = models.ForeignKey(
        "costellazioni.Ente", on_delete=models.PROTECT, related_name="hubs_gestiti", verbose_name=_("ente gestore")
    )
    email = models.EmailField(_("e-mail"), blank=True, default="")
    telefono = models.CharField(_("telefono"), max_length=30, blank=True, default="")
    foto = PrivateFileField(_("foto"), upload_to="hubs/", blank=True, storage=default_storage, allowed=IMMAGINI)
    foto_alt = models.CharField(
        _("testo alternativo della foto"),
        max_length=250,
        blank=True,
        default="",
        help_text=_("Descrive la foto a chi non la vede. Obbligatorio se c'è una foto."),
    )
    accesso_senza_barriere = models.BooleanField(
        _("accesso senza barriere"), default=False, help_text=_("Ingresso e spazi comuni raggiungibili senza gradini.")
    )
    accessibilita = models.TextField(
        _("informazioni sull'accessibilità"),
        blank=True,
        default="",
        help_text=_("Ingresso, ascensori, servizi igienici, fermate vicine, ausili disponibili."),
    )
    referenti = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="hubs_seguiti",
        verbose_name=_("referenti dello staff"),
        help_text=_(
            "Chi riceve l'avviso delle nuove richieste di prenotazione e di appuntamento di questo HUB. "
            "Se vuoto, lo ricevono tutte le persone dello staff che gestiscono gli HUB."
        ),
    )
    pubblicato = models.BooleanField(_("pubblicato"), default=True)
    creato_il = models.DateTimeField(_("creato il"), auto_now_add=True)
    aggiornato_il = models.DateTimeField(_("aggiornato il"), auto_now=True)

    objects = HubQuerySet.as_manager()

    class Meta:
        verbose_name = _("HUB")
        verbose_name_plural = _("HUB")
        ordering = ["nome"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitudine__range=(45.0, 46.0), longitudine__range=(11.8, 12.8)),
                name="hub_coordinates_in_venice_area",
                violation_error_message=_("Le coordinate devono cadere nel territorio di Venezia."),
            ),
            models.CheckConstraint(
                condition=models.Q(foto="") | ~models.Q(foto_alt=""),
                name="hub_photo_has_alt_text",
                violation_error_message=_("Scrivi il testo alternativo della foto."),
            ),
        ]

    def __str__(self):
        return self.nome

    def get_absolute_url(self):
        return reverse("hubs:detail", args=[self.slug])

    def download_url(self, field_name):
        """The public photo, served by ``hubs.views.hub_foto`` (checked JPEG or PNG, never a page)."""
        return reverse("hubs:foto", args=[self.slug])

    # Opening hours. They read ``orari`` and ``chiusure``: prefetch them (``for_list``) for lists.

    def closure_on(self, day: datetime.date):
        return next((c for c in self.chiusure.all() if c.data_inizio <= day <= c.data_fine), None)

    def hours_on(self, day: datetime.date) -> list[tuple[datetime.time, datetime.time]]:
        """The opening intervals of ``day``: the weekly slots, unless a closure or exception replaces them."""
        closure = self.closure_on(day)
        if closure is not None:
            if closure.apertura and closure.chiusura:
                return [(closure.apertura, closure.chiusura)]
            return []
        return sorted((o.apertura, o.chiusura) for o in self.orari.all() if o.giorno == day.weekday())

    def is_open_at(self, moment: datetime.datetime) -> bool:
        local = timezone.localtime(moment)
        return any(start <= local.time() < end for start, end in self.hours_on(local.date()))

    def is_open_now(self) -> bool:
        return self.is_open_at(timezone.now())

    def covers(self, inizio: datetime.datetime, fine: datetime.datetime) -> bool:
        """True when the HUB is open for the whole of [inizio, fine), which lies within one day."""
        start, end = timezone.localtime(inizio), timezone.localtime(fine)
        if start.date() != end.date() and end.time() != datetime.time(0):
            return False
        return any(
            a <= start.time() and (end.time() <= b or (end.time() == datetime.time(0) and b == datetime.time(0)))
            for a, b in self.hours_on(start.date())
        )

    def weekly_hours(self) -> list[tuple[str, list]]:
        """[(day name, [(apertura, chiusura), …]), …] from Monday to Sunday."""
        by_day = {g: [] for g in Giorno.values}
        for orario in sorted(self.orari.all(), key=lambda o: (o.giorno, o.apertura)):
            by_day[orario.giorno].append((orario.apertura, orario.chiusura))
        return [(Giorno(g).label, by_day[g]) for g in Giorno.values]

    def today(self) -> list:
        return self.hours_on(timezone.localdate())


class OrarioSettimanale(models.Model):
    """One opening interval on a day of the week; a day may have several (morning and afternoon)."""

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="orari", verbose_name=_("HUB"))
    giorno = models.PositiveSmallIntegerField(_("giorno"), choices=Giorno.choices)
    apertura = models.TimeField(_("apertura"))
    chiusura = models.TimeField(_("chiusura"))

    class Meta:
        verbose_name = _("orario settimanale")
        verbose_name_plural = _("orari settimanali")
        ordering = ["hub", "giorno", "apertura"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(chiusura__gt=models.F("apertura")),
                name="orario_closes_after_opening",
                violation_error_message=_("L'orario di chiusura deve seguire quello di apertura."),
            ),
        ]

    def __str__(self):
        return f"{self.get_giorno_display()} {self.apertura:%H:%M}–{self.chiusura:%H:%M}"


class ChiusuraQuerySet(models.QuerySet):
    def current(self):
        return self.filter(data_fine__gte=timezone.localdate()).order_by("data_inizio")


class Chiusura(models.Model):
    """Dates on which the weekly hours do not hold: closed, or open only at the hours given."""

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="chiusure", verbose_name=_("HUB"))
    data_inizio = models.DateField(_("dal"))
    data_fine = models.DateField(_("al"))
    motivo = models.CharField(_("motivo"), max_length=200)
    apertura = models.TimeField(
        _("apertura straordinaria"), null=True, blank=True, help_text=_("Vuoto se l'HUB resta chiuso.")
    )
    chiusura = models.TimeField(_("chiusura straordinaria"), null=True, blank=True)

    objects = ChiusuraQuerySet.as_manager()

    class Meta:
        verbose_name = _("chiusura o orario straordinario")
        verbose_name_plural = _("chiusure e orari straordinari")
        ordering = ["hub", "data_inizio"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(data_fine__gte=models.F("data_inizio")),
                name="chiusura_ends_after_start",
                violation_error_message=_("La data finale non può precedere quella iniziale."),
            ),
            models.CheckConstraint(
                condition=models.Q(apertura__isnull=True, chiusura__isnull=True)
                | models.Q(apertura__isnull=False, chiusura__isnull=False, chiusura__gt=models.F("apertura")),
                name="chiusura_exception_hours_complete",
                violation_error_message=_("Indica sia l'apertura sia la chiusura straordinaria, nell'ordine."),
            ),
        ]

    def __str__(self):
        return f"{self.hub}: {self.motivo}"
