from django.conf import settings
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils.translation import gettext_lazy as _


class MessaggioQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(destinatario=user)

    def unread(self):
        return self.filter(letto_il__isnull=True)

    def awaiting_digest(self):
        return self.filter(email_inviata_il__isnull=True, destinatario__email_digest="daily")


class Messaggio(models.Model):
    """A message in a person's area personale; also e-mailed according to their preference.

    ``tipo`` is a notification kind some app registered from its ``apps.py`` (``costellazioni.codes``).
    """

    destinatario = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="messaggi", verbose_name=_("destinatario")
    )
    tipo = models.CharField(
        _("tipo"),
        max_length=40,
        default="avviso",
        help_text=_("Il codice del tipo di avviso, registrato dall'app che lo invia."),
    )
    oggetto = models.CharField(_("oggetto"), max_length=200)
    testo = models.TextField(_("testo"))
    link = models.CharField(_("collegamento"), max_length=300, blank=True, default="")
    creato_il = models.DateTimeField(_("creato il"), auto_now_add=True, db_index=True)
    letto_il = models.DateTimeField(_("letto il"), null=True, blank=True)
    email_inviata_il = models.DateTimeField(_("e-mail inviata il"), null=True, blank=True)

    objects = MessaggioQuerySet.as_manager()

    class Meta:
        verbose_name = _("messaggio")
        verbose_name_plural = _("messaggi")
        ordering = ["-creato_il", "-id"]
        indexes = [models.Index(fields=["destinatario", "letto_il"])]

    def __str__(self):
        return self.oggetto

    @property
    def tipo_label(self) -> str:
        """The kind's label in the active language (registered by the app, see ``costellazioni.codes``)."""
        from costellazioni.codes import notification_kinds

        return notification_kinds.label(self.tipo)


# E-mail servers commonly refuse messages over 10 MB; a message may carry a few files.
ALLEGATO_MAX_BYTES = 2 * 1024 * 1024


class AllegatoMessaggioQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(messaggio__destinatario=user)

    def listing(self):
        """Name, type and size, without loading the content: what the message page and the digest show."""
        return self.defer("contenuto").annotate(dimensione=Length("contenuto"))


class AllegatoMessaggio(models.Model):
    """A file that goes with a message: attached to its e-mail and downloadable by its recipient.

    Only files the portal generates (a calendar event, a receipt) and small enough for an e-mail: they are kept
    in the database, so they commit or roll back with their message and are there when the mail task runs.
    """

    messaggio = models.ForeignKey(
        Messaggio, on_delete=models.CASCADE, related_name="allegati", verbose_name=_("messaggio")
    )
    nome_file = models.CharField(_("nome del file"), max_length=150)
    tipo_mime = models.CharField(_("tipo"), max_length=100)
    contenuto = models.BinaryField(_("contenuto"))

    objects = AllegatoMessaggioQuerySet.as_manager()

    class Meta:
        verbose_name = _("allegato")
        verbose_name_plural = _("allegati")
        ordering = ["messaggio", "id"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(nome_file=""), name="allegatomessaggio_has_name"),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("contenuto"), ALLEGATO_MAX_BYTES), name="allegatomessaggio_max_size"
            ),
        ]

    def __str__(self):
        return self.nome_file
