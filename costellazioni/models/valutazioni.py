from django.db import models
from django.utils.translation import gettext_lazy as _


class ValutazionePagina(models.Model):
    """An answer to "Quanto sono chiare le informazioni su questa pagina?"; anonymous by design."""

    class Aspetto(models.TextChoices):
        # The follow-up options of the Designers Italia rating widget.
        INDICAZIONI_CHIARE = "indicazioni_chiare", _("Le indicazioni erano chiare")
        INFORMAZIONI_AGGIORNATE = "informazioni_aggiornate", _("Le indicazioni erano complete")
        PROCEDURA_SEMPLICE = "procedura_semplice", _("Capivo sempre che stavo procedendo correttamente")
        NESSUN_PROBLEMA_TECNICO = "nessun_problema_tecnico", _("Non ho avuto problemi tecnici")
        ALTRO_POSITIVO = "altro_positivo", _("Altro")
        INDICAZIONI_POCO_CHIARE = "indicazioni_poco_chiare", _("A volte le indicazioni non erano chiare")
        INFORMAZIONI_INCOMPLETE = "informazioni_incomplete", _("A volte le indicazioni non erano complete")
        PROCEDURA_DIFFICILE = "procedura_difficile", _("A volte non capivo se stavo procedendo correttamente")
        PROBLEMI_TECNICI = "problemi_tecnici", _("Ho avuto problemi tecnici")
        ALTRO_NEGATIVO = "altro_negativo", _("Altro")

    pagina = models.CharField(_("pagina"), max_length=300, db_index=True)
    stelle = models.PositiveSmallIntegerField(_("stelle"))
    aspetto = models.CharField(_("aspetto"), max_length=40, choices=Aspetto.choices, blank=True, default="")
    commento = models.TextField(_("commento"), max_length=200, blank=True, default="")
    creata_il = models.DateTimeField(_("creata il"), auto_now_add=True)

    class Meta:
        verbose_name = _("valutazione di una pagina")
        verbose_name_plural = _("valutazioni delle pagine")
        ordering = ["-creata_il"]
        constraints = [
            models.CheckConstraint(condition=models.Q(stelle__range=(1, 5)), name="valutazione_stelle_1_5"),
        ]

    def __str__(self):
        return f"{self.pagina}: {self.stelle}/5"


class SegnalazioneDisservizio(models.Model):
    """Something on the portal that did not work for someone: a page, a form, a service of a HUB."""

    pagina = models.CharField(
        _("pagina o servizio"), max_length=300, blank=True, default="", help_text=_("Dove hai incontrato il problema.")
    )
    descrizione = models.TextField(_("che cosa non ha funzionato"), max_length=2000)
    nome = models.CharField(_("nome e cognome"), max_length=150, blank=True, default="")
    email = models.EmailField(_("e-mail"), help_text=_("Ti scriviamo a questo indirizzo quando il problema è risolto."))
    autore = models.ForeignKey(
        "costellazioni.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("account"),
    )
    creata_il = models.DateTimeField(_("ricevuta il"), auto_now_add=True)
    gestita_il = models.DateTimeField(_("gestita il"), null=True, blank=True)
    nota_interna = models.TextField(_("nota interna"), blank=True, default="")

    class Meta:
        verbose_name = _("segnalazione di disservizio")
        verbose_name_plural = _("segnalazioni di disservizio")
        ordering = ["-creata_il"]

    def __str__(self):
        return f"{self.creata_il:%d/%m/%Y} — {self.descrizione[:60]}"
