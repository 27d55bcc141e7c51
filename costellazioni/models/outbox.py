"""The outbox: what must happen after a commit (a receipt, an e-mail), recorded in the same transaction.

A row is written with the change that calls for it, so a committed change always has its follow-up on record,
whether or not the queue was reachable at that moment. ``costellazioni.services.outbox`` runs the rows; a beat
task re-queues those still waiting, with a growing pause between attempts, and a row that fails every attempt
ends as ``fallita``, where staff see it in the admin and can send it again.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OperazioneInCodaQuerySet(models.QuerySet):
    def due(self, now=None):
        """Waiting rows whose next attempt has come."""
        return self.filter(stato=OperazioneInCoda.Stato.IN_ATTESA, prossimo_tentativo__lte=now or timezone.now())

    def stale(self, *, older_than):
        """Rows whose run started before ``older_than`` and never finished: the process running them died."""
        return self.filter(stato=OperazioneInCoda.Stato.IN_CORSO, iniziata_il__lt=older_than)

    def for_object(self, obj):
        return self.filter(content_type=ContentType.objects.get_for_model(obj), oggetto_id=obj.pk)


class OperazioneInCoda(models.Model):
    """One thing to do after a commit: e-mail a message, render and send a receipt."""

    class Stato(models.TextChoices):
        IN_ATTESA = "in_attesa", _("In attesa")
        IN_CORSO = "in_corso", _("In corso")
        ESEGUITA = "eseguita", _("Eseguita")
        FALLITA = "fallita", _("Fallita")

    tipo = models.CharField(
        _("tipo"), max_length=60, help_text=_("Che cosa fare, come registrato dall'app (per esempio la ricevuta).")
    )
    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("tipo di oggetto")
    )
    oggetto_id = models.PositiveBigIntegerField(_("oggetto"), null=True, blank=True)
    dati = models.JSONField(_("dati"), default=dict, blank=True, help_text=_("Quanto serve per eseguirla."))
    stato = models.CharField(_("stato"), max_length=12, choices=Stato.choices, default=Stato.IN_ATTESA)
    tentativi = models.PositiveSmallIntegerField(_("tentativi falliti"), default=0)
    prossimo_tentativo = models.DateTimeField(_("prossimo tentativo"), default=timezone.now)
    ultimo_errore = models.TextField(_("ultimo errore"), blank=True, default="")
    creata_il = models.DateTimeField(_("creata il"), auto_now_add=True)
    iniziata_il = models.DateTimeField(_("iniziata il"), null=True, blank=True)
    eseguita_il = models.DateTimeField(_("eseguita il"), null=True, blank=True)

    objects = OperazioneInCodaQuerySet.as_manager()

    class Meta:
        verbose_name = _("operazione in coda")
        verbose_name_plural = _("operazioni in coda")
        ordering = ["-creata_il", "-id"]
        indexes = [models.Index(fields=["stato", "prossimo_tentativo"], name="operazione_due_idx")]
        constraints = [
            # One receipt per application, one e-mail per message: enqueueing twice finds the first row.
            models.UniqueConstraint(
                fields=["tipo", "content_type", "oggetto_id"],
                condition=models.Q(oggetto_id__isnull=False),
                name="operazione_once_per_object",
            ),
            models.CheckConstraint(
                condition=models.Q(content_type__isnull=True, oggetto_id__isnull=True)
                | models.Q(content_type__isnull=False, oggetto_id__isnull=False),
                name="operazione_target_whole",
            ),
            models.CheckConstraint(
                condition=models.Q(stato="eseguita", eseguita_il__isnull=False)
                | (~models.Q(stato="eseguita") & models.Q(eseguita_il__isnull=True)),
                name="operazione_done_has_time",
            ),
            models.CheckConstraint(
                condition=~models.Q(stato="in_corso") | models.Q(iniziata_il__isnull=False),
                name="operazione_running_has_start",
            ),
        ]

    def __str__(self):
        return f"{self.tipo} #{self.pk}"
