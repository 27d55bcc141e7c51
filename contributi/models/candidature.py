from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from contributi.models.bandi import AllegatoRichiesto, Bando
from costellazioni.models import Ente, Membership, Quartiere
from costellazioni.permissions import BELONGING_STATES
from costellazioni.public_names import public_name
from costellazioni.uploads import PDF_O_IMMAGINI, PrivateFileField


def automatic_conflict(user, *, path: str = ""):
    """The condition "``user`` has a conflict of interest on the application", seen by the portal itself.

    True when ``user`` wrote or submitted the application, or is a member or representative of its ente (a
    verified or requested membership), or was one during the call (a revoked membership verified before the
    call's deadline: its revocation date is not recorded, so it counts). ``user`` is a user, or the name of the
    outer row's field holding one (``"membro__utente_id"``); ``path`` leads from the outer row to the application.
    """
    if isinstance(user, str):
        outer_user, same_user = models.OuterRef(user), models.F(user)
    else:
        outer_user = same_user = user.pk
    belonged = Membership.objects.filter(user_id=outer_user, ente_id=models.OuterRef(f"{path}ente_id")).filter(
        Q(stato__in=BELONGING_STATES)
        | Q(
            stato=Membership.Stato.REVOCATA,
            verificata_il__isnull=False,
            verificata_il__lte=models.OuterRef(f"{path}bando__termine"),
        )
    )
    return (
        models.Exists(belonged) | Q(**{f"{path}creata_da_id": same_user}) | Q(**{f"{path}presentata_da_id": same_user})
    )


class CandidaturaQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Applications of the enti the user represents (verified membership), and those assigned to the user
        as a board member without a declared conflict (``assigned_to``); staff see every one."""
        if not user.is_authenticated:
            return self.none()
        from contributi.permissions import sees_all_candidature

        if sees_all_candidature(user):
            return self
        return self.filter(
            Q(pk__in=self.represented_by(user).values("pk")) | Q(pk__in=self.assigned_to(user).values("pk"))
        )

    def represented_by(self, user):
        """Only the applications of the enti the user represents: what the applicant's pages show."""
        if not user.is_authenticated:
            return self.none()
        return self.represented_by_id(user.pk)

    def represented_by_id(self, user_id):
        return self.filter(ente_id__in=Membership.objects.acting_enti(user_id))

    def assigned_to(self, user):
        """Applications under evaluation assigned to ``user`` as a board member, except where they declared a
        conflict of interest or have one the portal sees (``automatic_conflict``)."""
        from contributi.models.commissione import Assegnazione, DichiarazioneConflitto

        if not user.is_authenticated:
            return self.none()
        assigned = Assegnazione.objects.filter(candidatura_id=models.OuterRef("pk"), membro__utente=user)
        conflicted = DichiarazioneConflitto.objects.filter(
            candidatura_id=models.OuterRef("pk"), membro__utente=user, conflitto=True
        )
        return self.filter(
            models.Exists(assigned),
            stato__in=[Candidatura.Stato.IN_VALUTAZIONE, Candidatura.Stato.VALUTATA],
        ).exclude(models.Exists(conflicted) | automatic_conflict(user))

    def conflicting_with(self, user):
        """The applications on which ``user`` has a conflict of interest the portal sees (``automatic_conflict``)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(automatic_conflict(user))

    def drafts(self):
        return self.filter(stato=Candidatura.Stato.BOZZA)

    def awaiting_istruttoria(self):
        """Submitted and not yet taken up by the istruttoria."""
        return self.filter(stato=Candidatura.Stato.PRESENTATA)

    def missing_score_sheets(self):
        """Under evaluation, with at least one assigned member (without a conflict) who has not sent their sheet."""
        from contributi.models.commissione import Assegnazione, Valutazione

        sent = Valutazione.objects.filter(
            candidatura_id=models.OuterRef("candidatura_id"),
            membro_id=models.OuterRef("membro_id"),
            consenso=False,
            inviata_il__isnull=False,
        )
        waiting = Assegnazione.objects.without_conflict().filter(
            ~models.Exists(sent), candidatura_id=models.OuterRef("pk")
        )
        return self.filter(models.Exists(waiting), stato=Candidatura.Stato.IN_VALUTAZIONE)

    def workable_by(self, user):
        """What ``user`` may work on as staff: every application except those they are party to."""
        return self.exclude(automatic_conflict(user))

    def submitted(self):
        return self.exclude(stato__in=[Candidatura.Stato.BOZZA, Candidatura.Stato.RITIRATA])

    def for_list(self):
        # A list shows no content: decoding each row's JSON (the submitted snapshot above all) was most of its CPU.
        return (
            self.select_related("bando", "ente")
            .defer("dati_ente", "progetto", "impatto", "snapshot")
            .order_by("-aggiornata_il")
        )

    def for_submission(self):
        """With everything the submission's checks and its snapshot read, in one prefetch (their ``.all()``).

        Each relation keeps its order within one parent without the default ordering's join to the parent (and,
        for the districts, which are compared as sets and sorted by name, without any order).
        """
        return self.select_related("bando", "ente").prefetch_related(
            models.Prefetch("quartieri", queryset=Quartiere.objects.order_by()),
            models.Prefetch("partner", queryset=Partner.objects.order_by("pk")),
            models.Prefetch("voci_budget", queryset=VoceBudget.objects.order_by("pk")),
            models.Prefetch(
                "allegati", queryset=Allegato.objects.select_related("richiesto").order_by("richiesto__ordine", "pk")
            ),
            models.Prefetch("bando__quartieri", queryset=Quartiere.objects.order_by()),
            models.Prefetch("bando__allegati_richiesti", queryset=AllegatoRichiesto.objects.order_by("ordine", "pk")),
        )


class Candidatura(models.Model):
    """An ente's application to a call: a draft filled step by step, then a submitted, read-only record."""

    class Stato(models.TextChoices):
        BOZZA = "bozza", _("Bozza")
        PRESENTATA = "presentata", _("Presentata")
        RITIRATA = "ritirata", _("Ritirata")
        # Staff side (issue "Grants, part 2").
        IN_ISTRUTTORIA = "in_istruttoria", _("In istruttoria")
        INTEGRAZIONI_RICHIESTE = "integrazioni_richieste", _("Integrazioni richieste")
        AMMISSIBILE = "ammissibile", _("Ammissibile")
        NON_AMMISSIBILE = "non_ammissibile", _("Non ammissibile")
        IN_VALUTAZIONE = "in_valutazione", _("In valutazione")
        VALUTATA = "valutata", _("Valutata")
        FINANZIATA = "finanziata", _("Finanziata")
        IDONEA_NON_FINANZIATA = "idonea_non_finanziata", _("Idonea non finanziata")
        NON_IDONEA = "non_idonea", _("Non idonea")
        AVVIATA = "avviata", _("Avviata")
        RENDICONTATA = "rendicontata", _("Rendicontata")
        CONCLUSA = "conclusa", _("Conclusa")
        REVOCATA = "revocata", _("Revocata")

    class Passo(models.TextChoices):
        ENTE = "ente", _("Dati dell'ente")
        PROGETTO = "progetto", _("Progetto")
        BUDGET = "budget", _("Budget")
        IMPATTO = "impatto", _("Impatto e indicatori")
        ALLEGATI = "allegati", _("Allegati")
        INVIO = "invio", _("Riepilogo e invio")

    bando = models.ForeignKey(Bando, on_delete=models.PROTECT, related_name="candidature", verbose_name=_("bando"))
    ente = models.ForeignKey(Ente, on_delete=models.PROTECT, related_name="candidature", verbose_name=_("ente"))
    creata_da = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("creata da")
    )
    stato = models.CharField(_("stato"), max_length=30, choices=Stato.choices, default=Stato.BOZZA)
    passi_completati = models.JSONField(_("passi completati"), default=list, blank=True)
    dati_ente = models.JSONField(_("dati dell'ente confermati"), default=dict, blank=True)
    titolo = models.CharField(_("titolo del progetto"), max_length=200, blank=True, default="")
    progetto = models.JSONField(
        _("progetto"),
        default=dict,
        blank=True,
        help_text=_("Sintesi, obiettivi, destinatari, attività e cronoprogramma."),
    )
    quartieri = models.ManyToManyField(
        "costellazioni.Quartiere", blank=True, related_name="candidature", verbose_name=_("quartieri del progetto")
    )
    importo_richiesto = models.DecimalField(_("contributo richiesto (EUR)"), max_digits=10, decimal_places=2, default=0)
    cofinanziamento = models.DecimalField(_("cofinanziamento (EUR)"), max_digits=10, decimal_places=2, default=0)
    importo_concesso = models.DecimalField(
        _("contributo concesso (EUR)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        editable=False,
        help_text=_("Fissato dalla graduatoria approvata; può essere inferiore al richiesto."),
    )
    impatto = models.JSONField(_("impatto e indicatori"), default=dict, blank=True)
    dichiarazione_veridicita = models.BooleanField(_("dichiarazione di veridicità (DPR 445/2000)"), default=False)
    dichiarazione_privacy = models.BooleanField(_("presa visione dell'informativa privacy"), default=False)
    presentata_il = models.DateTimeField(_("presentata il"), null=True, blank=True)
    presentata_da = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("presentata da"),
    )
    protocollo = models.OneToOneField(
        "costellazioni.Protocollo",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="candidatura",
        verbose_name=_("protocollo"),
    )
    numero_protocollo = models.CharField(_("numero di protocollo"), max_length=20, blank=True, default="")
    snapshot = models.JSONField(_("contenuto presentato"), null=True, blank=True, editable=False)
    snapshot_sha256 = models.CharField(_("impronta SHA-256 del contenuto"), max_length=64, blank=True, default="")
    ricevuta = PrivateFileField(_("ricevuta (PDF/A)"), upload_to="ricevute/%Y/", blank=True)
    ritirata_il = models.DateTimeField(_("ritirata il"), null=True, blank=True)
    creata_il = models.DateTimeField(_("creata il"), auto_now_add=True)
    aggiornata_il = models.DateTimeField(_("aggiornata il"), auto_now=True)

    objects = CandidaturaQuerySet.as_manager()

    class Meta:
        verbose_name = _("candidatura")
        verbose_name_plural = _("candidature")
        ordering = ["-aggiornata_il"]
        constraints = [
            models.CheckConstraint(
                condition=Q(stato="bozza")
                | Q(presentata_il__isnull=False, snapshot__isnull=False) & ~Q(numero_protocollo=""),
                name="candidatura_submitted_has_protocol_and_snapshot",
            ),
            models.UniqueConstraint(
                fields=["numero_protocollo"], condition=~Q(numero_protocollo=""), name="candidatura_unique_protocol"
            ),
            models.CheckConstraint(
                condition=Q(importo_richiesto__gte=0, cofinanziamento__gte=0), name="candidatura_amounts_positive"
            ),
            models.CheckConstraint(
                condition=Q(importo_concesso__isnull=True)
                | Q(importo_concesso__gt=0, importo_concesso__lte=models.F("importo_richiesto")),
                name="candidatura_granted_within_requested",
            ),
        ]
        indexes = [models.Index(fields=["bando", "stato"])]

    def __str__(self):
        return self.numero_protocollo or self.titolo or str(_("Candidatura in bozza"))

    def get_absolute_url(self):
        return reverse("area_personale_candidatura", kwargs={"pk": self.pk})

    @property
    def beneficiario_pubblico(self) -> str:
        """The applicant as public pages name it: the award's code when the beneficiary must stay hidden."""
        try:
            return self.concessione.beneficiario_pubblico
        except ObjectDoesNotExist:
            return public_name(self.ente)

    def download_url(self, field_name):
        """Where the file is served after the permission check (``PrivateFileField`` links here)."""
        return reverse("area_personale_candidatura_ricevuta", kwargs={"pk": self.pk})

    @property
    def is_draft(self) -> bool:
        return self.stato == self.Stato.BOZZA

    @property
    def costo_totale(self):
        return self.importo_richiesto + self.cofinanziamento


class Partner(models.Model):
    candidatura = models.ForeignKey(
        Candidatura, on_delete=models.CASCADE, related_name="partner", verbose_name=_("candidatura")
    )
    ente = models.ForeignKey(
        Ente,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="partenariati",
        verbose_name=_("ente registrato"),
    )
    denominazione = models.CharField(_("denominazione"), max_length=200)
    codice_fiscale = models.CharField(_("codice fiscale"), max_length=16, blank=True, default="")
    ruolo = models.CharField(_("ruolo nel progetto"), max_length=300)

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partner")
        ordering = ["candidatura", "pk"]

    def __str__(self):
        return self.denominazione


class VoceBudget(models.Model):
    class Categoria(models.TextChoices):
        PERSONALE = "personale", _("Personale")
        BENI = "beni", _("Beni e attrezzature")
        SERVIZI = "servizi", _("Servizi")
        SPAZI = "spazi", _("Affitto di spazi")
        COMUNICAZIONE = "comunicazione", _("Comunicazione")
        SPESE_GENERALI = "spese_generali", _("Spese generali")

    candidatura = models.ForeignKey(
        Candidatura, on_delete=models.CASCADE, related_name="voci_budget", verbose_name=_("candidatura")
    )
    categoria = models.CharField(_("categoria"), max_length=20, choices=Categoria.choices)
    descrizione = models.CharField(_("descrizione"), max_length=200)
    importo = models.DecimalField(_("importo (EUR)"), max_digits=10, decimal_places=2)

    class Meta:
        verbose_name = _("voce di budget")
        verbose_name_plural = _("voci di budget")
        ordering = ["candidatura", "pk"]
        constraints = [models.CheckConstraint(condition=Q(importo__gt=0), name="voce_budget_importo_positive")]

    def __str__(self):
        return self.descrizione


class Allegato(models.Model):
    """A file attached to an application, stored privately and checked by content."""

    candidatura = models.ForeignKey(
        Candidatura, on_delete=models.CASCADE, related_name="allegati", verbose_name=_("candidatura")
    )
    richiesto = models.ForeignKey(
        AllegatoRichiesto,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("documento richiesto"),
    )
    file = PrivateFileField(_("file"), upload_to="candidature/%Y/", allowed=PDF_O_IMMAGINI)
    nome_originale = models.CharField(_("nome del file"), max_length=200)
    content_type = models.CharField(_("tipo"), max_length=50)
    dimensione = models.PositiveIntegerField(_("dimensione (byte)"))
    sha256 = models.CharField(_("impronta SHA-256"), max_length=64)
    caricato_da = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("caricato da")
    )
    caricato_il = models.DateTimeField(_("caricato il"), auto_now_add=True)

    class Meta:
        verbose_name = _("allegato")
        verbose_name_plural = _("allegati")
        ordering = ["candidatura", "richiesto__ordine", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["candidatura", "richiesto"], name="allegato_one_per_required_document")
        ]

    def __str__(self):
        return self.nome_originale

    def download_url(self, field_name):
        """Where the file is served after the permission check (``PrivateFileField`` links here)."""
        return reverse("contributi:allegato", kwargs={"pk": self.pk})
