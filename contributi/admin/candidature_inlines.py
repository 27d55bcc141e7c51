"""The inlines of the application admin: all read-only, except the checklist during the istruttoria."""

from django import forms
from django.contrib import admin
from django.db import models
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from contributi import permissions
from contributi.models import (
    Allegato,
    Partner,
    Preavviso,
    RichiestaIntegrazioni,
    Valutazione,
    VerificaChecklist,
    VoceBudget,
)
from costellazioni.admin.inlines import ReadOnlyStackedInline, ReadOnlyTabularInline


class PartnerInline(ReadOnlyTabularInline):
    model = Partner
    fields = ["denominazione", "codice_fiscale", "ente", "ruolo"]


class VoceInline(ReadOnlyTabularInline):
    model = VoceBudget


class AllegatoInline(ReadOnlyTabularInline):
    model = Allegato
    fields = ["richiesto", "nome_originale", "content_type", "dimensione", "sha256", "scarica"]

    @admin.display(description=_("file"))
    def scarica(self, obj):
        return format_html('<a href="{}">{}</a>', reverse("contributi:allegato", kwargs={"pk": obj.pk}), _("Scarica"))


def checklist_editable(request, obj) -> bool:
    return permissions.can_edit_checklist(request.user, obj)


class VerificaInline(admin.TabularInline):
    """The admissibility checklist, filled by staff during the istruttoria (saved through the service)."""

    model = VerificaChecklist
    extra = 0
    fields = ["voce", "soddisfatta", "nota", "verificata_da", "verificata_il"]
    readonly_fields = ["voce", "verificata_da", "verificata_il"]
    verbose_name_plural = _("checklist di ammissibilità")
    # A short note box: the checklist fits the page at 1280 px.
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 30})}}

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return checklist_editable(request, obj)


class RichiestaInline(ReadOnlyStackedInline):
    model = RichiestaIntegrazioni
    fields = ["testo", "scadenza", "richiesta_da", "richiesta_il", "risposta", "risposta_il", "documenti_inviati"]

    @admin.display(description=_("documenti"))
    def documenti_inviati(self, obj):
        return (
            format_html_join(
                ", ",
                '<a href="{}">{}</a>',
                (
                    (reverse("contributi:documento_integrazione", kwargs={"pk": d.pk}), d.nome_originale)
                    for d in obj.documenti.all()
                ),
            )
            or "—"
        )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("richiesta_da").prefetch_related("documenti")


class PreavvisoInline(ReadOnlyStackedInline):
    model = Preavviso
    fields = [
        "fase",
        "motivi",
        "inviato_il",
        "scadenza",
        "osservazioni",
        "osservazioni_il",
        "esito",
        "considerazioni",
        "decisa_il",
        "modifica",
    ]

    @admin.display(description=_("decisione"))
    def modifica(self, obj):
        if obj.pk is None or not obj.is_open:
            return "—"
        url = reverse("admin:contributi_preavviso_change", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Decidi sulle osservazioni"))


class ValutazioneInline(ReadOnlyTabularInline):
    """Scores, read-only for staff."""

    model = Valutazione
    fields = ["membro", "consenso", "punti", "totale", "inviata_il", "commento"]

    @admin.display(description=_("punti per criterio"))
    def punti(self, obj):
        return ", ".join(f"{p.criterio.codice}: {p.punti}" for p in obj.punteggi.all()) or "—"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("membro__utente").prefetch_related("punteggi__criterio")
