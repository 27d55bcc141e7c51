"""The inlines of the application admin: all read-only, except the checklist during the istruttoria."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from contributi.models import (
    Allegato,
    Candidatura,
    Partner,
    Preavviso,
    RichiestaIntegrazioni,
    Valutazione,
    VerificaChecklist,
    VoceBudget,
)
from costellazioni.permissions import is_staff_comunale


class ReadOnlyInlineMixin:
    """What the applicant submitted: shown, never added, changed or deleted here."""

    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields or [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PartnerInline(ReadOnlyInlineMixin, admin.TabularInline):
    model = Partner
    extra = 0
    fields = ["denominazione", "codice_fiscale", "ente", "ruolo"]


class VoceInline(admin.TabularInline):
    model = VoceBudget
    extra = 0

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AllegatoInline(admin.TabularInline):
    model = Allegato
    extra = 0
    fields = ["richiesto", "nome_originale", "content_type", "dimensione", "sha256", "scarica"]
    readonly_fields = fields

    @admin.display(description=_("file"))
    def scarica(self, obj):
        return format_html('<a href="{}">{}</a>', reverse("contributi:allegato", kwargs={"pk": obj.pk}), _("Scarica"))

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def checklist_editable(request, obj) -> bool:
    return (
        obj is not None
        and obj.stato in (Candidatura.Stato.IN_ISTRUTTORIA, Candidatura.Stato.INTEGRAZIONI_RICHIESTE)
        and (is_staff_comunale(request.user) or request.user.is_superuser)
    )


class VerificaInline(admin.TabularInline):
    """The admissibility checklist, filled by staff during the istruttoria (saved through the service)."""

    model = VerificaChecklist
    extra = 0
    fields = ["voce", "soddisfatta", "nota", "verificata_da", "verificata_il"]
    readonly_fields = ["voce", "verificata_da", "verificata_il"]
    verbose_name_plural = _("checklist di ammissibilità")

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return checklist_editable(request, obj)


class RichiestaInline(admin.StackedInline):
    model = RichiestaIntegrazioni
    extra = 0
    fields = ["testo", "scadenza", "richiesta_da", "richiesta_il", "risposta", "risposta_il", "documenti_inviati"]
    readonly_fields = fields
    can_delete = False

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

    def has_add_permission(self, request, obj=None):
        return False


class PreavvisoInline(admin.StackedInline):
    model = Preavviso
    extra = 0
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
    readonly_fields = fields
    can_delete = False

    @admin.display(description=_("decisione"))
    def modifica(self, obj):
        if obj.pk is None or not obj.is_open:
            return "—"
        url = reverse("admin:contributi_preavviso_change", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Decidi sulle osservazioni"))

    def has_add_permission(self, request, obj=None):
        return False


class ValutazioneInline(admin.TabularInline):
    """Scores, read-only for staff."""

    model = Valutazione
    extra = 0
    fields = ["membro", "consenso", "punti", "totale", "inviata_il", "commento"]
    readonly_fields = fields
    can_delete = False

    @admin.display(description=_("punti per criterio"))
    def punti(self, obj):
        return ", ".join(f"{p.criterio.codice}: {p.punti}" for p in obj.punteggi.all()) or "—"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("membro__utente").prefetch_related("punteggi__criterio")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False
