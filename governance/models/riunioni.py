"""Meetings of a body: convocation, agenda, attendance. Co-programming meetings use the same model."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from governance.models.organi import Organo, Visibilita


class RiunioneQuerySet(models.QuerySet):
    def pubbliche(self):
        return self.filter(visibilita=Visibilita.PUBBLICA)

    def prossime(self, *, now=None):
        return self.filter(fine__gte=now or timezone.now()).exclude(stato=Riunione.Stato.ANNULLATA).order_by("inizio")

    def of_context(self, obj):
        """Meetings owned by ``obj`` (e.g. a co-programming process)."""
        return self.filter(contesto_tipo=ContentType.objects.get_for_model(obj), contesto_id=obj.pk)

    def visible_to(self, user):
        """Public meetings to everyone; private ones to the body's members, invitees and staff."""
        from governance.permissions import sees_everything

        if sees_everything(user):
            return self
        if not user.is_authenticated:
            return self.pubbliche()
        return self.filter(
            Q(visibilita=Visibilita.PUBBLICA)
            | Q(organo__in=Organo.objects.of_member(user))
            | Q(partecipazioni__user=user)
        ).distinct()


class Riunione(models.Model):
    """One meeting of a body, from convocation to the approval of its minutes."""

    class Stato(models.TextChoices):
        CONVOCATA = "convocata", _("Convocata")
        SVOLTA = "svolta", _("Svolta")
        VERBALE_APPROVATO = "verbale_approvato", _("Verbale approvato")
        ANNULLATA = "annullata", _("Annullata")

    organo = models.ForeignKey(Organo, on_delete=models.PROTECT, related_name="riunioni", verbose_name=_("organo"))
    titolo = models.CharField(_("titolo"), max_length=200)
    descrizione = models.TextField(_("descrizione"), blank=True, max_length=4000)
    inizio = models.DateTimeField(_("inizio"))
    fine = models.DateTimeField(_("fine"))
    hub = models.ForeignKey(
        "hubs.Hub",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="riunioni",
        verbose_name=_("HUB"),
        help_text=_("Se la riunione si tiene in un HUB del programma."),
    )
    luogo = models.CharField(
        _("luogo"), max_length=250, blank=True, help_text=_("Indirizzo, se la riunione non si tiene in un HUB.")
    )
    link_online = models.URLField(_("collegamento online"), blank=True, help_text=_("Per partecipare a distanza."))
    visibilita = models.CharField(_("visibilità"), max_length=10, choices=Visibilita.choices)
    iscrizioni_aperte = models.BooleanField(
        _("iscrizioni aperte"),
        default=False,
        help_text=_("Chi non è membro dell'organo può iscriversi (per le riunioni pubbliche)."),
    )
    posti = models.PositiveIntegerField(_("posti disponibili"), null=True, blank=True)
    stato = models.CharField(_("stato"), max_length=20, choices=Stato.choices, default=Stato.CONVOCATA)
    convocazione_inviata_il = models.DateTimeField(_("convocazione inviata il"), null=True, blank=True)
    contesto_tipo = models.ForeignKey(
        ContentType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tipo di contesto"),
    )
    contesto_id = models.PositiveBigIntegerField(_("contesto"), null=True, blank=True)
    contesto = GenericForeignKey("contesto_tipo", "contesto_id")
    creata_da = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("creata da"),
    )
    creata_il = models.DateTimeField(_("creata il"), auto_now_add=True)

    objects = RiunioneQuerySet.as_manager()

    class Meta:
        verbose_name = _("riunione")
        verbose_name_plural = _("riunioni")
        ordering = ["-inizio"]
        indexes = [
            models.Index(fields=["visibilita", "inizio"], name="riunione_pubblica_inizio"),
            models.Index(fields=["contesto_tipo", "contesto_id"], name="riunione_contesto"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(fine__gt=models.F("inizio")), name="riunione_fine_dopo_inizio"),
            models.CheckConstraint(
                condition=Q(contesto_tipo__isnull=True, contesto_id__isnull=True)
                | Q(contesto_tipo__isnull=False, contesto_id__isnull=False),
                name="riunione_contesto_completo",
            ),
            models.CheckConstraint(
                condition=~Q(hub__isnull=True, luogo="", link_online=""), name="riunione_ha_un_luogo"
            ),
        ]

    def __str__(self):
        return f"{self.organo} — {self.titolo}"

    def get_absolute_url(self):
        return reverse("governance:riunione", kwargs={"pk": self.pk})

    @property
    def is_public(self):
        return self.visibilita == Visibilita.PUBBLICA

    @property
    def luogo_testo(self):
        if self.hub_id:
            return f"{self.hub.nome}, {self.hub.indirizzo}"
        return self.luogo


class PuntoOrdineGiorno(models.Model):
    """One item of a meeting's agenda, in order."""

    riunione = models.ForeignKey(Riunione, on_delete=models.CASCADE, related_name="punti", verbose_name=_("riunione"))
    ordine = models.PositiveSmallIntegerField(_("numero"))
    titolo = models.CharField(_("titolo"), max_length=250)
    descrizione = models.TextField(_("descrizione"), blank=True, max_length=4000)

    class Meta:
        verbose_name = _("punto all'ordine del giorno")
        verbose_name_plural = _("ordine del giorno")
        ordering = ["riunione", "ordine"]
        constraints = [
            models.UniqueConstraint(
                fields=["riunione", "ordine"],
                name="punto_ordine_unico",
                deferrable=models.Deferrable.DEFERRED,
            ),
        ]

    def __str__(self):
        return f"{self.ordine}. {self.titolo}"


class PartecipazioneQuerySet(models.QuerySet):
    def di_membri(self):
        return self.filter(membro__isnull=False)

    def presenti_o_delegati(self):
        return self.filter(presenza__in=[Partecipazione.Presenza.PRESENTE, Partecipazione.Presenza.DELEGATO])


class Partecipazione(models.Model):
    """One person invited to or registered for a meeting: the RSVP and then the attendance register.

    Members of the body get a row at convocation (``membro`` set); non-members, such as the organisations
    taking part in a co-programming process, register themselves (``user`` and optionally ``ente``).
    """

    class Risposta(models.TextChoices):
        IN_ATTESA = "in_attesa", _("Nessuna risposta")
        PARTECIPO = "partecipo", _("Parteciperò")
        NON_PARTECIPO = "non_partecipo", _("Non parteciperò")

    class Presenza(models.TextChoices):
        NON_REGISTRATA = "non_registrata", _("Non registrata")
        PRESENTE = "presente", _("Presente")
        ASSENTE = "assente", _("Assente")
        DELEGATO = "delegato", _("Assente con delega")

    riunione = models.ForeignKey(
        Riunione, on_delete=models.CASCADE, related_name="partecipazioni", verbose_name=_("riunione")
    )
    membro = models.ForeignKey(
        "governance.MembroOrgano",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="partecipazioni",
        verbose_name=_("membro dell'organo"),
        help_text=_("Vuoto per chi partecipa senza essere membro dell'organo."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="partecipazioni_riunioni",
        verbose_name=_("persona"),
    )
    ente = models.ForeignKey(
        "costellazioni.Ente",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="partecipazioni_riunioni",
        verbose_name=_("ente rappresentato"),
    )
    nome = models.CharField(
        _("nome"), max_length=200, blank=True, help_text=_("Per chi partecipa senza un account del portale.")
    )
    risposta = models.CharField(_("risposta"), max_length=15, choices=Risposta.choices, default=Risposta.IN_ATTESA)
    risposto_il = models.DateTimeField(_("risposto il"), null=True, blank=True)
    presenza = models.CharField(_("presenza"), max_length=15, choices=Presenza.choices, default=Presenza.NON_REGISTRATA)
    delegato_a = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deleghe_ricevute",
        verbose_name=_("delega a"),
        help_text=_("Il partecipante presente che rappresenta questo membro."),
    )
    creata_il = models.DateTimeField(_("creata il"), auto_now_add=True)

    objects = PartecipazioneQuerySet.as_manager()

    class Meta:
        verbose_name = _("partecipazione")
        verbose_name_plural = _("partecipazioni")
        ordering = ["riunione", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["riunione", "user"],
                condition=Q(user__isnull=False),
                name="partecipazione_una_per_persona",
                violation_error_message=_("Questa persona è già tra i partecipanti della riunione."),
            ),
            models.UniqueConstraint(
                fields=["riunione", "membro"],
                condition=Q(membro__isnull=False),
                name="partecipazione_una_per_membro",
            ),
            models.CheckConstraint(condition=Q(user__isnull=False) | ~Q(nome=""), name="partecipazione_ha_un_nome"),
            models.CheckConstraint(
                condition=Q(presenza="delegato", delegato_a__isnull=False)
                | (~Q(presenza="delegato") & Q(delegato_a__isnull=True)),
                name="partecipazione_delega_coerente",
            ),
            models.CheckConstraint(condition=~Q(delegato_a=models.F("pk")), name="partecipazione_no_delega_a_se"),
        ]

    def __str__(self):
        return self.nome_visualizzato

    @property
    def nome_visualizzato(self):
        return str(self.user) if self.user_id else self.nome
