"""Admin of the ranking of a call: positions, outcomes, PDF and XLSX; approval and publication."""

from django.contrib import admin
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from contributi import permissions, services
from contributi.forms_selezione import DeterminaForm
from contributi.models import Graduatoria, PosizioneGraduatoria, Punteggio
from costellazioni.admin.actions import apply_to_each
from costellazioni.admin.audit import AuditTimelineMixin
from costellazioni.admin.confirm import confirm_action
from costellazioni.admin.inlines import ReadOnlyTabularInline
from costellazioni.admin.saving import ViewOnlyChangeFormMixin
from costellazioni.spreadsheets import xlsx_append, xlsx_response, xlsx_workbook


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
        return permissions.may_work_selection(request.user)

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
