"""Interviews and focus groups, with coded themes and quotes that findings can be counted from."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Intervista(models.Model):
    class Tipo(models.TextChoices):
        INTERVISTA = "intervista", _("Intervista")
        FOCUS_GROUP = "focus_group", _("Focus group")

    tipo = models.CharField(_("tipo"), max_length=20, choices=Tipo.choices, default=Tipo.INTERVISTA)
    titolo = models.CharField(_("titolo"), max_length=200)
    data = models.DateField(_("data"))
    protocollo = models.TextField(_("protocollo usato"), help_text=_("La traccia di domande o il metodo seguito."))
    partecipanti = models.PositiveIntegerField(_("numero di partecipanti"), default=1)
    profilo_partecipanti = models.CharField(
        _("chi ha partecipato"),
        max_length=300,
        help_text=_("Solo numeri e ruoli, per esempio «3 volontari, 2 operatrici»: niente nomi."),
    )
    note = models.TextField(_("note o trascrizione"), blank=True)
    condotta_da = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("condotta da")
    )

    class Meta:
        verbose_name = _("intervista o focus group")
        verbose_name_plural = _("interviste e focus group")
        ordering = ["-data"]
        constraints = [
            models.CheckConstraint(condition=models.Q(partecipanti__gte=1), name="intervista_almeno_un_partecipante")
        ]

    def __str__(self):
        return f"{self.get_tipo_display()}: {self.titolo}"


class Tema(models.Model):
    nome = models.CharField(_("nome"), max_length=100, unique=True)
    descrizione = models.TextField(_("descrizione"), blank=True)

    class Meta:
        verbose_name = _("tema")
        verbose_name_plural = _("temi")
        ordering = ["nome"]

    def __str__(self):
        return self.nome


class Citazione(models.Model):
    """A coded passage: a quote from an interview tagged with a theme, linkable to needs and ToC elements."""

    intervista = models.ForeignKey(
        Intervista, on_delete=models.CASCADE, related_name="citazioni", verbose_name=_("intervista")
    )
    tema = models.ForeignKey(Tema, on_delete=models.PROTECT, related_name="citazioni", verbose_name=_("tema"))
    testo = models.TextField(_("citazione"))
    bisogni = models.ManyToManyField("ricerca.Bisogno", blank=True, related_name="citazioni", verbose_name=_("bisogni"))
    elementi_toc = models.ManyToManyField(
        "ricerca.ElementoToc",
        blank=True,
        related_name="citazioni",
        verbose_name=_("elementi della teoria del cambiamento"),
    )

    class Meta:
        verbose_name = _("citazione codificata")
        verbose_name_plural = _("citazioni codificate")

    def __str__(self):
        return f"{self.tema}: {self.testo[:60]}"
