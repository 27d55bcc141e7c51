"""The shared document area of a body: documents with their versions, visible as the body is."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from costellazioni.uploads import PDF_O_IMMAGINI, PrivateFileField
from governance.models.organi import Organo, Visibilita


class DocumentoOrganoQuerySet(models.QuerySet):
    def visible_to(self, user):
        from governance.permissions import sees_everything

        if sees_everything(user):
            return self
        pubblici = Q(organo__visibilita=Visibilita.PUBBLICA, riservato=False)
        if not user.is_authenticated:
            return self.filter(pubblici)
        return self.filter(pubblici | Q(organo__in=Organo.objects.of_member(user)))


class DocumentoOrgano(models.Model):
    organo = models.ForeignKey(Organo, on_delete=models.PROTECT, related_name="documenti", verbose_name=_("organo"))
    titolo = models.CharField(_("titolo"), max_length=250)
    descrizione = models.TextField(_("descrizione"), blank=True, max_length=2000)
    riservato = models.BooleanField(
        _("riservato ai membri"), default=False, help_text=_("Anche se l'organo è pubblico.")
    )
    creato_il = models.DateTimeField(_("creato il"), auto_now_add=True)

    objects = DocumentoOrganoQuerySet.as_manager()

    class Meta:
        verbose_name = _("documento condiviso")
        verbose_name_plural = _("documenti condivisi")
        ordering = ["organo", "titolo"]

    def __str__(self):
        return self.titolo


class VersioneDocumento(models.Model):
    documento = models.ForeignKey(
        DocumentoOrgano, on_delete=models.CASCADE, related_name="versioni", verbose_name=_("documento")
    )
    numero = models.PositiveSmallIntegerField(_("versione"))
    file = PrivateFileField(_("file"), allowed=PDF_O_IMMAGINI, upload_to="governance/documenti/%Y/")
    nome_originale = models.CharField(_("nome del file"), max_length=200)
    content_type = models.CharField(_("tipo"), max_length=50)
    sha256 = models.CharField(_("impronta SHA-256"), max_length=64)
    nota = models.CharField(_("cosa cambia"), max_length=300, blank=True)
    caricato_da = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("caricato da")
    )
    caricato_il = models.DateTimeField(_("caricato il"), auto_now_add=True)

    class Meta:
        verbose_name = _("versione del documento")
        verbose_name_plural = _("versioni del documento")
        ordering = ["documento", "-numero"]
        constraints = [models.UniqueConstraint(fields=["documento", "numero"], name="documento_versione_unica")]

    def __str__(self):
        return f"{self.documento} v{self.numero}"
