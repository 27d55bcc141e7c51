from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class EventoAuditQuerySet(models.QuerySet):
    def for_object(self, obj):
        return self.filter(
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False), object_id=str(obj.pk)
        ).select_related("autore")


class EventoAudit(models.Model):
    """One state change of one object: who, when, from, to, note. Never edited, never deleted."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, verbose_name=_("tipo di oggetto"))
    object_id = models.CharField(_("id dell'oggetto"), max_length=64)
    oggetto = GenericForeignKey("content_type", "object_id")
    oggetto_repr = models.CharField(_("oggetto"), max_length=300)
    evento = models.CharField(
        _("evento"),
        max_length=60,
        help_text=_("Il codice dell'evento; l'etichetta è mostrata nella lingua di chi legge."),
    )
    stato_da = models.CharField(_("da"), max_length=40, blank=True, default="")
    stato_a = models.CharField(_("a"), max_length=40, blank=True, default="")
    nota = models.TextField(_("nota"), blank=True, default="")
    autore = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("autore"),
        help_text=_("Vuoto quando il cambiamento è automatico."),
    )
    creato_il = models.DateTimeField(_("quando"), auto_now_add=True, db_index=True)

    objects = EventoAuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("evento del registro")
        verbose_name_plural = _("registro delle modifiche")
        ordering = ["-creato_il", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.oggetto_repr}: {self.evento_label}"

    @property
    def evento_label(self) -> str:
        """The event's label in the active language (registered by the app, see ``costellazioni.codes``)."""
        from costellazioni.codes import audit_events

        return audit_events.label(self.evento)
