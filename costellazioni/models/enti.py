from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from costellazioni.validators import normalize_codice_fiscale, validate_codice_fiscale_ente, validate_partita_iva


class EnteQuerySet(models.QuerySet):
    def verified(self):
        return self.filter(stato_verifica=Ente.StatoVerifica.VERIFICATO)

    def represented_by(self, user):
        """Organisations for which ``user`` holds a verified membership."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user, memberships__stato=Membership.Stato.VERIFICATA).distinct()


class Ente(models.Model):
    """An organisation: an ETS, a public body, an informal group or a business."""

    class Tipo(models.TextChoices):
        ODV = "odv", _("Organizzazione di volontariato (ODV)")
        APS = "aps", _("Associazione di promozione sociale (APS)")
        IMPRESA_SOCIALE = "impresa_sociale", _("Impresa sociale")
        COOPERATIVA_SOCIALE = "cooperativa_sociale", _("Cooperativa sociale")
        ENTE_FILANTROPICO = "ente_filantropico", _("Ente filantropico")
        RETE_ASSOCIATIVA = "rete_associativa", _("Rete associativa")
        MUTUO_SOCCORSO = "mutuo_soccorso", _("Società di mutuo soccorso")
        ALTRO_ETS = "altro_ets", _("Altro ente del Terzo settore")
        ENTE_PUBBLICO = "ente_pubblico", _("Ente pubblico")
        GRUPPO_INFORMALE = "gruppo_informale", _("Gruppo informale")
        IMPRESA = "impresa", _("Impresa")

    TIPI_ETS = frozenset(
        {
            Tipo.ODV,
            Tipo.APS,
            Tipo.IMPRESA_SOCIALE,
            Tipo.COOPERATIVA_SOCIALE,
            Tipo.ENTE_FILANTROPICO,
            Tipo.RETE_ASSOCIATIVA,
            Tipo.MUTUO_SOCCORSO,
            Tipo.ALTRO_ETS,
        }
    )

    class SezioneRunts(models.TextChoices):
        ODV = "a", _("a) Organizzazioni di volontariato")
        APS = "b", _("b) Associazioni di promozione sociale")
        ENTI_FILANTROPICI = "c", _("c) Enti filantropici")
        IMPRESE_SOCIALI = "d", _("d) Imprese sociali, incluse le cooperative sociali")
        RETI_ASSOCIATIVE = "e", _("e) Reti associative")
        MUTUO_SOCCORSO = "f", _("f) Società di mutuo soccorso")
        ALTRI_ENTI = "g", _("g) Altri enti del Terzo settore")

    class StatoVerifica(models.TextChoices):
        DA_VERIFICARE = "da_verificare", _("Da verificare")
        VERIFICATO = "verificato", _("Verificato")
        RESPINTO = "respinto", _("Respinto")

    denominazione = models.CharField(_("denominazione"), max_length=200)
    tipo = models.CharField(_("tipo di ente"), max_length=30, choices=Tipo.choices)
    codice_fiscale = models.CharField(
        _("codice fiscale"),
        max_length=16,
        unique=True,
        validators=[validate_codice_fiscale_ente],
        error_messages={"unique": _("Un ente con questo codice fiscale è già registrato.")},
    )
    partita_iva = models.CharField(
        _("partita IVA"), max_length=11, blank=True, default="", validators=[validate_partita_iva]
    )
    runts_numero = models.CharField(
        _("numero di repertorio RUNTS"),
        max_length=20,
        blank=True,
        default="",
        help_text=_("Per gli enti iscritti al Registro unico nazionale del Terzo settore."),
    )
    runts_sezione = models.CharField(
        _("sezione RUNTS"), max_length=1, choices=SezioneRunts.choices, blank=True, default=""
    )
    indirizzo = models.CharField(_("indirizzo"), max_length=200, blank=True, default="")
    cap = models.CharField(_("CAP"), max_length=5, blank=True, default="")
    comune = models.CharField(_("comune"), max_length=100, default="Venezia")
    quartiere = models.ForeignKey(
        "costellazioni.Quartiere",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="enti",
        verbose_name=_("quartiere"),
    )
    email = models.EmailField(_("e-mail"), blank=True, default="")
    pec = models.EmailField(_("PEC"), blank=True, default="")
    telefono = models.CharField(_("telefono"), max_length=30, blank=True, default="")
    sito_web = models.URLField(_("sito web"), blank=True, default="")
    descrizione = models.TextField(_("descrizione"), blank=True, default="")
    stato_verifica = models.CharField(
        _("stato della verifica"),
        max_length=20,
        choices=StatoVerifica.choices,
        default=StatoVerifica.DA_VERIFICARE,
    )
    verificato_da = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verificato da"),
    )
    verificato_il = models.DateTimeField(_("verificato il"), null=True, blank=True)
    creato_il = models.DateTimeField(_("creato il"), auto_now_add=True)
    aggiornato_il = models.DateTimeField(_("aggiornato il"), auto_now=True)

    objects = EnteQuerySet.as_manager()

    class Meta:
        verbose_name = _("ente")
        verbose_name_plural = _("enti")
        ordering = ["denominazione"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(runts_numero="") | ~models.Q(runts_sezione=""),
                name="ente_runts_numero_requires_sezione",
                violation_error_message=_("Indica la sezione RUNTS insieme al numero di repertorio."),
            ),
            models.CheckConstraint(
                condition=~models.Q(stato_verifica="verificato")
                | models.Q(verificato_da__isnull=False, verificato_il__isnull=False),
                name="ente_verified_records_who_and_when",
            ),
        ]
        indexes = [models.Index(fields=["stato_verifica"])]

    def __str__(self):
        return self.denominazione

    def clean(self):
        super().clean()
        self.codice_fiscale = normalize_codice_fiscale(self.codice_fiscale)

    @property
    def is_ets(self) -> bool:
        return self.tipo in self.TIPI_ETS

    @property
    def is_verified(self) -> bool:
        return self.stato_verifica == self.StatoVerifica.VERIFICATO


class MembershipQuerySet(models.QuerySet):
    def verified(self):
        return self.filter(stato=Membership.Stato.VERIFICATA)

    def acting(self):
        """Verified memberships of verified enti: those through which a person acts for an ente."""
        return self.verified().filter(ente__stato_verifica=Ente.StatoVerifica.VERIFICATO)

    def acting_enti(self, user):
        """The pks of the enti ``user`` (a person, a pk or an ``OuterRef``) acts for, for an ``ente__in=``."""
        return self.filter(user=user).acting().values("ente_id")

    def pending(self):
        return self.filter(stato=Membership.Stato.RICHIESTA)

    def of_user(self, user):
        return self.filter(user=user).select_related("ente")


class Membership(models.Model):
    """A person acting for an organisation; staff verify it before the person may act."""

    class Ruolo(models.TextChoices):
        LEGALE_RAPPRESENTANTE = "legale_rappresentante", _("Legale rappresentante")
        REFERENTE = "referente", _("Referente")
        DELEGATO = "delegato", _("Delegato")

    class Stato(models.TextChoices):
        RICHIESTA = "richiesta", _("Richiesta")
        VERIFICATA = "verificata", _("Verificata")
        RESPINTA = "respinta", _("Respinta")
        REVOCATA = "revocata", _("Revocata")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("persona")
    )
    ente = models.ForeignKey(Ente, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("ente"))
    ruolo = models.CharField(_("ruolo"), max_length=30, choices=Ruolo.choices, default=Ruolo.REFERENTE)
    stato = models.CharField(_("stato"), max_length=20, choices=Stato.choices, default=Stato.RICHIESTA)
    motivazione = models.TextField(
        _("motivazione della richiesta"),
        blank=True,
        default="",
        help_text=_("Per esempio: carica ricoperta, delibera o delega che ti autorizza."),
    )
    richiesta_il = models.DateTimeField(_("richiesta il"), auto_now_add=True)
    verificata_da = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verificata da"),
    )
    verificata_il = models.DateTimeField(_("verificata il"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("rappresentanza")
        verbose_name_plural = _("rappresentanze")
        ordering = ["-richiesta_il"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "ente"],
                condition=models.Q(stato__in=["richiesta", "verificata"]),
                name="membership_one_active_per_user_and_ente",
                violation_error_message=_(
                    "Hai già una richiesta in corso o una rappresentanza attiva per questo ente."
                ),
            ),
            models.CheckConstraint(
                condition=~models.Q(stato="verificata")
                | models.Q(verificata_da__isnull=False, verificata_il__isnull=False),
                name="membership_verified_records_who_and_when",
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.ente} ({self.get_ruolo_display()})"
