from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class RisorsaQuerySet(models.QuerySet):
    def public(self):
        return self.filter(percorso__pubblicato=True)

    def search(self, *, tipo="", quartiere=None):
        qs = self
        if tipo:
            qs = qs.filter(tipo=tipo)
        if quartiere:
            qs = qs.filter(quartiere=quartiere)
        return qs


class Risorsa(models.Model):
    """What a participant puts in common: a space, volunteers, skills, equipment, funds or data."""

    class Tipo(models.TextChoices):
        SPAZI = "spazi", _("Spazi")
        VOLONTARI = "volontari", _("Volontari")
        COMPETENZE = "competenze", _("Competenze professionali")
        ATTREZZATURE = "attrezzature", _("Attrezzature")
        FONDI = "fondi", _("Fondi")
        DATI = "dati", _("Dati")

    percorso = models.ForeignKey(
        "coprogrammazione.Percorso", on_delete=models.CASCADE, related_name="risorse", verbose_name=_("percorso")
    )
    ente = models.ForeignKey(
        "costellazioni.Ente", on_delete=models.PROTECT, related_name="risorse_condivise", verbose_name=_("ente")
    )
    tipo = models.CharField(_("tipo"), max_length=20, choices=Tipo.choices)
    descrizione = models.CharField(_("descrizione"), max_length=300)
    quantita = models.DecimalField(_("quantità"), max_digits=12, decimal_places=2)
    unita = models.CharField(_("unità di misura"), max_length=40, help_text=_("Per esempio: ore al mese, mq, euro."))
    disponibilita = models.CharField(_("disponibilità"), max_length=200, help_text=_("Quando e per quanto tempo."))
    quartiere = models.ForeignKey(
        "costellazioni.Quartiere",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("quartiere"),
    )
    dichiarata_il = models.DateTimeField(_("dichiarata il"), auto_now_add=True)

    objects = RisorsaQuerySet.as_manager()

    class Meta:
        verbose_name = _("risorsa messa in comune")
        verbose_name_plural = _("risorse messe in comune")
        ordering = ["tipo", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quantita__gt=0),
                name="coprog_risorsa_quantita_positiva",
                violation_error_message=_("La quantità deve essere maggiore di zero."),
            ),
        ]

    def __str__(self):
        return f"{self.get_tipo_display()}: {self.descrizione}"


class CondivisioneRisorsa(models.Model):
    """What was actually shared, from whom to whom, and when (feeds monitoring)."""

    risorsa = models.ForeignKey(
        Risorsa, on_delete=models.PROTECT, related_name="condivisioni", verbose_name=_("risorsa")
    )
    beneficiario = models.ForeignKey(
        "costellazioni.Ente", on_delete=models.PROTECT, related_name="risorse_ricevute", verbose_name=_("beneficiario")
    )
    data = models.DateField(_("data"))
    quantita = models.DecimalField(_("quantità"), max_digits=12, decimal_places=2)
    note = models.TextField(_("note"), blank=True, default="")

    class Meta:
        verbose_name = _("condivisione di risorsa")
        verbose_name_plural = _("condivisioni di risorse")
        ordering = ["-data", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quantita__gt=0),
                name="coprog_condivisione_quantita_positiva",
                violation_error_message=_("La quantità deve essere maggiore di zero."),
            ),
        ]

    def __str__(self):
        return f"{self.risorsa} → {self.beneficiario}"


class DocumentoIstruttorio(models.Model):
    """One version of the final document (documento istruttorio finale), made of strategic lines."""

    percorso = models.ForeignKey(
        "coprogrammazione.Percorso",
        on_delete=models.CASCADE,
        related_name="documenti_istruttori",
        verbose_name=_("percorso"),
    )
    versione = models.PositiveSmallIntegerField(_("versione"), default=1)
    premessa = models.TextField(_("premessa"), blank=True, default="")
    approvato_il = models.DateField(_("approvato il"), null=True, blank=True)

    class Meta:
        verbose_name = _("documento istruttorio finale")
        verbose_name_plural = _("documenti istruttori finali")
        ordering = ["percorso", "-versione"]
        constraints = [
            models.UniqueConstraint(
                fields=["percorso", "versione"],
                name="coprog_documento_versione_unica",
                violation_error_message=_("Questa versione del documento esiste già."),
            ),
        ]

    def __str__(self):
        return _("%(percorso)s, versione %(versione)s") % {"percorso": self.percorso, "versione": self.versione}


class LineaStrategica(models.Model):
    """A shared strategic line of intervention, part of one version of the final document."""

    documento = models.ForeignKey(
        DocumentoIstruttorio, on_delete=models.CASCADE, related_name="linee", verbose_name=_("documento")
    )
    ordine = models.PositiveSmallIntegerField(_("ordine"), default=1)
    titolo = models.CharField(_("titolo"), max_length=200)
    descrizione = models.TextField(_("descrizione"))
    risultati_attesi = models.TextField(_("risultati attesi"), blank=True, default="")
    elementi_toc = models.ManyToManyField(
        "ricerca.ElementoToc",
        blank=True,
        related_name="linee_strategiche",
        verbose_name=_("elementi della teoria del cambiamento"),
        help_text=_("Gli elementi della teoria del cambiamento a cui la linea contribuisce."),
    )

    class Meta:
        verbose_name = _("linea strategica")
        verbose_name_plural = _("linee strategiche")
        ordering = ["documento", "ordine", "pk"]

    def __str__(self):
        return self.titolo
