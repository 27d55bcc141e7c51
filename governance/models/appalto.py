"""Oversight of the contract: the contractor's periodic activity reports and the staff's site visits."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from costellazioni.uploads import IMMAGINI, PDF_O_IMMAGINI, PrivateFileField


class MacroAzione(models.TextChoices):
    RICERCA = "ricerca", _("1. Ricerca-azione")
    COPROGRAMMAZIONE = "coprogrammazione", _("2. Co-programmazione")
    HUB = "hub", _("3. Attivazione e messa in rete di HUB")
    CONTRIBUTI = "contributi", _("4. Contributi alle organizzazioni sociali")
    MONITORAGGIO = "monitoraggio", _("5. Monitoraggio e valutazione")


class AppaltoQuerySet(models.QuerySet):
    def in_corso(self, *, on=None):
        from django.utils import timezone

        day = on or timezone.localdate()
        return self.filter(Q(al__isnull=True) | Q(al__gte=day), dal__lte=day)


class Appalto(models.Model):
    """The service contract whose contractor (soggetto appaltatore) reports its activity to the project staff."""

    appaltatore = models.ForeignKey(
        "costellazioni.Ente", on_delete=models.PROTECT, related_name="appalti", verbose_name=_("soggetto appaltatore")
    )
    oggetto = models.CharField(_("oggetto del contratto"), max_length=300)
    cig = models.CharField(_("CIG"), max_length=10, blank=True, help_text=_("Codice identificativo di gara."))
    dal = models.DateField(_("dal"))
    al = models.DateField(_("al"), null=True, blank=True)

    objects = AppaltoQuerySet.as_manager()

    class Meta:
        verbose_name = _("appalto")
        verbose_name_plural = _("appalti")
        ordering = ["-dal"]
        constraints = [
            models.CheckConstraint(condition=Q(al__isnull=True) | Q(al__gte=models.F("dal")), name="appalto_periodo")
        ]

    def __str__(self):
        return f"{self.oggetto} — {self.appaltatore}"


class RapportoAppaltatoreQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Staff see every report; the contractor's representatives see their own ente's."""
        from governance.permissions import sees_everything

        if sees_everything(user):
            return self
        if not user.is_authenticated:
            return self.none()
        return self.filter(appaltatore__memberships__user=user, appaltatore__memberships__stato="verificata")

    def da_esaminare(self):
        return self.filter(stato=RapportoAppaltatore.Stato.INVIATO)


class RapportoAppaltatore(models.Model):
    """A periodic activity report of the contractor (soggetto appaltatore), reviewed by the project staff."""

    class Stato(models.TextChoices):
        BOZZA = "bozza", _("Bozza")
        INVIATO = "inviato", _("Inviato")
        MODIFICHE_RICHIESTE = "modifiche_richieste", _("Modifiche richieste")
        ACCETTATO = "accettato", _("Accettato")

    appaltatore = models.ForeignKey(
        "costellazioni.Ente",
        on_delete=models.PROTECT,
        related_name="rapporti_appalto",
        verbose_name=_("soggetto appaltatore"),
    )
    periodo_dal = models.DateField(_("periodo dal"))
    periodo_al = models.DateField(_("periodo al"))
    problemi = models.TextField(_("criticità incontrate"), blank=True, max_length=4000)
    stato = models.CharField(_("stato"), max_length=20, choices=Stato.choices, default=Stato.BOZZA)
    inviato_il = models.DateTimeField(_("inviato il"), null=True, blank=True)
    autore = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("redatto da")
    )
    creato_il = models.DateTimeField(_("creato il"), auto_now_add=True)

    objects = RapportoAppaltatoreQuerySet.as_manager()

    class Meta:
        verbose_name = _("relazione del soggetto appaltatore")
        verbose_name_plural = _("relazioni del soggetto appaltatore")
        ordering = ["-periodo_al", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(periodo_al__gte=models.F("periodo_dal")), name="rapporto_periodo"),
            models.UniqueConstraint(fields=["appaltatore", "periodo_dal"], name="rapporto_uno_per_periodo"),
        ]

    def __str__(self):
        return _("Relazione %(ente)s, %(dal)s – %(al)s") % {
            "ente": self.appaltatore,
            "dal": self.periodo_dal.strftime("%d/%m/%Y"),
            "al": self.periodo_al.strftime("%d/%m/%Y"),
        }


class AttivitaRapporto(models.Model):
    """The activities of one macro-action in a report."""

    rapporto = models.ForeignKey(
        RapportoAppaltatore, on_delete=models.CASCADE, related_name="attivita", verbose_name=_("relazione")
    )
    macro_azione = models.CharField(_("macro-azione"), max_length=20, choices=MacroAzione.choices)
    descrizione = models.TextField(_("attività svolte"), max_length=4000)
    ore = models.DecimalField(_("ore"), max_digits=7, decimal_places=1, default=0)
    persone_raggiunte = models.PositiveIntegerField(_("persone raggiunte"), default=0)

    class Meta:
        verbose_name = _("attività della relazione")
        verbose_name_plural = _("attività della relazione")
        ordering = ["rapporto", "macro_azione"]
        constraints = [
            models.UniqueConstraint(fields=["rapporto", "macro_azione"], name="rapporto_macro_azione_unica"),
            models.CheckConstraint(condition=Q(ore__gte=0), name="rapporto_ore_non_negative"),
        ]

    def __str__(self):
        return self.get_macro_azione_display()


class AllegatoRapporto(models.Model):
    rapporto = models.ForeignKey(
        RapportoAppaltatore, on_delete=models.CASCADE, related_name="allegati", verbose_name=_("relazione")
    )
    file = PrivateFileField(_("file"), allowed=PDF_O_IMMAGINI, upload_to="governance/rapporti/%Y/")
    nome_originale = models.CharField(_("nome del file"), max_length=200)
    content_type = models.CharField(_("tipo"), max_length=50)
    sha256 = models.CharField(_("impronta SHA-256"), max_length=64)
    caricato_il = models.DateTimeField(_("caricato il"), auto_now_add=True)

    class Meta:
        verbose_name = _("allegato della relazione")
        verbose_name_plural = _("allegati della relazione")

    def __str__(self):
        return self.nome_originale


class CommentoRapporto(models.Model):
    """A comment of the staff (or the contractor's answer) on a report."""

    rapporto = models.ForeignKey(
        RapportoAppaltatore, on_delete=models.CASCADE, related_name="commenti", verbose_name=_("relazione")
    )
    autore = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("autore")
    )
    testo = models.TextField(_("commento"), max_length=4000)
    creato_il = models.DateTimeField(_("scritto il"), auto_now_add=True)

    class Meta:
        verbose_name = _("commento alla relazione")
        verbose_name_plural = _("commenti alla relazione")
        ordering = ["rapporto", "creato_il", "pk"]

    def __str__(self):
        return self.testo[:80]


class Sopralluogo(models.Model):
    """A targeted site visit of the project staff."""

    data = models.DateField(_("data"))
    hub = models.ForeignKey(
        "hubs.Hub", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("HUB")
    )
    luogo = models.CharField(_("luogo"), max_length=250, blank=True)
    partecipanti = models.TextField(_("partecipanti"), max_length=2000)
    esiti = models.TextField(_("rilievi"), max_length=8000)
    seguiti = models.TextField(_("azioni conseguenti"), blank=True, max_length=4000)
    autore = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("registrato da")
    )
    creato_il = models.DateTimeField(_("creato il"), auto_now_add=True)

    class Meta:
        verbose_name = _("sopralluogo")
        verbose_name_plural = _("sopralluoghi")
        ordering = ["-data", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(hub__isnull=False) | ~Q(luogo=""), name="sopralluogo_ha_un_luogo")
        ]

    def __str__(self):
        return _("Sopralluogo del %(data)s, %(luogo)s") % {
            "data": self.data.strftime("%d/%m/%Y"),
            "luogo": self.hub.nome if self.hub_id else self.luogo,
        }

    def get_absolute_url(self):
        return reverse("governance:sopralluogo", args=[self.pk])


class FotoSopralluogo(models.Model):
    sopralluogo = models.ForeignKey(
        Sopralluogo, on_delete=models.CASCADE, related_name="foto", verbose_name=_("sopralluogo")
    )
    file = PrivateFileField(_("foto"), allowed=IMMAGINI, upload_to="governance/sopralluoghi/%Y/")
    didascalia = models.CharField(_("didascalia"), max_length=250, help_text=_("Descrive la foto a chi non la vede."))
    content_type = models.CharField(_("tipo"), max_length=50)
    sha256 = models.CharField(_("impronta SHA-256"), max_length=64)

    class Meta:
        verbose_name = _("foto del sopralluogo")
        verbose_name_plural = _("foto del sopralluogo")

    def __str__(self):
        return self.didascalia
