"""Admin of the selection: checklist and rules per call, board, preavvisi, integration requests, rankings."""

from django.contrib import admin, messages
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from contributi import permissions, services
from contributi.forms_selezione import DeterminaForm
from contributi.models import (
    Assegnazione,
    DichiarazioneConflitto,
    Graduatoria,
    MembroCommissione,
    PosizioneGraduatoria,
    Preavviso,
    RegoleSelezione,
    RichiestaIntegrazioni,
    Valutazione,
    VoceChecklist,
)
from contributi.models.graduatoria import REGOLE_FISSE
from costellazioni.admin.actions import NotaActionForm, ReadOnlyAdminMixin, apply_to_each
from costellazioni.admin.audit import AuditTimelineMixin
from costellazioni.admin.confirm import confirm_action
from costellazioni.admin.inlines import ReadOnlyTabularInline
from costellazioni.admin.saving import RefusalAwareSaveMixin, ViewOnlyChangeFormMixin
from costellazioni.spreadsheets import xlsx_append, xlsx_response, xlsx_workbook


def _staff(request) -> bool:
    return permissions.may_work_selection(request.user)


@admin.register(VoceChecklist)
class VoceChecklistAdmin(admin.ModelAdmin):
    list_display = ["testo", "bando", "riferimento", "bloccante", "ordine"]
    list_filter = ["bando"]
    list_editable = ["ordine"]
    search_fields = ["testo"]


@admin.register(RegoleSelezione)
class RegoleSelezioneAdmin(admin.ModelAdmin):
    list_display = ["bando", "modalita_punteggio", "soglia_minima", "criterio_spareggio", "finanziamento_parziale"]
    autocomplete_fields = []

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.is_frozen():
            return ["bando", *REGOLE_FISSE]
        return ["bando"] if obj is not None else []

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "criterio_spareggio":
            from contributi.models import CriterioValutazione

            kwargs["queryset"] = CriterioValutazione.objects.select_related("bando")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class AssegnazioneInline(ReadOnlyTabularInline):
    model = Assegnazione
    fields = ["candidatura", "assegnata_il", "assegnata_da"]


@admin.register(MembroCommissione)
class MembroCommissioneAdmin(admin.ModelAdmin):
    """Board members, added through ``services.membro_add``; staff are warned of the conflicts the portal sees."""

    list_display = ["__str__", "bando", "presidente", "nominato_il"]
    list_filter = ["bando", "presidente"]
    search_fields = ["utente__email", "utente__first_name", "utente__last_name"]
    autocomplete_fields = ["utente"]
    inlines = [AssegnazioneInline]

    def get_readonly_fields(self, request, obj=None):
        return ["bando", "utente", "nominato_il"] if obj is not None else ["nominato_il"]

    def save_model(self, request, obj, form, change):
        membro = services.membro_add(bando=obj.bando, utente=obj.utente, actor=request.user, presidente=obj.presidente)
        obj.pk, obj.nominato_il = membro.pk, membro.nominato_il
        conflitti = list(services.membro_conflicts(membro))
        if conflitti:
            self.message_user(
                request,
                _(
                    "Attenzione: %(membro)s è o è stato rappresentante di enti che hanno presentato candidature a "
                    "questo bando, o ne ha scritte: ha un conflitto di interessi su %(elenco)s. Non gli saranno "
                    "assegnate e non potrà valutarle."
                )
                % {
                    "membro": membro,
                    "elenco": "; ".join(f"{c} ({c.ente})" for c in conflitti),
                },
                messages.WARNING,
            )


@admin.register(DichiarazioneConflitto)
class DichiarazioneConflittoAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["membro", "candidatura", "conflitto", "dichiarata_il"]
    list_filter = ["conflitto", "candidatura__bando"]
    list_select_related = ["membro__utente", "candidatura"]


@admin.register(Valutazione)
class ValutazioneAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Score sheets, read-only for staff: members write them from their own pages. A sheet written despite a
    conflict of interest the portal sees is annulled here, with the reason (in the action bar's note)."""

    action_form = NotaActionForm
    list_display = ["candidatura", "membro", "consenso", "totale", "inviata_il"]
    list_filter = ["candidatura__bando", "consenso", ("inviata_il", admin.EmptyFieldListFilter)]
    list_select_related = ["candidatura", "membro__utente"]
    actions = ["annulla_in_conflitto"]

    def has_selezione_permission(self, request):
        return _staff(request)

    @admin.action(
        description=_("Annulla le schede scritte in conflitto di interessi (scrivi la nota)"), permissions=["selezione"]
    )
    def annulla_in_conflitto(self, request, queryset):
        nota = request.POST.get("nota", "")
        apply_to_each(
            self,
            request,
            queryset,
            lambda v: services.valutazione_annul(valutazione=v, actor=request.user, note=nota),
            lambda n: ngettext("%(n)d scheda annullata.", "%(n)d schede annullate.", n),
        )


class AperteFilter(admin.SimpleListFilter):
    """Still waiting: integration requests without a reply, preavvisi without a decision (the work queue's lines)."""

    title = _("in attesa")
    parameter_name = "aperta"
    label = _("In attesa di risposta")

    def lookups(self, request, model_admin):
        return [("1", self.label)]

    def queryset(self, request, queryset):
        return self.open(queryset) if self.value() == "1" else queryset

    def open(self, queryset):
        return queryset.pending()


class PreavvisiApertiFilter(AperteFilter):
    parameter_name = "aperto"
    label = _("Da decidere")

    def open(self, queryset):
        return queryset.undecided()


@admin.register(RichiestaIntegrazioni)
class RichiestaIntegrazioniAdmin(ViewOnlyChangeFormMixin, admin.ModelAdmin):
    list_display = ["candidatura", "richiesta_il", "scadenza", "risposta_il", "chiusa_il"]
    list_filter = [AperteFilter, "candidatura__bando"]
    list_select_related = ["candidatura"]
    readonly_fields = [f.name for f in RichiestaIntegrazioni._meta.fields]
    actions = ["chiudi_scadute"]

    def has_add_permission(self, request):
        return False

    def has_selezione_permission(self, request):
        return _staff(request)

    @admin.action(description=_("Riprendi l'istruttoria (termine scaduto senza risposta)"), permissions=["selezione"])
    def chiudi_scadute(self, request, queryset):
        apply_to_each(
            self,
            request,
            queryset,
            lambda r: services.integrazioni_close(richiesta=r, actor=request.user),
            lambda n: ngettext("%(n)d richiesta chiusa.", "%(n)d richieste chiuse.", n),
        )


@admin.register(Preavviso)
class PreavvisoAdmin(RefusalAwareSaveMixin, ViewOnlyChangeFormMixin, admin.ModelAdmin):
    """The final decision after a preavviso di rigetto: only once observations arrived or ten days passed."""

    list_display = ["candidatura", "fase", "inviato_il", "scadenza", "osservazioni_il", "esito", "decisa_il"]
    list_filter = [PreavvisiApertiFilter, "fase", "esito", "candidatura__bando"]
    list_select_related = ["candidatura"]
    fields = [
        "candidatura",
        "fase",
        "motivi",
        "inviato_il",
        "scadenza",
        "osservazioni",
        "osservazioni_il",
        "esito",
        "considerazioni",
        "decisa_il",
        "decisa_da",
    ]

    def get_readonly_fields(self, request, obj=None):
        readonly = [f for f in self.fields if f not in ("esito", "considerazioni")]
        if obj is None or not obj.is_open:
            return self.fields
        return readonly

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def is_editable(self, request, obj) -> bool:
        return obj.is_open

    def save_model(self, request, obj, form, change):
        services.preavviso_decide(
            preavviso=obj,
            actor=request.user,
            esito=form.cleaned_data["esito"],
            considerazioni=form.cleaned_data["considerazioni"],
        )


class PosizioneInline(ReadOnlyTabularInline):
    model = PosizioneGraduatoria
    fields = ["posizione", "candidatura", "ente", "punteggio", "punteggi_criteri", "esito", "importo_concesso"]
    ordering = ["posizione"]

    @admin.display(description=_("ente"))
    def ente(self, obj):
        return obj.candidatura.ente

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("candidatura__ente")


@admin.register(Graduatoria)
class GraduatoriaAdmin(ViewOnlyChangeFormMixin, AuditTimelineMixin, admin.ModelAdmin):
    """The ranking view of a call: positions, outcomes, PDF and XLSX; approval and publication."""

    list_display = ["bando", "stato", "calcolata_il", "determina_numero", "pubblicata_il"]
    list_filter = ["stato"]
    readonly_fields = [f.name for f in Graduatoria._meta.fields]
    inlines = [PosizioneInline]
    actions = ["ricalcola", "approva", "pubblica", "scarica_pdf", "esporta_xlsx"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_selezione_permission(self, request):
        return _staff(request)

    @admin.action(description=_("Ricalcola la graduatoria provvisoria"), permissions=["selezione"])
    def ricalcola(self, request, queryset):
        apply_to_each(
            self,
            request,
            queryset,
            lambda g: services.graduatoria_compute(bando=g.bando, actor=request.user),
            lambda n: ngettext("%(n)d ricalcolata.", "%(n)d ricalcolate.", n),
        )

    @admin.action(description=_("Approva con determina dirigenziale"), permissions=["selezione"])
    def approva(self, request, queryset):
        def apply(data):
            apply_to_each(
                self,
                request,
                queryset,
                lambda g: services.graduatoria_approve(graduatoria=g, actor=request.user, **data),
                lambda n: ngettext("%(n)d graduatoria approvata.", "%(n)d graduatorie approvate.", n),
            )

        return confirm_action(
            self,
            request,
            queryset,
            form_class=DeterminaForm,
            title=_("Approva la graduatoria"),
            consequences=[
                _(
                    "La graduatoria provvisoria diventa definitiva con la determina indicata: posizioni, punteggi, "
                    "esiti e contributi da concedere non si possono più ricalcolare."
                ),
                _("Dopo l'approvazione la graduatoria può essere pubblicata."),
            ],
            action="approva",
            apply=apply,
        )

    @admin.action(description=_("Pubblica la graduatoria approvata"), permissions=["selezione"])
    def pubblica(self, request, queryset):
        def apply(data):
            apply_to_each(
                self,
                request,
                queryset,
                lambda g: services.graduatoria_publish(graduatoria=g, actor=request.user),
                lambda n: ngettext("%(n)d graduatoria pubblicata.", "%(n)d graduatorie pubblicate.", n),
            )

        posizioni = PosizioneGraduatoria.objects.filter(graduatoria__in=queryset)
        finanziate = posizioni.filter(
            esito__in=[PosizioneGraduatoria.Esito.FINANZIATA, PosizioneGraduatoria.Esito.FINANZIATA_PARZIALMENTE]
        )
        return confirm_action(
            self,
            request,
            queryset,
            title=_("Pubblica la graduatoria"),
            consequences=[
                ngettext(
                    "%(n)d candidatura riceve il suo esito e il suo ente un messaggio con posizione e punteggio.",
                    "%(n)d candidature ricevono il loro esito e i loro enti un messaggio con posizione e punteggio.",
                    posizioni.count(),
                )
                % {"n": posizioni.count()},
                ngettext(
                    "%(n)d candidatura è finanziata: il contributo è concesso con l'importo della graduatoria.",
                    "%(n)d candidature sono finanziate: il contributo è concesso con l'importo della graduatoria.",
                    finanziate.count(),
                )
                % {"n": finanziate.count()},
                _("La graduatoria è pubblicata sul portale, nella pagina del bando, e il bando si conclude."),
            ],
            action="pubblica",
            apply=apply,
        )

    @admin.action(description=_("Scarica il PDF"), permissions=["view"])
    def scarica_pdf(self, request, queryset):
        graduatoria = queryset.select_related("bando").first()
        response = HttpResponse(
            services.graduatoria_render_pdf(graduatoria=graduatoria), content_type="application/pdf"
        )
        response["Content-Disposition"] = f'attachment; filename="graduatoria-{graduatoria.bando.slug}.pdf"'
        return response

    @admin.action(description=_("Esporta graduatoria e punteggi in XLSX"), permissions=["view"])
    def esporta_xlsx(self, request, queryset):
        return xlsx_response("graduatorie.xlsx", xlsx_export(queryset.select_related("bando")))


def xlsx_export(graduatorie):
    """Two sheets: the ranking rows, and every submitted score of every member, criterion by criterion."""
    from contributi.models import Punteggio

    workbook = xlsx_workbook()
    ranking = workbook.active
    ranking.title = "Graduatoria"
    xlsx_append(
        ranking,
        [
            str(x)
            for x in (
                _("Bando"),
                _("Posizione"),
                _("Protocollo"),
                _("Ente"),
                _("Progetto"),
                _("Punteggio"),
                _("Esito"),
                _("Contributo concesso"),
            )
        ],
    )
    scores = workbook.create_sheet("Punteggi")
    xlsx_append(
        scores,
        [
            str(x)
            for x in (
                _("Bando"),
                _("Protocollo"),
                _("Componente"),
                _("Collegiale"),
                _("Criterio"),
                _("Punti"),
                _("Massimo"),
                _("Motivazione"),
            )
        ],
    )
    for graduatoria in graduatorie:
        for p in graduatoria.posizioni.for_list():
            xlsx_append(
                ranking,
                [
                    graduatoria.bando.titolo,
                    p.posizione,
                    p.candidatura.numero_protocollo,
                    p.candidatura.ente.denominazione,
                    p.candidatura.titolo,
                    p.punteggio,
                    str(p.get_esito_display()),
                    p.importo_concesso,
                ],
            )
        punteggi = (
            Punteggio.objects.filter(
                valutazione__candidatura__bando=graduatoria.bando, valutazione__inviata_il__isnull=False
            )
            .select_related("valutazione__candidatura", "valutazione__membro__utente", "criterio")
            .order_by("valutazione__candidatura__numero_protocollo", "valutazione__membro_id", "criterio__ordine")
        )
        for s in punteggi:
            xlsx_append(
                scores,
                [
                    graduatoria.bando.titolo,
                    s.valutazione.candidatura.numero_protocollo,
                    str(s.valutazione.membro),
                    s.valutazione.consenso,
                    s.criterio.codice,
                    s.punti,
                    s.massimo,
                    s.commento,
                ],
            )
    return workbook
