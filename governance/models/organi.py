"""Governance bodies (organi) and their members, as the seed document's three levels describe them."""

import math

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import RangeOperators
from django.db import models
from django.db.models import Func, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Visibilita(models.TextChoices):
    PUBBLICA = "pubblica", _("Pubblica")
    PRIVATA = "privata", _("Riservata ai membri")


class DateRange(Func):
    function = "DATERANGE"
    output_field = models.Field()


class OrganoQuerySet(models.QuerySet):
    def pubblici(self):
        return self.filter(visibilita=Visibilita.PUBBLICA, attivo=True)

    def of_member(self, user, *, on=None):
        """Bodies in which ``user`` holds a membership in force on ``on`` (today by default)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(pk__in=MembroOrgano.objects.in_carica(on=on).filter(user=user).values("organo"))

    def visible_to(self, user):
        from governance.permissions import sees_everything

        if sees_everything(user):
            return self
        return self.filter(Q(visibilita=Visibilita.PUBBLICA) | Q(pk__in=self.of_member(user).values("pk")))


class Organo(models.Model):
    """A body of the programme's governance: the assembly, a working table, the committee or the staff."""

    class Tipo(models.TextChoices):
        ASSEMBLEA = "assemblea", _("Assemblea del partenariato")
        TAVOLO = "tavolo", _("Tavolo di lavoro")
        COMITATO = "comitato", _("Comitato di gestione")
        STAFF = "staff", _("Staff di progetto")

    class Livello(models.TextChoices):
        STRATEGICO = "strategico", _("Strategico")
        COORDINAMENTO = "coordinamento", _("Coordinamento")
        OPERATIVO = "operativo", _("Operativo")

    class Quorum(models.TextChoices):
        NESSUNO = "nessuno", _("Nessun quorum")
        UN_TERZO = "un_terzo", _("Almeno un terzo dei membri")
        MAGGIORANZA = "maggioranza", _("Maggioranza assoluta dei membri (metà più uno)")
        DUE_TERZI = "due_terzi", _("Almeno due terzi dei membri")

    LIVELLO_DEL_TIPO = {
        Tipo.ASSEMBLEA: Livello.STRATEGICO,
        Tipo.TAVOLO: Livello.STRATEGICO,
        Tipo.COMITATO: Livello.COORDINAMENTO,
        Tipo.STAFF: Livello.OPERATIVO,
    }

    nome = models.CharField(_("nome"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    tipo = models.CharField(_("tipo"), max_length=20, choices=Tipo.choices)
    tema = models.CharField(
        _("tema"), max_length=200, blank=True, help_text=_("Per i tavoli di lavoro: il tema che affrontano.")
    )
    descrizione = models.TextField(_("descrizione"), blank=True, max_length=4000)
    visibilita = models.CharField(
        _("visibilità"),
        max_length=10,
        choices=Visibilita.choices,
        default=Visibilita.PUBBLICA,
        help_text=_("Un organo pubblico appare sul portale con i suoi membri, le riunioni pubbliche e i verbali."),
    )
    giorni_preavviso = models.PositiveSmallIntegerField(
        _("giorni di preavviso della convocazione"),
        default=7,
        help_text=_("La convocazione parte per e-mail almeno questi giorni prima della riunione."),
    )
    quorum = models.CharField(
        _("quorum costitutivo"), max_length=20, choices=Quorum.choices, default=Quorum.MAGGIORANZA
    )
    deleghe_ammesse = models.BooleanField(
        _("deleghe ammesse"),
        default=True,
        help_text=_("Se un membro assente può delegare un altro membro, e la delega conta per il quorum."),
    )
    attivo = models.BooleanField(_("attivo"), default=True)
    ordine = models.PositiveSmallIntegerField(_("ordine"), default=0)
    creato_il = models.DateTimeField(_("creato il"), auto_now_add=True)

    objects = OrganoQuerySet.as_manager()

    class Meta:
        verbose_name = _("organo")
        verbose_name_plural = _("organi")
        ordering = ["ordine", "nome"]
        constraints = [
            models.CheckConstraint(condition=Q(giorni_preavviso__lte=60), name="organo_preavviso_ragionevole"),
        ]

    def __str__(self):
        return self.nome

    def get_absolute_url(self):
        return reverse("governance:organo", kwargs={"slug": self.slug})

    @property
    def livello(self):
        return self.LIVELLO_DEL_TIPO[self.tipo]

    @property
    def is_public(self):
        return self.visibilita == Visibilita.PUBBLICA

    def quorum_richiesto(self, membri: int) -> int:
        """How many members (present or represented by a delegation) make the meeting valid."""
        if self.quorum == self.Quorum.NESSUNO or membri == 0:
            return 0
        if self.quorum == self.Quorum.UN_TERZO:
            return math.ceil(membri / 3)
        if self.quorum == self.Quorum.DUE_TERZI:
            return math.ceil(membri * 2 / 3)
        return membri // 2 + 1


class MembroOrganoQuerySet(models.QuerySet):
    def in_carica(self, *, on=None):
        """Memberships in force on ``on`` (a date; today by default)."""
        day = on or timezone.localdate()
        return self.filter(Q(al__isnull=True) | Q(al__gte=day), dal__lte=day)


class MembroOrgano(models.Model):
    """A person sitting in a body, possibly on behalf of an organisation, for a period."""

    class Ruolo(models.TextChoices):
        PRESIDENTE = "presidente", _("Presidente")
        SEGRETARIO = "segretario", _("Segretario")
        MEMBRO = "membro", _("Membro")

    organo = models.ForeignKey(Organo, on_delete=models.CASCADE, related_name="membri", verbose_name=_("organo"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="incarichi_organo",
        verbose_name=_("persona"),
    )
    ente = models.ForeignKey(
        "costellazioni.Ente",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="membri_organo",
        verbose_name=_("ente rappresentato"),
        help_text=_("Vuoto se la persona partecipa a titolo personale o per il Comune."),
    )
    ruolo = models.CharField(_("ruolo"), max_length=12, choices=Ruolo.choices, default=Ruolo.MEMBRO)
    dal = models.DateField(_("dal"), default=timezone.localdate)
    al = models.DateField(_("al"), null=True, blank=True, help_text=_("Vuoto se l'incarico è in corso."))
    consenso_pubblicazione = models.BooleanField(
        _("consenso a pubblicare il nome"),
        default=False,
        help_text=_("Senza consenso le pagine pubbliche mostrano solo il ruolo e l'ente rappresentato."),
    )

    objects = MembroOrganoQuerySet.as_manager()

    class Meta:
        verbose_name = _("membro di organo")
        verbose_name_plural = _("membri di organo")
        ordering = ["organo", "ruolo", "user__last_name", "user__first_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(al__isnull=True) | Q(al__gte=models.F("dal")), name="membro_al_dopo_dal"
            ),
            ExclusionConstraint(
                name="membro_senza_incarichi_sovrapposti",
                expressions=[
                    ("organo", RangeOperators.EQUAL),
                    ("user", RangeOperators.EQUAL),
                    (DateRange("dal", "al", models.Value("[]")), RangeOperators.OVERLAPS),
                ],
                violation_error_message=_("Questa persona è già membro dell'organo in quel periodo."),
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.organo}"

    @property
    def nome_pubblico(self):
        """The name the public pages show: the person's only with recorded consent."""
        if self.consenso_pubblicazione:
            return str(self.user)
        return str(self.ente) if self.ente_id else str(_("Rappresentante del Comune"))
