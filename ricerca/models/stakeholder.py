"""Stakeholder engagement: who matters to the programme, how much, and how involved they are over time."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def _da_1_a_5(campo: str, nome: str):
    return models.CheckConstraint(
        condition=models.Q(**{f"{campo}__gte": 1, f"{campo}__lte": 5}),
        name=nome,
        violation_error_message=_("Il valore va da 1 a 5."),
    )


class StakeholderQuerySet(models.QuerySet):
    def con_livello(self):
        """Each stakeholder with its current engagement level (the latest recorded) as ``livello_attuale``."""
        ultimo = LivelloCoinvolgimento.objects.filter(stakeholder=models.OuterRef("pk")).order_by("-data", "-pk")
        return self.annotate(livello_attuale=models.Subquery(ultimo.values("livello")[:1]))


class Stakeholder(models.Model):
    class Tipo(models.TextChoices):
        ETS = "ets", _("Ente del Terzo settore")
        GRUPPO_INFORMALE = "gruppo", _("Gruppo informale")
        PUBBLICO = "pubblico", _("Ente pubblico")
        SCUOLA = "scuola", _("Scuola o università")
        IMPRESA = "impresa", _("Impresa")
        ALTRO = "altro", _("Altro")

    nome = models.CharField(_("nome"), max_length=200, unique=True)
    tipo = models.CharField(_("tipo"), max_length=20, choices=Tipo.choices, default=Tipo.ETS)
    ente = models.ForeignKey(
        "costellazioni.Ente",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stakeholder",
        verbose_name=_("ente registrato"),
        help_text=_("Se l'organizzazione è registrata nel portale."),
    )
    quartiere = models.ForeignKey(
        "costellazioni.Quartiere", on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("quartiere")
    )
    interesse = models.PositiveSmallIntegerField(_("interesse"), default=3, help_text=_("Da 1 (basso) a 5 (alto)."))
    influenza = models.PositiveSmallIntegerField(_("influenza"), default=3, help_text=_("Da 1 (bassa) a 5 (alta)."))
    note = models.TextField(_("note"), blank=True)

    objects = StakeholderQuerySet.as_manager()

    class Meta:
        verbose_name = _("stakeholder")
        verbose_name_plural = _("stakeholder")
        ordering = ["nome"]
        constraints = [
            _da_1_a_5("interesse", "stakeholder_interesse_1_5"),
            _da_1_a_5("influenza", "stakeholder_influenza_1_5"),
        ]

    def __str__(self):
        return self.nome

    def get_absolute_url(self):
        return reverse("ricerca:stakeholder")

    @property
    def quadrante(self) -> str:
        """The 2×2 quadrant: high means above the middle of the 1-5 scale."""
        alto_interesse, alta_influenza = self.interesse > 3, self.influenza > 3
        if alta_influenza and alto_interesse:
            return "coinvolgere"
        if alta_influenza:
            return "soddisfare"
        if alto_interesse:
            return "informare"
        return "monitorare"


class AttivitaCoinvolgimento(models.Model):
    class Tipo(models.TextChoices):
        INTERVISTA = "intervista", _("Intervista")
        FOCUS_GROUP = "focus_group", _("Focus group")
        EVENTO = "evento", _("Evento")
        RIUNIONE = "riunione", _("Riunione")
        QUESTIONARIO = "questionario", _("Questionario")

    tipo = models.CharField(_("tipo"), max_length=20, choices=Tipo.choices)
    titolo = models.CharField(_("titolo"), max_length=200)
    data = models.DateField(_("data"))
    partecipanti = models.PositiveIntegerField(_("partecipanti"), default=0)
    esito = models.TextField(_("esito"), blank=True)
    stakeholder = models.ManyToManyField(
        Stakeholder, blank=True, related_name="attivita", verbose_name=_("stakeholder coinvolti")
    )

    class Meta:
        verbose_name = _("attività di coinvolgimento")
        verbose_name_plural = _("attività di coinvolgimento")
        ordering = ["-data"]

    def __str__(self):
        return f"{self.get_tipo_display()}: {self.titolo}"


class LivelloCoinvolgimento(models.Model):
    """A stakeholder's engagement level from a date on; the latest row is the current level."""

    class Livello(models.IntegerChoices):
        INFORMATO = 1, _("Informato")
        CONSULTATO = 2, _("Consultato")
        COINVOLTO = 3, _("Coinvolto")
        COLLABORANTE = 4, _("Collaborante")
        CO_DECISORE = 5, _("Co-decisore")

    stakeholder = models.ForeignKey(
        Stakeholder, on_delete=models.CASCADE, related_name="livelli", verbose_name=_("stakeholder")
    )
    livello = models.PositiveSmallIntegerField(_("livello"), choices=Livello.choices)
    data = models.DateField(_("dal"))
    attivita = models.ForeignKey(
        AttivitaCoinvolgimento,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("attività che lo ha determinato"),
    )
    nota = models.CharField(_("nota"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("livello di coinvolgimento")
        verbose_name_plural = _("livelli di coinvolgimento")
        ordering = ["stakeholder", "data", "pk"]
        constraints = [
            _da_1_a_5("livello", "livello_coinvolgimento_1_5"),
            models.UniqueConstraint(fields=["stakeholder", "data"], name="livello_coinvolgimento_uno_al_giorno"),
        ]

    def __str__(self):
        return f"{self.stakeholder}: {self.get_livello_display()} ({self.data:%d/%m/%Y})"
