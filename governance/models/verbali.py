"""Minutes (verbale) of a meeting, per agenda item, with the decisions taken and their votes.

A minute is approved at a later meeting by a recorded vote; a correction after approval is a new version
with its reason, approved the same way, and the version it replaces stays on record.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from governance.models.organi import Organo, Visibilita
from governance.models.riunioni import PuntoOrdineGiorno, Riunione


class VerbaleQuerySet(models.QuerySet):
    def vigenti(self):
        return self.filter(stato=Verbale.Stato.APPROVATO)

    def visible_to(self, user):
        """Approved minutes of public meetings to everyone; every version to the body's members and staff."""
        from governance.permissions import sees_everything

        if sees_everything(user):
            return self
        pubblici = Q(stato=Verbale.Stato.APPROVATO, riunione__visibilita=Visibilita.PUBBLICA)
        if not user.is_authenticated:
            return self.filter(pubblici)
        return self.filter(pubblici | Q(riunione__organo__in=Organo.objects.of_member(user)))


class Verbale(models.Model):
    class Stato(models.TextChoices):
        BOZZA = "bozza", _("Bozza")
        APPROVATO = "approvato", _("Approvato")
        SOSTITUITO = "sostituito", _("Sostituito da una correzione")

    riunione = models.ForeignKey(Riunione, on_delete=models.PROTECT, related_name="verbali", verbose_name=_("riunione"))
    versione = models.PositiveSmallIntegerField(_("versione"), default=1)
    premessa = models.TextField(_("premessa"), blank=True, max_length=8000)
    stato = models.CharField(_("stato"), max_length=12, choices=Stato.choices, default=Stato.BOZZA)
    motivo_correzione = models.TextField(
        _("motivo della correzione"), blank=True, max_length=2000, help_text=_("Obbligatorio dalla seconda versione.")
    )
    approvato_in = models.ForeignKey(
        Riunione,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="verbali_approvati",
        verbose_name=_("approvato nella riunione"),
    )
    voti_favorevoli = models.PositiveSmallIntegerField(_("voti favorevoli"), null=True, blank=True)
    voti_contrari = models.PositiveSmallIntegerField(_("voti contrari"), null=True, blank=True)
    astenuti = models.PositiveSmallIntegerField(_("astenuti"), null=True, blank=True)
    approvato_il = models.DateTimeField(_("approvato il"), null=True, blank=True)
    redatto_da = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("redatto da")
    )
    creato_il = models.DateTimeField(_("creato il"), auto_now_add=True)

    objects = VerbaleQuerySet.as_manager()

    class Meta:
        verbose_name = _("verbale")
        verbose_name_plural = _("verbali")
        ordering = ["riunione", "-versione"]
        constraints = [
            models.UniqueConstraint(fields=["riunione", "versione"], name="verbale_versione_unica"),
            models.UniqueConstraint(
                fields=["riunione"], condition=Q(stato="approvato"), name="verbale_un_solo_vigente"
            ),
            models.UniqueConstraint(fields=["riunione"], condition=Q(stato="bozza"), name="verbale_una_sola_bozza"),
            models.CheckConstraint(
                condition=Q(versione=1) | ~Q(motivo_correzione=""), name="verbale_correzione_motivata"
            ),
            models.CheckConstraint(
                condition=Q(stato="bozza")
                | Q(
                    approvato_in__isnull=False,
                    voti_favorevoli__isnull=False,
                    voti_contrari__isnull=False,
                    astenuti__isnull=False,
                    approvato_il__isnull=False,
                    voti_favorevoli__gt=models.F("voti_contrari"),
                ),
                name="verbale_approvato_con_voto",
            ),
            models.CheckConstraint(condition=~Q(approvato_in=models.F("riunione")), name="verbale_approvato_dopo"),
        ]

    def __str__(self):
        return _("Verbale di %(riunione)s (versione %(versione)s)") % {
            "riunione": self.riunione,
            "versione": self.versione,
        }


class VerbalePunto(models.Model):
    """What the minutes say about one agenda item."""

    verbale = models.ForeignKey(Verbale, on_delete=models.CASCADE, related_name="punti", verbose_name=_("verbale"))
    punto = models.ForeignKey(
        PuntoOrdineGiorno, on_delete=models.PROTECT, related_name="+", verbose_name=_("punto all'ordine del giorno")
    )
    testo = models.TextField(_("discussione"), max_length=20000)

    class Meta:
        verbose_name = _("punto del verbale")
        verbose_name_plural = _("punti del verbale")
        ordering = ["verbale", "punto__ordine"]
        constraints = [models.UniqueConstraint(fields=["verbale", "punto"], name="verbale_punto_unico")]

    def __str__(self):
        return str(self.punto)


class DecisioneQuerySet(models.QuerySet):
    def pubbliche(self):
        return self.filter(punto__riunione__visibilita=Visibilita.PUBBLICA, punto__riunione__verbali__stato="approvato")

    def visible_to(self, user):
        from governance.permissions import sees_everything

        if sees_everything(user):
            return self
        pubbliche = Q(pk__in=self.pubbliche().values("pk"))
        if not user.is_authenticated:
            return self.filter(pubbliche)
        return self.filter(pubbliche | Q(punto__riunione__organo__in=Organo.objects.of_member(user)))

    def orientamenti(self):
        return self.filter(tipo=Decisione.Tipo.ORIENTAMENTO)

    def for_open_data(self):
        """The open register: public decisions with their body, meeting, minutes' approval and action count.

        One query whatever their number; a meeting with more than one approved version of its minutes gives
        its decisions once, with the date of the newest approval.
        """
        approvazione = (
            Verbale.objects.filter(riunione=models.OuterRef("punto__riunione"), stato=Verbale.Stato.APPROVATO)
            .order_by("-approvato_il")
            .values("approvato_il")[:1]
        )
        return (
            self.filter(pk__in=self.pubbliche().values("pk"))
            .select_related("punto__riunione__organo")
            .annotate(numero_azioni=models.Count("azioni"), verbale_approvato_il=models.Subquery(approvazione))
            .order_by("-punto__riunione__inizio", "punto__ordine", "pk")
        )


class Decisione(models.Model):
    """A decision taken on an agenda item, with its vote where one was taken."""

    class Tipo(models.TextChoices):
        ORIENTAMENTO = "orientamento", _("Orientamento strategico")
        ATTIVITA = "attivita", _("Attività condivisa")
        OPERATIVA = "operativa", _("Indicazione operativa")

    class Esito(models.TextChoices):
        APPROVATA = "approvata", _("Approvata")
        RESPINTA = "respinta", _("Respinta")
        CONSENSO = "consenso", _("Condivisa senza votazione")

    punto = models.ForeignKey(
        PuntoOrdineGiorno, on_delete=models.PROTECT, related_name="decisioni", verbose_name=_("punto")
    )
    tipo = models.CharField(_("tipo"), max_length=15, choices=Tipo.choices, default=Tipo.OPERATIVA)
    testo = models.TextField(_("testo della decisione"), max_length=4000)
    esito = models.CharField(_("esito"), max_length=12, choices=Esito.choices, default=Esito.CONSENSO)
    voti_favorevoli = models.PositiveSmallIntegerField(_("voti favorevoli"), null=True, blank=True)
    voti_contrari = models.PositiveSmallIntegerField(_("voti contrari"), null=True, blank=True)
    astenuti = models.PositiveSmallIntegerField(_("astenuti"), null=True, blank=True)
    orientamento = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="attuazioni",
        verbose_name=_("orientamento attuato"),
        help_text=_("L'orientamento strategico dell'assemblea che questa decisione traduce in attività."),
        limit_choices_to={"tipo": "orientamento"},
    )
    creata_il = models.DateTimeField(_("registrata il"), auto_now_add=True)

    objects = DecisioneQuerySet.as_manager()

    class Meta:
        verbose_name = _("decisione")
        verbose_name_plural = _("decisioni")
        ordering = ["-punto__riunione__inizio", "punto__ordine", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(esito="consenso", voti_favorevoli__isnull=True, voti_contrari__isnull=True)
                | Q(~Q(esito="consenso"), voti_favorevoli__isnull=False, voti_contrari__isnull=False),
                name="decisione_voto_coerente",
            ),
            models.CheckConstraint(
                condition=~Q(esito="approvata") | Q(voti_favorevoli__gt=models.F("voti_contrari")),
                name="decisione_approvata_a_maggioranza",
            ),
            models.CheckConstraint(
                condition=~Q(esito="respinta") | Q(voti_favorevoli__lte=models.F("voti_contrari")),
                name="decisione_respinta_senza_maggioranza",
            ),
        ]

    def __str__(self):
        return self.testo[:80]

    @property
    def riunione(self):
        return self.punto.riunione
