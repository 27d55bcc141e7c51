"""The care of the network (contacts with the City's social services) and partnerships for strategic projects."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ContattoReteQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Community operators and staff: the log is a working tool, never public."""
        from governance.permissions import can_use_contatti

        return self if can_use_contatti(user) else self.none()


class ContattoRete(models.Model):
    """One contact between a community operator and an operator of the City's social services."""

    class Esito(models.TextChoices):
        RISOLTO = "risolto", _("Risolto")
        IN_CORSO = "in_corso", _("In corso, da seguire")
        INVIATO = "inviato", _("Persona inviata al servizio")
        NESSUNO = "nessuno", _("Solo scambio di informazioni")

    data = models.DateField(_("data"))
    operatore = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="contatti_rete",
        verbose_name=_("operatore di comunità"),
    )
    servizio = models.CharField(
        _("servizio sociale"), max_length=200, help_text=_("Es. Servizio sociale territoriale Mestre Centro.")
    )
    persone = models.CharField(
        _("persone coinvolte"),
        max_length=300,
        help_text=_("Ruoli degli operatori, non dati delle persone seguite."),
    )
    argomento = models.CharField(_("argomento"), max_length=300)
    esito = models.CharField(_("esito"), max_length=12, choices=Esito.choices)
    seguiti = models.TextField(_("prossimi passi"), blank=True, max_length=2000)
    creato_il = models.DateTimeField(_("creato il"), auto_now_add=True)

    objects = ContattoReteQuerySet.as_manager()

    class Meta:
        verbose_name = _("contatto con i servizi sociali")
        verbose_name_plural = _("cura della rete: contatti con i servizi sociali")
        ordering = ["-data", "-pk"]

    def __str__(self):
        return f"{self.data:%d/%m/%Y} — {self.servizio}: {self.argomento}"


class Partenariato(models.Model):
    """A partnership built to support a strategic project of the programme."""

    class Stato(models.TextChoices):
        IN_COSTRUZIONE = "in_costruzione", _("In costruzione")
        ATTIVO = "attivo", _("Attivo")
        CONCLUSO = "concluso", _("Concluso")

    nome = models.CharField(_("nome"), max_length=200)
    progetto = models.CharField(_("progetto strategico"), max_length=250)
    finalita = models.TextField(_("finalità"), max_length=4000)
    partner = models.ManyToManyField(
        "costellazioni.Ente", related_name="partenariati_strategici", verbose_name=_("partner")
    )
    organo = models.ForeignKey(
        "governance.Organo",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="partenariati",
        verbose_name=_("organo promotore"),
    )
    stato = models.CharField(_("stato"), max_length=15, choices=Stato.choices, default=Stato.IN_COSTRUZIONE)
    avviato_il = models.DateField(_("avviato il"), null=True, blank=True)

    class Meta:
        verbose_name = _("partenariato")
        verbose_name_plural = _("partenariati")
        ordering = ["nome"]

    def __str__(self):
        return self.nome
