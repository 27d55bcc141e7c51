"""The evaluation board of a call: members, conflict-of-interest declarations, assignments and score sheets."""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from contributi.models.bandi import Bando, CriterioValutazione
from contributi.models.candidature import Candidatura, automatic_conflict


class MembroCommissione(models.Model):
    bando = models.ForeignKey(Bando, on_delete=models.CASCADE, related_name="commissione", verbose_name=_("bando"))
    utente = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="commissioni", verbose_name=_("componente")
    )
    presidente = models.BooleanField(_("presidente"), default=False)
    nominato_il = models.DateTimeField(_("nominato il"), auto_now_add=True)

    class Meta:
        verbose_name = _("componente della commissione")
        verbose_name_plural = _("commissione di valutazione")
        ordering = ["bando", "-presidente", "utente__last_name"]
        constraints = [
            models.UniqueConstraint(fields=["bando", "utente"], name="commissione_unique_member"),
            models.UniqueConstraint(fields=["bando"], condition=Q(presidente=True), name="commissione_one_president"),
        ]

    def __str__(self):
        return self.utente.get_full_name() or self.utente.email


class DichiarazioneConflitto(models.Model):
    """A member's declaration, for one application, of whether they have a conflict of interest."""

    membro = models.ForeignKey(
        MembroCommissione, on_delete=models.CASCADE, related_name="dichiarazioni", verbose_name=_("componente")
    )
    candidatura = models.ForeignKey(
        Candidatura, on_delete=models.CASCADE, related_name="dichiarazioni_conflitto", verbose_name=_("candidatura")
    )
    conflitto = models.BooleanField(_("conflitto di interessi"))
    nota = models.TextField(_("nota"), blank=True, default="", help_text=_("In caso di conflitto, il motivo."))
    dichiarata_il = models.DateTimeField(_("dichiarata il"), auto_now_add=True)

    class Meta:
        verbose_name = _("dichiarazione sul conflitto di interessi")
        verbose_name_plural = _("dichiarazioni sul conflitto di interessi")
        ordering = ["candidatura", "membro"]
        constraints = [
            models.UniqueConstraint(fields=["membro", "candidatura"], name="conflitto_one_declaration"),
            models.CheckConstraint(condition=Q(conflitto=False) | ~Q(nota=""), name="conflitto_has_reason"),
        ]

    def __str__(self):
        return f"{self.membro} — {self.candidatura}"


class AssegnazioneQuerySet(models.QuerySet):
    def without_conflict(self):
        conflicted = DichiarazioneConflitto.objects.filter(
            membro_id=OuterRef("membro_id"), candidatura_id=OuterRef("candidatura_id"), conflitto=True
        )
        return self.filter(~Exists(conflicted)).exclude(automatic_conflict("membro__utente_id", path="candidatura__"))


class Assegnazione(models.Model):
    membro = models.ForeignKey(
        MembroCommissione, on_delete=models.CASCADE, related_name="assegnazioni", verbose_name=_("componente")
    )
    candidatura = models.ForeignKey(
        Candidatura, on_delete=models.CASCADE, related_name="assegnazioni", verbose_name=_("candidatura")
    )
    assegnata_il = models.DateTimeField(_("assegnata il"), auto_now_add=True)
    assegnata_da = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("assegnata da")
    )

    objects = AssegnazioneQuerySet.as_manager()

    class Meta:
        verbose_name = _("assegnazione")
        verbose_name_plural = _("assegnazioni")
        ordering = ["candidatura", "membro"]
        constraints = [models.UniqueConstraint(fields=["membro", "candidatura"], name="assegnazione_unique")]

    def __str__(self):
        return f"{self.membro} — {self.candidatura}"


class ValutazioneQuerySet(models.QuerySet):
    def submitted(self):
        return self.filter(inviata_il__isnull=False)

    def individual(self):
        return self.filter(consenso=False)

    def conflicted(self):
        """Sheets by a member with a conflict of interest the portal sees on the application they score."""
        return self.filter(automatic_conflict("membro__utente_id", path="candidatura__"))

    def visible_to(self, user):
        """Score sheets a person may read.

        Staff read all; a board member reads their own (the president also the consensus sheet they enter), and
        the others' on an application only once they submitted their own sheet for it; never where they declared
        a conflict.
        """
        from contributi.permissions import sees_all_valutazioni

        if not user.is_authenticated:
            return self.none()
        if sees_all_valutazioni(user):
            return self
        own_submitted = Valutazione.objects.filter(
            candidatura_id=OuterRef("candidatura_id"), membro__utente=user, consenso=False, inviata_il__isnull=False
        )
        conflicted = DichiarazioneConflitto.objects.filter(
            candidatura_id=OuterRef("candidatura_id"), membro__utente=user, conflitto=True
        )
        return self.filter(Q(membro__utente=user) | Exists(own_submitted)).exclude(
            Exists(conflicted) | automatic_conflict(user, path="candidatura__")
        )


class Valutazione(models.Model):
    """One member's score sheet for one application, or (``consenso``) the board's, entered by the president."""

    membro = models.ForeignKey(
        MembroCommissione, on_delete=models.PROTECT, related_name="valutazioni", verbose_name=_("componente")
    )
    candidatura = models.ForeignKey(
        Candidatura, on_delete=models.CASCADE, related_name="valutazioni", verbose_name=_("candidatura")
    )
    consenso = models.BooleanField(
        _("punteggio collegiale"), default=False, help_text=_("Il punteggio concordato, inserito dal presidente.")
    )
    commento = models.TextField(_("giudizio complessivo"), blank=True, default="")
    totale = models.DecimalField(_("punteggio totale"), max_digits=7, decimal_places=2, null=True, blank=True)
    inviata_il = models.DateTimeField(_("inviata il"), null=True, blank=True)
    aggiornata_il = models.DateTimeField(_("aggiornata il"), auto_now=True)

    objects = ValutazioneQuerySet.as_manager()

    class Meta:
        verbose_name = _("scheda di valutazione")
        verbose_name_plural = _("schede di valutazione")
        ordering = ["candidatura", "consenso", "membro"]
        constraints = [
            models.UniqueConstraint(fields=["membro", "candidatura", "consenso"], name="valutazione_one_per_member"),
            models.UniqueConstraint(
                fields=["candidatura"], condition=Q(consenso=True), name="valutazione_one_consensus"
            ),
            models.CheckConstraint(
                condition=Q(inviata_il__isnull=True) | Q(totale__isnull=False), name="valutazione_submitted_total"
            ),
        ]

    def __str__(self):
        return f"{self.candidatura} — {self.membro}"

    @property
    def is_submitted(self) -> bool:
        return self.inviata_il is not None


class Punteggio(models.Model):
    """The points of one criterion on one sheet; ``massimo`` is the criterion's maximum, tied to it by a foreign key."""

    valutazione = models.ForeignKey(
        Valutazione, on_delete=models.CASCADE, related_name="punteggi", verbose_name=_("scheda")
    )
    criterio = models.ForeignKey(
        CriterioValutazione, on_delete=models.PROTECT, related_name="punteggi", verbose_name=_("criterio")
    )
    massimo = models.PositiveSmallIntegerField(_("punteggio massimo"))
    punti = models.DecimalField(_("punti"), max_digits=5, decimal_places=2)
    commento = models.TextField(_("motivazione"), blank=True, default="")

    class Meta:
        verbose_name = _("punteggio")
        verbose_name_plural = _("punteggi")
        ordering = ["valutazione", "criterio__ordine", "criterio__codice"]
        constraints = [
            models.UniqueConstraint(fields=["valutazione", "criterio"], name="punteggio_one_per_criterion"),
            models.CheckConstraint(
                condition=Q(punti__gte=0, punti__lte=models.F("massimo")),
                name="punteggio_within_criterion_max",
                violation_error_message=_("Il punteggio deve essere compreso tra 0 e il massimo del criterio."),
            ),
        ]

    def __str__(self):
        return f"{self.criterio.codice}: {self.punti}"
