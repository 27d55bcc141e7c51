"""Antennas, their consent records, and the community operators who follow them."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Servizio(models.TextChoices):
    """The small services an antenna offers and a citizen can ask of it (portierato di quartiere)."""

    RITIRO_PACCHI = "ritiro_pacchi", _("Ritiro pacchi")
    PICCOLE_RIPARAZIONI = "piccole_riparazioni", _("Piccole riparazioni")
    COMPAGNIA = "compagnia", _("Compagnia")
    SPESA_ANZIANI = "spesa_anziani", _("Spesa per anziani")
    INFORMAZIONI = "informazioni", _("Informazioni")
    BANCA_DEL_TEMPO = "banca_del_tempo", _("Banca del tempo")
    PORTIERATO = "portierato", _("Portierato")


class OperatoreQuerySet(models.QuerySet):
    def attivi(self):
        return self.filter(attivo=True, user__is_active=True)


class OperatoreDiComunita(models.Model):
    """An educator who animates the territory, finds antennas and logs field work from a phone."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="operatore", verbose_name=_("utente")
    )
    quartieri = models.ManyToManyField(
        "costellazioni.Quartiere", blank=True, related_name="operatori", verbose_name=_("quartieri assegnati")
    )
    coordinatore = models.BooleanField(
        _("coordinatore"), default=False, help_text=_("Vede e coordina l'attività della propria squadra.")
    )
    coordinato_da = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="squadra",
        limit_choices_to={"coordinatore": True},
        verbose_name=_("coordinato da"),
    )
    attivo = models.BooleanField(_("attivo"), default=True)

    objects = OperatoreQuerySet.as_manager()

    class Meta:
        verbose_name = _("operatore di comunità")
        verbose_name_plural = _("operatori di comunità")
        ordering = ["user__last_name", "user__first_name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(coordinato_da=models.F("pk")), name="operatore_not_coordinated_by_self"
            ),
        ]

    def __str__(self):
        return str(self.user)


class AntennaQuerySet(models.QuerySet):
    def pubbliche(self):
        """Antennas shown on the public map: active ones, in the network or not."""
        return self.filter(stato__in=[Antenna.Stato.ATTIVA, Antenna.Stato.IN_RETE])

    def con_servizio(self, servizio: str):
        return self.filter(servizi__contains=[servizio])

    def seguite_da(self, operatore):
        return self.filter(operatore=operatore)

    def for_public_list(self):
        return self.pubbliche().select_related("quartiere").order_by("quartiere__nome", "nome_pubblico", "pk")

    def for_open_data(self):
        """The open dataset: the public antennas, in one query whatever their number."""
        return self.pubbliche().select_related("quartiere__municipalita", "hub").order_by("quartiere__nome", "pk")

    def for_public_detail(self):
        return self.pubbliche().select_related("quartiere", "hub")


class Antenna(models.Model):
    """A citizen, neighbourhood shop or local group who fosters mutual aid in a quartiere."""

    class Tipo(models.TextChoices):
        CITTADINO = "cittadino", _("Cittadino o cittadina")
        NEGOZIO = "negozio", _("Negozio di vicinato")
        GRUPPO = "gruppo", _("Gruppo locale")

    class Stato(models.TextChoices):
        INDIVIDUATA = "individuata", _("Individuata")
        CONTATTATA = "contattata", _("Contattata")
        SUPPORTATA = "supportata", _("Supportata")
        ATTIVA = "attiva", _("Attiva")
        IN_RETE = "in_rete", _("In rete")
        SOSPESA = "sospesa", _("Sospesa")

    tipo = models.CharField(_("tipo"), max_length=10, choices=Tipo.choices)
    nome_pubblico = models.CharField(
        _("nome pubblico"),
        max_length=150,
        help_text=_("Per i privati cittadini viene mostrato solo con il consenso registrato."),
    )
    descrizione = models.TextField(_("descrizione"), blank=True, max_length=2000)
    quartiere = models.ForeignKey(
        "costellazioni.Quartiere", on_delete=models.PROTECT, related_name="antenne", verbose_name=_("quartiere")
    )
    indirizzo = models.CharField(
        _("indirizzo"),
        max_length=200,
        blank=True,
        help_text=_("Riservato. Per i privati cittadini non è mai pubblicato."),
    )
    latitudine = models.DecimalField(_("latitudine"), max_digits=8, decimal_places=5, null=True, blank=True)
    longitudine = models.DecimalField(_("longitudine"), max_digits=8, decimal_places=5, null=True, blank=True)
    servizi = ArrayField(
        models.CharField(max_length=30, choices=Servizio.choices),
        verbose_name=_("servizi offerti"),
        default=list,
        blank=True,
    )
    disponibilita = models.CharField(
        _("disponibilità"), max_length=300, blank=True, help_text=_("Per esempio: da lunedì a venerdì, 9-12.")
    )
    referente_nome = models.CharField(_("nome del referente"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    telefono = models.CharField(_("telefono"), max_length=30, blank=True)
    stato = models.CharField(_("stato"), max_length=12, choices=Stato.choices, default=Stato.INDIVIDUATA)
    operatore = models.ForeignKey(
        OperatoreDiComunita,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="antenne",
        verbose_name=_("operatore assegnato"),
    )
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="antenne_gestite",
        verbose_name=_("account dell'antenna"),
        help_text=_("Se l'antenna ha un account, gestisce da sé le richieste di portierato."),
    )
    hub = models.ForeignKey(
        "hubs.Hub",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="antenne",
        verbose_name=_("HUB di riferimento"),
        help_text=_("Lo HUB a cui l'antenna si appoggia e a cui indirizza le persone."),
    )
    consenso_nome = models.BooleanField(
        _("nome pubblicabile"), default=False, editable=False, help_text=_("Dall'ultimo consenso registrato.")
    )
    consenso_contatti = models.BooleanField(
        _("contatti pubblicabili"), default=False, editable=False, help_text=_("Dall'ultimo consenso registrato.")
    )
    candidatura = models.BooleanField(
        _("autocandidatura"), default=False, help_text=_("Proposta dal portale da chi vuole diventare antenna.")
    )
    chiave_idempotenza = models.UUIDField(
        _("chiave di idempotenza"),
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text=_("Generata con il modulo: un invio ripetuto viene registrato una sola volta."),
    )
    creata_il = models.DateTimeField(_("creata il"), auto_now_add=True)
    aggiornata_il = models.DateTimeField(_("aggiornata il"), auto_now=True)

    objects = AntennaQuerySet.as_manager()

    class Meta:
        verbose_name = _("antenna")
        verbose_name_plural = _("antenne")
        ordering = ["quartiere__nome", "nome_pubblico"]
        indexes = [models.Index(fields=["stato", "quartiere"], name="antenna_stato_quartiere")]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitudine__isnull=True, longitudine__isnull=True)
                | Q(latitudine__range=(45.0, 46.0), longitudine__range=(11.8, 12.8)),
                name="antenna_coordinates_pair_in_venice_area",
            ),
        ]

    def __str__(self):
        return self.nome_pubblico

    def get_absolute_url(self):
        return reverse("antenne:dettaglio", args=[self.pk])

    @property
    def is_privato(self) -> bool:
        return self.tipo == self.Tipo.CITTADINO

    @property
    def nome_mostrabile(self) -> str:
        """The name the public may see: a private person's only with consent."""
        if not self.is_privato or self.consenso_nome:
            return self.nome_pubblico
        return _("Antenna cittadina")

    @property
    def contatti_mostrabili(self) -> bool:
        return self.consenso_contatti

    def posizione_pubblica(self) -> tuple | None:
        """(lat, lon) for the map: a private person never at home, only at the quartiere's centre."""
        if self.is_privato or self.latitudine is None:
            return (self.quartiere.latitudine, self.quartiere.longitudine)
        return (self.latitudine, self.longitudine)

    def servizi_display(self) -> list[str]:
        labels = dict(Servizio.choices)
        return [str(labels.get(s, s)) for s in self.servizi]


class Consenso(models.Model):
    """One consent given or withdrawn by an antenna: what, when, on which version of the text.

    The newest record per ``oggetto`` is the one in force; ``consenso_record`` keeps the antenna's
    ``consenso_*`` flags in step with it. Records are never edited: a withdrawal is a new record.
    """

    class Oggetto(models.TextChoices):
        TRATTAMENTO = "trattamento", _("Trattamento dei dati per il programma")
        NOME_PUBBLICO = "nome_pubblico", _("Pubblicazione del nome")
        CONTATTI_PUBBLICI = "contatti_pubblici", _("Pubblicazione dei contatti")

    antenna = models.ForeignKey(Antenna, on_delete=models.CASCADE, related_name="consensi", verbose_name=_("antenna"))
    oggetto = models.CharField(_("oggetto"), max_length=20, choices=Oggetto.choices)
    concesso = models.BooleanField(_("concesso"), help_text=_("Falso: consenso negato o revocato."))
    versione_testo = models.CharField(_("versione del testo"), max_length=20, help_text=_("Per esempio 2026-01."))
    registrato_il = models.DateTimeField(_("registrato il"), auto_now_add=True)
    registrato_da = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registrato da"),
    )

    class Meta:
        verbose_name = _("consenso")
        verbose_name_plural = _("consensi")
        ordering = ["-registrato_il", "-pk"]

    def __str__(self):
        return f"{self.antenna} — {self.get_oggetto_display()}"
