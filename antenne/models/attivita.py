"""The field log of community operators and the follow-ups it creates."""

import uuid

from django.core.files.storage import default_storage
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Concat
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from antenne.models.territorio import Antenna, OperatoreDiComunita
from costellazioni.subqueries import count
from costellazioni.uploads import IMMAGINI, PrivateFileField
from costellazioni.validators import validate_nel_periodo_del_programma


def foto_path(instance, filename):
    # MEDIA_ROOT is private (settings): photos are served only through a permission-checking view.
    return f"antenne/attivita/{instance.uuid}.jpg"


class AttivitaQuerySet(models.QuerySet):
    def visible_to(self, user):
        """An operator sees their own log; a coordinator also their team's; staff everything."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        from antenne.permissions import sees_all_attivita

        if sees_all_attivita(user):
            return self
        operatore = getattr(user, "operatore", None)
        if operatore is None:
            return self.none()
        if operatore.coordinatore:
            return self.filter(Q(operatore=operatore) | Q(operatore__coordinato_da=operatore))
        return self.filter(operatore=operatore)

    def for_list(self):
        return (
            self.select_related("operatore__user", "quartiere")
            .annotate(n_bisogni=_count_bisogni())
            .order_by("-svolta_il", "-pk")
        )

    def log_rows(self):
        """The field log's rows, as dicts of what a row shows: 25 rows of four models each took longer to build
        than to fetch."""
        return (
            self.annotate(n_bisogni=_count_bisogni())
            .order_by("-svolta_il", "-pk")
            .values(
                "pk",
                "tipo",
                "svolta_il",
                "luogo",
                "persone_raggiunte",
                "note",
                "foto",
                "n_bisogni",
                quartiere_nome=F("quartiere__nome"),
                operatore_nome=Concat("operatore__user__first_name", Value(" "), "operatore__user__last_name"),
            )
        )


def _count_bisogni():
    return count(Attivita.bisogni.through.objects.filter(attivita=models.OuterRef("pk")))


class Attivita(models.Model):
    """One piece of field work, logged from a phone, possibly offline and sent later."""

    class Tipo(models.TextChoices):
        ANIMAZIONE = "animazione", _("Animazione territoriale")
        LAVORO_COMUNITA = "lavoro_comunita", _("Lavoro di comunità")
        PRESIDIO = "presidio", _("Presidio")
        INCONTRO_ANTENNA = "incontro_antenna", _("Incontro con antenna")
        ACCOMPAGNAMENTO = "accompagnamento", _("Accompagnamento")
        MEDIAZIONE = "mediazione", _("Mediazione")
        EVENTO = "evento", _("Evento")

    uuid = models.UUIDField(
        _("identificativo"),
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text=_("Generato dal telefono: un invio ripetuto viene registrato una sola volta."),
    )
    operatore = models.ForeignKey(
        OperatoreDiComunita, on_delete=models.PROTECT, related_name="attivita", verbose_name=_("operatore")
    )
    tipo = models.CharField(_("tipo di attività"), max_length=20, choices=Tipo.choices)
    svolta_il = models.DateTimeField(
        _("data e ora"),
        default=timezone.now,
        validators=[validate_nel_periodo_del_programma],
        help_text=_("Dall'inizio del programma (1° gennaio 2021) a oggi."),
    )
    quartiere = models.ForeignKey(
        "costellazioni.Quartiere", on_delete=models.PROTECT, related_name="attivita", verbose_name=_("quartiere")
    )
    luogo = models.CharField(_("luogo"), max_length=200, blank=True)
    persone_raggiunte = models.PositiveIntegerField(_("persone raggiunte"), default=0)
    # Optional monitoring breakdown; each band is at most the total.
    persone_minori = models.PositiveIntegerField(_("di cui minori"), null=True, blank=True)
    persone_adulte = models.PositiveIntegerField(_("di cui adulti (18-64)"), null=True, blank=True)
    persone_anziane = models.PositiveIntegerField(_("di cui over 65"), null=True, blank=True)
    persone_donne = models.PositiveIntegerField(_("di cui donne"), null=True, blank=True)
    persone_uomini = models.PositiveIntegerField(_("di cui uomini"), null=True, blank=True)
    antenne = models.ManyToManyField(Antenna, blank=True, related_name="attivita", verbose_name=_("antenne coinvolte"))
    bisogni = models.ManyToManyField(
        "ricerca.Bisogno", blank=True, related_name="attivita", verbose_name=_("bisogni intercettati")
    )
    note = models.TextField(_("note"), blank=True, max_length=4000)
    foto = PrivateFileField(
        _("foto"),
        upload_to=foto_path,
        storage=default_storage,
        allowed=IMMAGINI,
        blank=True,
        help_text=_("Ridimensionata sul server; la posizione GPS viene rimossa."),
    )
    registrata_il = models.DateTimeField(_("registrata il"), auto_now_add=True)

    objects = AttivitaQuerySet.as_manager()

    class Meta:
        verbose_name = _("attività sul campo")
        verbose_name_plural = _("attività sul campo")
        ordering = ["-svolta_il", "-pk"]
        indexes = [models.Index(fields=["operatore", "-svolta_il"], name="attivita_operatore_data")]
        constraints = [
            models.CheckConstraint(
                condition=(
                    (Q(persone_minori__isnull=True) | Q(persone_minori__lte=F("persone_raggiunte")))
                    & (Q(persone_adulte__isnull=True) | Q(persone_adulte__lte=F("persone_raggiunte")))
                    & (Q(persone_anziane__isnull=True) | Q(persone_anziane__lte=F("persone_raggiunte")))
                    & (Q(persone_donne__isnull=True) | Q(persone_donne__lte=F("persone_raggiunte")))
                    & (Q(persone_uomini__isnull=True) | Q(persone_uomini__lte=F("persone_raggiunte")))
                ),
                name="attivita_breakdown_within_total",
                violation_error_message=_("Nessuna fascia può superare il totale delle persone raggiunte."),
            ),
        ]

    def __str__(self):
        return f"{self.get_tipo_display()} — {self.quartiere} ({self.svolta_il:%Y-%m-%d})"

    def download_url(self, field_name):
        """Where the file is served after the permission check (``PrivateFileField`` links here)."""
        return reverse("operatori:attivita_foto", kwargs={"pk": self.pk})


class SeguitoQuerySet(models.QuerySet):
    def aperti(self):
        return self.filter(fatto_il__isnull=True)

    def in_scadenza(self, giorno):
        return self.aperti().filter(scadenza__lte=giorno)


class Seguito(models.Model):
    """A follow-up an operator promised during an activity, with its due date."""

    attivita = models.ForeignKey(Attivita, on_delete=models.CASCADE, related_name="seguiti", verbose_name=_("attività"))
    operatore = models.ForeignKey(
        OperatoreDiComunita, on_delete=models.PROTECT, related_name="seguiti", verbose_name=_("operatore")
    )
    descrizione = models.CharField(_("cosa fare"), max_length=300)
    scadenza = models.DateField(_("entro il"))
    fatto_il = models.DateTimeField(_("fatto il"), null=True, blank=True)

    objects = SeguitoQuerySet.as_manager()

    class Meta:
        verbose_name = _("cosa da fare")
        verbose_name_plural = _("cose da fare")
        ordering = ["scadenza", "pk"]

    def __str__(self):
        return self.descrizione
