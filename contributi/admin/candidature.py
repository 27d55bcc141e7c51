"""The application admin: the submitted content read-only and readable, checklist, scores and actions.

Nothing the applicant submitted changes here: every field is read-only, the inlines are read-only (only the
checklist is answered during the istruttoria, through ``services.checklist_save``), and private files are links to
the views that serve them after checking permission.
"""

from django.contrib import admin
from django.db.models import OuterRef
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from contributi import permissions, services
from contributi.admin.candidature_actions import CandidaturaActionsMixin
from contributi.admin.candidature_inlines import (
    PreavvisoInline,
    RichiestaInline,
    ValutazioneInline,
    VerificaInline,
    checklist_editable,
)
from contributi.models import Allegato, Candidatura, DocumentoIntegrazione, Spesa, Valutazione, VerificaChecklist
from contributi.services.contenuto import candidatura_contenuto
from costellazioni import subqueries
from costellazioni.admin.actions import NotaActionForm
from costellazioni.admin.audit import AuditTimelineMixin
from costellazioni.admin.changelist import PortalChangeListMixin
from costellazioni.admin.list_filters import related_filter
from costellazioni.admin.saving import RefusalAwareSaveMixin, save_nothing

__all__ = ["CandidaturaAdmin"]

# The average of the members' submitted sheets. A subquery, not a join with GROUP BY: the list and its counts read
# the applications' rows alone. Built once: each queryset resolves its own copy.
PUNTEGGIO_MEDIO = subqueries.average(
    Valutazione.objects.filter(candidatura=OuterRef("pk"), inviata_il__isnull=False, consenso=False), "totale"
)


class PunteggioFilter(admin.SimpleListFilter):
    title = _("punteggio medio")
    parameter_name = "punteggio"

    def lookups(self, request, model_admin):
        return [
            ("nessuno", _("Senza schede inviate")),
            ("0-50", _("Sotto 50")),
            ("50-70", _("Da 50 a 70")),
            ("70-", _("70 e oltre")),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "nessuno":
            return queryset.filter(punteggio_medio__isnull=True)
        if value and "-" in value:
            low, high = value.split("-")
            queryset = queryset.filter(punteggio_medio__gte=low)
            if high:
                queryset = queryset.filter(punteggio_medio__lt=high)
        return queryset


class DaFareFilter(admin.SimpleListFilter):
    """The lines of the staff work queue: the same rows the admin index counts (without the user's conflicts)."""

    title = _("da fare")
    parameter_name = "da_fare"

    def lookups(self, request, model_admin):
        return [
            ("istruttoria", _("In attesa di istruttoria")),
            ("schede_mancanti", _("Schede di valutazione mancanti")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "istruttoria":
            return queryset.awaiting_istruttoria().workable_by(request.user)
        if self.value() == "schede_mancanti":
            return queryset.missing_score_sheets().workable_by(request.user)
        return queryset


def documenti_candidatura(candidatura) -> list[dict]:
    """The application's files in three queries: attachments, documents sent with integration replies, expense
    receipts of its reports."""
    righe = [
        {
            "tipo": _("Allegato"),
            "voce": a.richiesto or "—",
            "nome": a.nome_originale,
            "url": a.download_url("file"),
            "dimensione": a.dimensione,
            "data": a.caricato_il,
        }
        for a in Allegato.objects.filter(candidatura=candidatura).select_related("richiesto")
    ]
    righe += [
        {
            "tipo": _("Risposta al soccorso istruttorio"),
            "voce": d.richiesta.testo,
            "nome": d.nome_originale,
            "url": d.download_url("file"),
            "dimensione": d.dimensione,
            "data": d.caricato_il,
        }
        for d in DocumentoIntegrazione.objects.filter(richiesta__candidatura=candidatura).select_related("richiesta")
    ]
    righe += [
        {
            "tipo": _("Giustificativo di spesa"),
            "voce": f"{s.rendiconto.get_tipo_display()}: {s.descrizione}",
            "nome": s.nome_originale,
            "url": s.download_url("giustificativo"),
            "dimensione": None,
            "data": s.caricata_il,
        }
        for s in Spesa.objects.filter(rendiconto__concessione__candidatura=candidatura).select_related(
            "rendiconto__concessione"
        )
    ]
    return righe


@admin.register(Candidatura)
class CandidaturaAdmin(
    RefusalAwareSaveMixin, CandidaturaActionsMixin, PortalChangeListMixin, AuditTimelineMixin, admin.ModelAdmin
):
    list_display = ["__str__", "bando", "ente", "stato", "presentata_il", "importo_richiesto", "punteggio"]
    list_filter = [DaFareFilter, ("bando", related_filter("titolo")), "stato", "bando__linea", PunteggioFilter]
    search_fields = ["numero_protocollo", "titolo", "ente__denominazione", "ente__codice_fiscale"]
    list_select_related = ["bando", "ente"]
    list_only = ["numero_protocollo", "titolo", "stato", "presentata_il", "importo_richiesto"]
    list_only += ["bando__titolo", "ente__denominazione"]
    # Partners, budget lines and attachments are part of the content and of the documents above: not repeated.
    inlines = [VerificaInline, RichiestaInline, PreavvisoInline, ValutazioneInline]
    # Only read-only names: the change form has no field of the application to post (quartieri included).
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "bando",
                    "ente",
                    "stato",
                    "numero_protocollo",
                    "presentata_il",
                    "presentata_da",
                    "creata_da",
                    "ricevuta_link",
                    "snapshot_sha256",
                )
            },
        ),
        (_("Contenuto presentato"), {"fields": ("contenuto_presentato",)}),
        (_("Documenti"), {"fields": ("documenti",)}),
        (
            _("Importi e date"),
            {
                "fields": (
                    "importo_richiesto",
                    "cofinanziamento",
                    "importo_concesso",
                    "quartieri_elenco",
                    "ritirata_il",
                    "creata_il",
                    "aggiornata_il",
                )
            },
        ),
    )
    readonly_fields = [
        "bando",
        "ente",
        "stato",
        "numero_protocollo",
        "presentata_il",
        "presentata_da",
        "creata_da",
        "ricevuta_link",
        "snapshot_sha256",
        "contenuto_presentato",
        "documenti",
        "importo_richiesto",
        "cofinanziamento",
        "importo_concesso",
        "quartieri_elenco",
        "ritirata_il",
        "creata_il",
        "aggiornata_il",
    ]
    action_form = NotaActionForm
    actions = [
        "avvia_istruttoria",
        "segna_ammissibile",
        "richiedi_integrazioni",
        "invia_preavviso",
        "assegna_commissione",
        "assegna_componenti",
        "avvia_valutazione",
        "concludi_valutazione",
        "riapri_valutazione",
        "calcola_graduatoria",
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("bando", "ente", "presentata_da", "creata_da")
            .annotate(punteggio_medio=PUNTEGGIO_MEDIO)
        )

    @admin.display(description=_("punteggio medio"), ordering="punteggio_medio")
    def punteggio(self, obj):
        return "—" if obj.punteggio_medio is None else f"{obj.punteggio_medio:.2f}"

    @admin.display(description=_("ricevuta (PDF/A)"))
    def ricevuta_link(self, obj):
        """The receipt is a private file: a link to the view that serves it after checking permission."""
        if obj.snapshot is None:
            return "—"
        url = reverse("area_personale_candidatura_ricevuta", kwargs={"pk": obj.pk})
        return format_html('<a href="{}">{}</a>', url, _("Scarica la ricevuta"))

    @admin.display(description=_("quartieri del progetto"))
    def quartieri_elenco(self, obj):
        return ", ".join(q.nome for q in obj.quartieri.all()) or "—"

    @admin.display(description=_("contenuto"))
    def contenuto_presentato(self, obj):
        """The submitted snapshot as the applicant read it in the wizard's summary (for a draft, its content now);
        the attachments are listed once, with their links, under "Documenti"."""
        return render_to_string("contributi/includes/contenuto.html", candidatura_contenuto(obj, allegati=False))

    @admin.display(description=_("documenti"))
    def documenti(self, obj):
        """Every file of the application, each a link to the view that serves it after checking permission."""
        return render_to_string("admin/contributi/candidatura/documenti.html", {"righe": documenti_candidatura(obj)})

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        # The form itself is read-only: only the checklist inline is answered, during the istruttoria.
        return checklist_editable(request, obj)

    def has_selezione_permission(self, request):
        return permissions.may_work_selection(request.user)

    def save_model(self, request, obj, form, change):
        pass  # every field of the application is read-only here

    def save_related(self, request, form, formsets, change):
        # Never ``form.save_m2m()``: the application's many-to-many fields (quartieri) are part of what was
        # submitted. Only the checklist formset is saved, through its service; a refusal is shown next to the form
        # (``RefusalAwareSaveMixin``).
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def save_formset(self, request, form, formset, change):
        save_nothing(formset)
        if formset.model is not VerificaChecklist:
            return
        risposte = {
            f.instance.voce_id: (f.cleaned_data.get("soddisfatta"), f.cleaned_data.get("nota", ""))
            for f in formset.forms
            if f.has_changed()
        }
        if risposte:
            services.checklist_save(candidatura=form.instance, actor=request.user, risposte=risposte)
