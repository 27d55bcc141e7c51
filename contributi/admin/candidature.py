"""The application admin: istruttoria, evaluation and ranking actions, checklist and read-only scores."""

import json
from functools import partial

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Avg, Q
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from contributi import services
from contributi.forms_selezione import AssegnazioneAdminForm, PreavvisoAdminForm, RichiestaIntegrazioniAdminForm
from contributi.models import (
    Allegato,
    Candidatura,
    MembroCommissione,
    Preavviso,
    RichiestaIntegrazioni,
    Valutazione,
    VerificaChecklist,
    VoceBudget,
)
from costellazioni.admin.actions import NotaActionForm, apply_to_each
from costellazioni.admin.audit import AuditTimelineMixin
from costellazioni.permissions import is_staff_comunale


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


def intermediate(modeladmin, request, queryset, *, form_class, titolo, action, apply):
    """An action that first asks for data (a note, a deadline) on a page of its own."""
    form = form_class(request.POST if "apply" in request.POST else None)
    if form.is_valid():
        apply(form.cleaned_data)
        return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "opts": modeladmin.model._meta,
        "form": form,
        "queryset": queryset,
        "titolo": titolo,
        "action": action,
    }
    return TemplateResponse(request, "admin/contributi/azione_form.html", context)


@admin.register(Candidatura)
class CandidaturaAdmin(AuditTimelineMixin, admin.ModelAdmin):
    list_display = ["__str__", "bando", "ente", "stato", "presentata_il", "importo_richiesto", "punteggio"]
    list_filter = ["bando", "stato", "bando__linea", PunteggioFilter]
    search_fields = ["numero_protocollo", "titolo", "ente__denominazione", "ente__codice_fiscale"]
    list_select_related = ["bando", "ente"]
    inlines = [VerificaInline, RichiestaInline, PreavvisoInline, ValutazioneInline, VoceInline, AllegatoInline]
    readonly_fields = [f.name for f in Candidatura._meta.fields] + ["snapshot_json"]
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
        submitted = Q(valutazioni__inviata_il__isnull=False, valutazioni__consenso=False)
        return (
            super()
            .get_queryset(request)
            .select_related("bando", "ente")
            .annotate(punteggio_medio=Avg("valutazioni__totale", filter=submitted))
        )

    @admin.display(description=_("punteggio medio"), ordering="punteggio_medio")
    def punteggio(self, obj):
        return "—" if obj.punteggio_medio is None else f"{obj.punteggio_medio:.2f}"

    @admin.display(description=_("contenuto presentato"))
    def snapshot_json(self, obj):
        if obj.snapshot is None:
            return "—"
        return format_html("<pre>{}</pre>", json.dumps(obj.snapshot, indent=2, ensure_ascii=False))

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        # The form itself is read-only: only the checklist inline is editable, during the istruttoria.
        return checklist_editable(request, obj)

    def has_selezione_permission(self, request):
        return is_staff_comunale(request.user) or request.user.is_superuser

    def save_model(self, request, obj, form, change):
        pass  # every field of the application is read-only here

    def save_formset(self, request, form, formset, change):
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        if formset.model is not VerificaChecklist:
            return
        risposte = {
            f.instance.voce_id: (f.cleaned_data.get("soddisfatta"), f.cleaned_data.get("nota", ""))
            for f in formset.forms
            if f.has_changed()
        }
        if risposte:
            services.checklist_save(candidatura=form.instance, actor=request.user, risposte=risposte)

    # --- actions --------------------------------------------------------------------------------

    @admin.action(description=_("Avvia l'istruttoria"), permissions=["selezione"])
    def avvia_istruttoria(self, request, queryset):
        apply_to_each(
            self,
            request,
            queryset,
            lambda c: services.istruttoria_start(candidatura=c, actor=request.user),
            _("Istruttoria avviata per %(n)d candidature."),
        )

    @admin.action(description=_("Segna come ammissibili"), permissions=["selezione"])
    def segna_ammissibile(self, request, queryset):
        nota = request.POST.get("nota", "")
        apply_to_each(
            self,
            request,
            queryset,
            lambda c: services.istruttoria_ammissibile(candidatura=c, actor=request.user, note=nota),
            _("%(n)d candidature ammissibili."),
        )

    @admin.action(description=_("Richiedi integrazioni (soccorso istruttorio)"), permissions=["selezione"])
    def richiedi_integrazioni(self, request, queryset):
        from django.utils import timezone

        def apply(data):
            scadenza = data["scadenza"]
            if timezone.is_naive(scadenza):
                scadenza = timezone.make_aware(scadenza)
            apply_to_each(
                self,
                request,
                queryset,
                lambda c: services.integrazioni_request(
                    candidatura=c, actor=request.user, testo=data["testo"], scadenza=scadenza
                ),
                _("Integrazioni richieste per %(n)d candidature."),
            )

        return intermediate(
            self,
            request,
            queryset,
            form_class=RichiestaIntegrazioniAdminForm,
            titolo=_("Richiedi integrazioni"),
            action="richiedi_integrazioni",
            apply=apply,
        )

    @admin.action(description=_("Invia il preavviso di rigetto (non ammissibilità)"), permissions=["selezione"])
    def invia_preavviso(self, request, queryset):
        def apply(data):
            apply_to_each(
                self,
                request,
                queryset,
                lambda c: services.preavviso_send(
                    candidatura=c,
                    actor=request.user,
                    motivi=data["motivi"],
                    fase=Preavviso.Fase.ISTRUTTORIA
                    if c.stato != Candidatura.Stato.VALUTATA
                    else Preavviso.Fase.VALUTAZIONE,
                ),
                _("Preavviso inviato per %(n)d candidature."),
            )

        return intermediate(
            self,
            request,
            queryset,
            form_class=PreavvisoAdminForm,
            titolo=_("Preavviso di rigetto"),
            action="invia_preavviso",
            apply=apply,
        )

    @admin.action(description=_("Assegna a tutti i componenti della commissione"), permissions=["selezione"])
    def assegna_commissione(self, request, queryset):
        apply_to_each(
            self,
            request,
            queryset,
            lambda c: services.assegnazione_all(candidatura=c, actor=request.user),
            _("%(n)d candidature assegnate."),
        )

    @admin.action(description=_("Assegna a componenti scelti della commissione"), permissions=["selezione"])
    def assegna_componenti(self, request, queryset):
        membri = MembroCommissione.objects.filter(bando__in=queryset.values("bando")).select_related("utente", "bando")

        def apply(data):
            def assign(candidatura):
                # One member's conflict must not keep the application from the others chosen.
                errors = []
                for membro in data["membri"]:
                    if membro.bando_id == candidatura.bando_id:
                        try:
                            services.assegnazione_create(candidatura=candidatura, membro=membro, actor=request.user)
                        except ValidationError as error:
                            errors.extend(error.messages)
                if errors:
                    raise ValidationError(errors)

            apply_to_each(self, request, queryset, assign, _("%(n)d candidature assegnate."))

        return intermediate(
            self,
            request,
            queryset,
            form_class=partial(AssegnazioneAdminForm, membri=membri),
            titolo=_("Assegna ai componenti della commissione"),
            action="assegna_componenti",
            apply=apply,
        )

    @admin.action(description=_("Avvia la valutazione"), permissions=["selezione"])
    def avvia_valutazione(self, request, queryset):
        apply_to_each(
            self,
            request,
            queryset,
            lambda c: services.valutazione_start(candidatura=c, actor=request.user),
            _("%(n)d candidature in valutazione."),
        )

    @admin.action(description=_("Concludi la valutazione"), permissions=["selezione"])
    def concludi_valutazione(self, request, queryset):
        apply_to_each(
            self,
            request,
            queryset,
            lambda c: services.valutazione_conclude(candidatura=c, actor=request.user),
            _("Valutazione conclusa per %(n)d candidature."),
        )

    @admin.action(
        description=_("Riapri la valutazione (osservazioni accolte; nota obbligatoria)"), permissions=["selezione"]
    )
    def riapri_valutazione(self, request, queryset):
        nota = request.POST.get("nota", "")
        apply_to_each(
            self,
            request,
            queryset,
            lambda c: services.valutazione_reopen(candidatura=c, actor=request.user, note=nota),
            _("Valutazione riaperta per %(n)d candidature."),
        )

    @admin.action(description=_("Calcola la graduatoria dei bandi selezionati"), permissions=["selezione"])
    def calcola_graduatoria(self, request, queryset):
        from contributi.models import Bando

        bandi = Bando.objects.filter(pk__in=queryset.values("bando_id"))
        apply_to_each(
            self,
            request,
            bandi,
            lambda b: services.graduatoria_compute(bando=b, actor=request.user),
            _("Graduatoria provvisoria calcolata per %(n)d bandi."),
        )
