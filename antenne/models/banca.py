"""The time bank: members, offers and requests, exchanges, and the ledger of hours.

Every exchange (and every starting credit or correction) is one ``registrazione``: a set of ledger
entries that sum to zero, checked by a deferred PostgreSQL constraint trigger at commit (migration
``0002_ledger_triggers``). A member's balance is the sum of their entries; the bank's own account
(``SocioBancaDelTempo.is_banca``) balances starting credits, so the total of all entries is zero.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q, Sum
from django.utils.translation import gettext_lazy as _


def credito_iniziale() -> Decimal:
    """Hours given to a member when verified (setting ``BANCA_DEL_TEMPO_CREDITO_INIZIALE``, default 0)."""
    return Decimal(settings.BANCA_DEL_TEMPO_CREDITO_INIZIALE)


def limite_negativo() -> Decimal:
    """How many hours a member may owe (setting ``BANCA_DEL_TEMPO_LIMITE_NEGATIVO``, default 10)."""
    return Decimal(settings.BANCA_DEL_TEMPO_LIMITE_NEGATIVO)


class SocioQuerySet(models.QuerySet):
    def verificati(self):
        return self.filter(stato=SocioBancaDelTempo.Stato.VERIFICATO, is_banca=False)

    def da_verificare(self):
        return self.filter(stato=SocioBancaDelTempo.Stato.IN_ATTESA, is_banca=False).select_related("user", "quartiere")

    def con_saldo(self):
        return self.annotate(saldo_ore=models.functions.Coalesce(Sum("movimenti__ore"), Decimal("0")))


class SocioBancaDelTempo(models.Model):
    class Stato(models.TextChoices):
        IN_ATTESA = "in_attesa", _("In attesa di verifica")
        VERIFICATO = "verificato", _("Verificato")
        RESPINTO = "respinto", _("Iscrizione non accolta")
        SOSPESO = "sospeso", _("Sospeso")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="socio_banca_del_tempo",
        verbose_name=_("utente"),
    )
    is_banca = models.BooleanField(
        _("conto della banca"), default=False, editable=False, help_text=_("Il conto che bilancia i crediti iniziali.")
    )
    stato = models.CharField(_("stato"), max_length=10, choices=Stato.choices, default=Stato.IN_ATTESA)
    quartiere = models.ForeignKey(
        "costellazioni.Quartiere",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="soci_banca_del_tempo",
        verbose_name=_("quartiere"),
    )
    verificato_da = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verificato da"),
    )
    verificato_il = models.DateTimeField(_("verificato il"), null=True, blank=True)
    iscritto_il = models.DateTimeField(_("iscritto il"), auto_now_add=True)

    objects = SocioQuerySet.as_manager()

    class Meta:
        verbose_name = _("socio della banca del tempo")
        verbose_name_plural = _("soci della banca del tempo")
        ordering = ["user__last_name", "user__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["is_banca"], condition=Q(is_banca=True), name="socio_one_bank_account"),
            models.CheckConstraint(
                condition=Q(is_banca=True, user__isnull=True) | Q(is_banca=False, user__isnull=False),
                name="socio_person_or_bank",
            ),
        ]

    def __str__(self):
        if self.is_banca:
            return str(_("Conto della banca del tempo"))
        return str(self.user)

    @property
    def nome_pubblico(self) -> str:
        """First name and initial only, as shown on public listings."""
        if self.user is None:
            return str(self)
        initial = f" {self.user.last_name[:1]}." if self.user.last_name else ""
        return f"{self.user.first_name or _('Socio')}{initial}"

    def saldo(self) -> Decimal:
        return self.movimenti.aggregate(t=Sum("ore"))["t"] or Decimal("0")


class AnnuncioQuerySet(models.QuerySet):
    def pubblicati(self):
        return self.filter(attivo=True, socio__stato=SocioBancaDelTempo.Stato.VERIFICATO).select_related(
            "socio__user", "socio__quartiere"
        )


class Categoria(models.TextChoices):
    COMPAGNIA = "compagnia", _("Compagnia e ascolto")
    COMMISSIONI = "commissioni", _("Commissioni e spesa")
    RIPARAZIONI = "riparazioni", _("Piccole riparazioni")
    LEZIONI = "lezioni", _("Lezioni e ripetizioni")
    DIGITALE = "digitale", _("Aiuto con il digitale")
    BAMBINI = "bambini", _("Cura dei bambini")
    ANIMALI = "animali", _("Cura degli animali")
    CUCINA = "cucina", _("Cucina")
    ALTRO = "altro", _("Altro")


class Annuncio(models.Model):
    socio = models.ForeignKey(SocioBancaDelTempo, on_delete=models.CASCADE, verbose_name=_("socio"))
    categoria = models.CharField(_("categoria"), max_length=15, choices=Categoria.choices)
    titolo = models.CharField(_("titolo"), max_length=150)
    descrizione = models.TextField(_("descrizione"), blank=True, max_length=2000)
    attivo = models.BooleanField(_("attivo"), default=True)
    chiave_idempotenza = models.UUIDField(
        _("chiave di idempotenza"),
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text=_("Generata con il modulo: un invio ripetuto viene registrato una sola volta."),
    )
    creato_il = models.DateTimeField(_("creato il"), auto_now_add=True)

    objects = AnnuncioQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-creato_il", "-pk"]

    def __str__(self):
        return self.titolo


class Offerta(Annuncio):
    """Something a member offers to do for others, paid in hours."""

    class Meta(Annuncio.Meta):
        verbose_name = _("offerta")
        verbose_name_plural = _("offerte")
        default_related_name = "offerte"


class Richiesta(Annuncio):
    """Something a member asks others to do."""

    class Meta(Annuncio.Meta):
        verbose_name = _("richiesta")
        verbose_name_plural = _("richieste")
        default_related_name = "richieste"


class ScambioQuerySet(models.QuerySet):
    def of_socio(self, socio):
        return self.filter(Q(erogatore=socio) | Q(beneficiario=socio))

    def in_corso(self):
        """Proposed or agreed, not yet confirmed nor cancelled."""
        return self.filter(stato__in=[Scambio.Stato.PROPOSTO, Scambio.Stato.CONCORDATO])


class Scambio(models.Model):
    """Hours given by ``erogatore`` to ``beneficiario``; booked in the ledger when both confirm."""

    class Stato(models.TextChoices):
        PROPOSTO = "proposto", _("Proposto")
        CONCORDATO = "concordato", _("Concordato")
        CONFERMATO = "confermato", _("Confermato")
        ANNULLATO = "annullato", _("Annullato")

    erogatore = models.ForeignKey(
        SocioBancaDelTempo, on_delete=models.PROTECT, related_name="scambi_erogati", verbose_name=_("chi dà il tempo")
    )
    beneficiario = models.ForeignKey(
        SocioBancaDelTempo,
        on_delete=models.PROTECT,
        related_name="scambi_ricevuti",
        verbose_name=_("chi riceve il tempo"),
    )
    ore = models.DecimalField(
        _("ore"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.25")), MaxValueValidator(Decimal("24"))],
    )
    descrizione = models.CharField(_("descrizione"), max_length=300)
    offerta = models.ForeignKey(
        Offerta, on_delete=models.SET_NULL, null=True, blank=True, related_name="scambi", verbose_name=_("offerta")
    )
    richiesta = models.ForeignKey(
        Richiesta, on_delete=models.SET_NULL, null=True, blank=True, related_name="scambi", verbose_name=_("richiesta")
    )
    stato = models.CharField(_("stato"), max_length=10, choices=Stato.choices, default=Stato.PROPOSTO)
    proposto_da = models.ForeignKey(
        SocioBancaDelTempo,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposto da"),
        help_text=_("L'altro socio lo accetta (scambio concordato) o lo conferma dopo che è avvenuto."),
    )
    previsto_il = models.DateField(_("previsto il"), null=True, blank=True)
    concordato_il = models.DateTimeField(_("concordato il"), null=True, blank=True)
    confermato_erogatore_il = models.DateTimeField(_("confermato da chi dà il tempo il"), null=True, blank=True)
    confermato_beneficiario_il = models.DateTimeField(_("confermato da chi riceve il tempo il"), null=True, blank=True)
    creato_il = models.DateTimeField(_("creato il"), auto_now_add=True)

    objects = ScambioQuerySet.as_manager()

    class Meta:
        verbose_name = _("scambio")
        verbose_name_plural = _("scambi")
        ordering = ["-creato_il", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(erogatore=models.F("beneficiario")), name="scambio_two_members"),
            # One effect per click: the same proposal sent twice, while unconfirmed, is one exchange.
            models.UniqueConstraint(
                fields=["erogatore", "beneficiario", "ore", "descrizione"],
                condition=Q(stato="proposto"),
                name="scambio_one_pending_proposal",
                violation_error_message=_("Questo scambio è già stato proposto e aspetta conferma."),
            ),
            models.CheckConstraint(condition=Q(ore__gt=0), name="scambio_ore_positive"),
            models.CheckConstraint(
                condition=~Q(stato="confermato")
                | Q(confermato_erogatore_il__isnull=False, confermato_beneficiario_il__isnull=False),
                name="scambio_confirmed_by_both",
            ),
            models.CheckConstraint(
                condition=~Q(stato="concordato") | Q(concordato_il__isnull=False),
                name="scambio_agreed_has_date",
            ),
        ]

    def __str__(self):
        return f"{self.descrizione} ({self.ore} h)"

    @property
    def proponente_id(self):
        """Who proposed it; for exchanges recorded before ``proposto_da`` existed, who confirmed first."""
        if self.proposto_da_id:
            return self.proposto_da_id
        if self.confermato_erogatore_il and not self.confermato_beneficiario_il:
            return self.erogatore_id
        if self.confermato_beneficiario_il and not self.confermato_erogatore_il:
            return self.beneficiario_id
        return None

    @property
    def da_concordare(self) -> bool:
        """Proposed before it happens: nobody has confirmed it took place, and the other has not agreed yet."""
        return (
            self.stato == self.Stato.PROPOSTO
            and self.confermato_erogatore_il is None
            and self.confermato_beneficiario_il is None
        )

    def confermato_da(self, socio) -> bool:
        if socio.pk == self.erogatore_id:
            return self.confermato_erogatore_il is not None
        return socio.pk == self.beneficiario_id and self.confermato_beneficiario_il is not None


class MovimentoBancaDelTempo(models.Model):
    """One ledger entry. Append-only (a trigger refuses UPDATE and DELETE): corrections are new entries."""

    class Tipo(models.TextChoices):
        SCAMBIO = "scambio", _("Scambio")
        CREDITO_INIZIALE = "credito_iniziale", _("Credito iniziale")
        CORREZIONE = "correzione", _("Correzione")

    registrazione = models.UUIDField(
        _("registrazione"), db_index=True, help_text=_("Le righe di una stessa registrazione sommano a zero.")
    )
    socio = models.ForeignKey(
        SocioBancaDelTempo, on_delete=models.PROTECT, related_name="movimenti", verbose_name=_("socio")
    )
    tipo = models.CharField(_("tipo"), max_length=20, choices=Tipo.choices)
    scambio = models.ForeignKey(
        Scambio, on_delete=models.PROTECT, null=True, blank=True, related_name="movimenti", verbose_name=_("scambio")
    )
    ore = models.DecimalField(
        _("ore"), max_digits=7, decimal_places=2, help_text=_("Positive: credito; negative: debito.")
    )
    causale = models.CharField(_("causale"), max_length=300)
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
        verbose_name = _("movimento della banca del tempo")
        verbose_name_plural = _("movimenti della banca del tempo")
        ordering = ["-registrato_il", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(ore=0), name="movimento_ore_not_zero"),
            models.CheckConstraint(
                condition=Q(tipo="scambio", scambio__isnull=False) | (~Q(tipo="scambio") & Q(scambio__isnull=True)),
                name="movimento_scambio_iff_tipo_scambio",
            ),
            models.UniqueConstraint(fields=["scambio", "socio"], name="movimento_one_entry_per_member_per_scambio"),
        ]

    def __str__(self):
        return f"{self.socio} {self.ore:+} h"
