from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from costellazioni.uploads import PrivateFileField

# States in which every party has signed; a database trigger (migration 0002) holds this.
STATI_FIRMATI = ("firmato", "attivo", "in_scadenza", "scaduto", "rinnovato")


class ProtocolloIntesaQuerySet(models.QuerySet):
    def signed(self):
        """The public register: MOUs every party has signed, in any later state."""
        return self.filter(stato__in=STATI_FIRMATI)

    def for_register(self):
        return (
            self.signed()
            .select_related("percorso")
            .prefetch_related("parti__ente", "impegni__parte")
            .order_by("-data_inizio", "-pk")
        )

    def visible_to(self, user):
        """Staff see every MOU; referenti the MOUs their enti are party to; everybody the signed ones."""
        from coprogrammazione.permissions import is_staff_comunale

        if is_staff_comunale(user):
            return self.all()
        signed = Q(stato__in=STATI_FIRMATI)
        if user.is_authenticated:
            from costellazioni.models import Ente

            signed |= Q(parti__ente__in=Ente.objects.represented_by(user))
        return self.filter(signed).distinct()


class ProtocolloIntesa(models.Model):
    """A memorandum of understanding between the City and enti, the outcome of co-programming."""

    class Stato(models.TextChoices):
        BOZZA = "bozza", _("Bozza")
        IN_FIRMA = "in_firma", _("In firma")
        FIRMATO = "firmato", _("Firmato")
        ATTIVO = "attivo", _("Attivo")
        IN_SCADENZA = "in_scadenza", _("In scadenza")
        SCADUTO = "scaduto", _("Scaduto")
        RINNOVATO = "rinnovato", _("Rinnovato")
        RISOLTO = "risolto", _("Risolto")

    percorso = models.ForeignKey(
        "coprogrammazione.Percorso",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="protocolli",
        verbose_name=_("percorso di co-programmazione"),
    )
    oggetto = models.CharField(_("oggetto"), max_length=250)
    testo = models.TextField(_("testo"), help_text=_("Premesse e articoli del protocollo."))
    data_inizio = models.DateField(_("data di inizio"))
    data_fine = models.DateField(_("data di fine"))
    stato = models.CharField(_("stato"), max_length=20, choices=Stato.choices, default=Stato.BOZZA)
    precedente = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rinnovo",
        verbose_name=_("protocollo rinnovato"),
        help_text=_("Il protocollo di cui questo è il rinnovo."),
    )
    versione = models.PositiveSmallIntegerField(
        _("versione del documento"), default=0, editable=False, help_text=_("Cresce a ogni nuovo testo generato.")
    )
    impronta = models.CharField(
        _("impronta del testo (SHA-256)"), max_length=64, blank=True, default="", editable=False
    )
    documento = PrivateFileField(
        _("documento (PDF)"),
        upload_to="coprogrammazione/protocolli/",
        blank=True,
        editable=False,
    )
    creato_il = models.DateTimeField(_("creato il"), auto_now_add=True)

    objects = ProtocolloIntesaQuerySet.as_manager()

    class Meta:
        verbose_name = _("protocollo d'intesa")
        verbose_name_plural = _("protocolli d'intesa")
        ordering = ["-data_inizio", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(data_fine__gt=models.F("data_inizio")),
                name="coprog_protocollo_date_ordinate",
                violation_error_message=_("La data di fine deve seguire la data di inizio."),
            ),
            models.CheckConstraint(
                condition=Q(stato="bozza") | (~Q(impronta="") & Q(versione__gt=0)),
                name="coprog_protocollo_in_firma_con_documento",
                violation_error_message=_("Un protocollo va in firma solo con il documento generato."),
            ),
        ]

    def __str__(self):
        return self.oggetto

    def get_absolute_url(self):
        return reverse("coprogrammazione:protocollo", kwargs={"pk": self.pk})

    @property
    def is_signed(self) -> bool:
        return self.stato in STATI_FIRMATI

    @property
    def codice_documento(self) -> str:
        """The marker printed in the PDF: it names the MOU, the version and the digest of its text."""
        return f"CC-PI-{self.pk}-v{self.versione}-{self.impronta}"


class ParteProtocollo(models.Model):
    """A party to an MOU (the City or an ente), its signatory, and its signature once recorded."""

    class Verifica(models.TextChoices):
        CODICE = "codice", _("Copia firmata del documento generato (codice riconosciuto)")
        SCANSIONE = "scansione", _("Scansione firmata, controllata dal personale")

    protocollo = models.ForeignKey(
        ProtocolloIntesa, on_delete=models.CASCADE, related_name="parti", verbose_name=_("protocollo")
    )
    ente = models.ForeignKey(
        "costellazioni.Ente",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="protocolli_intesa",
        verbose_name=_("ente"),
        help_text=_("Vuoto per il Comune di Venezia."),
    )
    denominazione = models.CharField(_("denominazione"), max_length=200)
    firmatario = models.CharField(_("firmatario"), max_length=150)
    ruolo_firmatario = models.CharField(_("ruolo del firmatario"), max_length=150)
    ordine = models.PositiveSmallIntegerField(_("ordine"), default=1)
    firmato_il = models.DateField(_("firmato il"), null=True, blank=True, editable=False)
    firma_file = PrivateFileField(
        _("copia firmata (PDF)"),
        upload_to="coprogrammazione/firme/",
        blank=True,
        editable=False,
    )
    firma_sha256 = models.CharField(
        _("SHA-256 della copia firmata"), max_length=64, blank=True, default="", editable=False
    )
    firma_versione = models.PositiveSmallIntegerField(_("versione firmata"), null=True, blank=True, editable=False)
    firma_verifica = models.CharField(
        _("controllo della firma"), max_length=20, choices=Verifica.choices, blank=True, default="", editable=False
    )
    firma_caricata_da = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("caricata da"),
    )

    class Meta:
        verbose_name = _("parte del protocollo")
        verbose_name_plural = _("parti del protocollo")
        ordering = ["protocollo", "ordine", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["protocollo", "ente"],
                name="coprog_parte_unica",
                violation_error_message=_("Questo ente è già parte del protocollo."),
            ),
            models.UniqueConstraint(
                fields=["protocollo"],
                condition=Q(ente__isnull=True),
                name="coprog_comune_parte_unica",
                violation_error_message=_("Il Comune è già parte del protocollo."),
            ),
            models.CheckConstraint(
                condition=(Q(firmato_il__isnull=True) & Q(firma_sha256=""))
                | (Q(firmato_il__isnull=False) & ~Q(firma_sha256="") & Q(firma_versione__isnull=False)),
                name="coprog_firma_completa",
                violation_error_message=_("Una firma richiede la data, la copia firmata e la sua impronta."),
            ),
        ]

    def __str__(self):
        return self.denominazione

    @property
    def is_comune(self) -> bool:
        return self.ente_id is None

    @property
    def has_signed(self) -> bool:
        return self.firmato_il is not None


class Impegno(models.Model):
    """A commitment one party takes in an MOU, with its due date and how it is going."""

    class Stato(models.TextChoices):
        DA_AVVIARE = "da_avviare", _("Da avviare")
        IN_CORSO = "in_corso", _("In corso")
        ADEMPIUTO = "adempiuto", _("Adempiuto")
        INADEMPIUTO = "inadempiuto", _("Inadempiuto")

    APERTI = (Stato.DA_AVVIARE, Stato.IN_CORSO)

    protocollo = models.ForeignKey(
        ProtocolloIntesa, on_delete=models.CASCADE, related_name="impegni", verbose_name=_("protocollo")
    )
    parte = models.ForeignKey(
        ParteProtocollo, on_delete=models.CASCADE, related_name="impegni", verbose_name=_("parte")
    )
    testo = models.TextField(_("impegno"))
    scadenza = models.DateField(_("scadenza"))
    stato = models.CharField(_("stato"), max_length=20, choices=Stato.choices, default=Stato.DA_AVVIARE)

    class Meta:
        verbose_name = _("impegno")
        verbose_name_plural = _("impegni")
        ordering = ["scadenza", "pk"]

    def __str__(self):
        return self.testo[:80]


class Promemoria(models.Model):
    """One reminder sent: at most one per (MOU or commitment, kind, day), so a second run sends nothing."""

    class Tipo(models.TextChoices):
        SCADENZA_60 = "scadenza_60", _("Il protocollo scade tra 60 giorni")
        SCADENZA_30 = "scadenza_30", _("Il protocollo scade tra 30 giorni")
        SCADENZA_7 = "scadenza_7", _("Il protocollo scade tra 7 giorni")
        IMPEGNO_IN_SCADENZA = "impegno_in_scadenza", _("Impegno in scadenza")
        IMPEGNO_SCADUTO = "impegno_scaduto", _("Impegno scaduto")

    protocollo = models.ForeignKey(
        ProtocolloIntesa, on_delete=models.CASCADE, related_name="promemoria", verbose_name=_("protocollo")
    )
    impegno = models.ForeignKey(
        Impegno, on_delete=models.CASCADE, null=True, blank=True, related_name="promemoria", verbose_name=_("impegno")
    )
    tipo = models.CharField(_("tipo"), max_length=30, choices=Tipo.choices)
    data = models.DateField(_("data"))
    inviato_il = models.DateTimeField(_("inviato il"), auto_now_add=True)

    class Meta:
        verbose_name = _("promemoria inviato")
        verbose_name_plural = _("promemoria inviati")
        ordering = ["-data", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["protocollo", "tipo", "data"],
                condition=Q(impegno__isnull=True),
                name="coprog_promemoria_protocollo_unico",
            ),
            models.UniqueConstraint(
                fields=["impegno", "tipo", "data"],
                condition=Q(impegno__isnull=False),
                name="coprog_promemoria_impegno_unico",
            ),
        ]

    def __str__(self):
        return f"{self.get_tipo_display()} ({self.data})"
