import csv

from django.contrib import admin
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _

from contributi.models import (
    FROZEN_FIELDS,
    AllegatoRichiesto,
    Bando,
    Candidatura,
    CriterioValutazione,
    DocumentoBando,
    FaqBando,
    Rettifica,
)
from costellazioni.admin.audit import AuditTimelineMixin

EXPORT_COLUMNS = [
    ("numero_protocollo", _("Protocollo")),
    ("presentata_il", _("Presentata il")),
    ("ente__denominazione", _("Ente")),
    ("ente__codice_fiscale", _("Codice fiscale")),
    ("titolo", _("Progetto")),
    ("stato", _("Stato")),
    ("importo_richiesto", _("Contributo richiesto")),
    ("cofinanziamento", _("Cofinanziamento")),
]


class FrozenInline(admin.TabularInline):
    extra = 0

    def _published(self, obj):
        return obj is not None and obj.is_published

    def has_add_permission(self, request, obj=None):
        return not self._published(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self._published(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._published(obj) and super().has_delete_permission(request, obj)


class CriterioInline(FrozenInline):
    model = CriterioValutazione


class AllegatoRichiestoInline(FrozenInline):
    model = AllegatoRichiesto


class FaqInline(admin.StackedInline):
    model = FaqBando
    extra = 0


class DocumentoInline(admin.TabularInline):
    model = DocumentoBando
    extra = 0


class RettificaInline(admin.TabularInline):
    model = Rettifica
    extra = 0
    can_delete = False
    readonly_fields = ["numero", "pubblicata_il", "oggetto", "testo", "nuova_chiusura", "autore"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Bando)
class BandoAdmin(AuditTimelineMixin, admin.ModelAdmin):
    list_display = ["titolo", "linea", "stato", "apertura", "termine"]
    list_filter = ["linea", "stato"]
    search_fields = ["titolo", "cup"]
    prepopulated_fields = {"slug": ["titolo"]}
    filter_horizontal = ["quartieri"]
    inlines = [CriterioInline, AllegatoRichiestoInline, DocumentoInline, FaqInline, RettificaInline]
    actions = ["pubblica", "esporta_csv", "esporta_xlsx"]

    def get_readonly_fields(self, request, obj=None):
        fields = [*super().get_readonly_fields(request, obj), "stato", "pubblicato_il", "termine"]
        if obj is not None and obj.is_published:
            fields += [*FROZEN_FIELDS, "quartieri"]
        return fields

    @admin.action(description=_("Pubblica i bandi selezionati"))
    def pubblica(self, request, queryset):
        from django.core.exceptions import ValidationError

        from contributi.services import bando_publish

        for bando in queryset:
            try:
                bando_publish(bando=bando, actor=request.user)
            except ValidationError as exc:
                self.message_user(request, f"{bando}: {' '.join(exc.messages)}", level="error")

    def _rows(self, queryset):
        return (
            Candidatura.objects.filter(bando__in=queryset)
            .submitted()
            .order_by("bando", "numero_protocollo")
            .values_list(*[c for c, _label in EXPORT_COLUMNS])
        )

    @admin.action(description=_("Esporta le candidature in CSV"))
    def esporta_csv(self, request, queryset):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="candidature.csv"'
        writer = csv.writer(response)
        writer.writerow([str(label) for _c, label in EXPORT_COLUMNS])
        writer.writerows(self._rows(queryset))
        return response

    @admin.action(description=_("Esporta le candidature in XLSX"))
    def esporta_xlsx(self, request, queryset):
        from io import BytesIO

        from openpyxl import Workbook

        workbook = Workbook()
        sheet = workbook.active
        sheet.title = "Candidature"
        sheet.append([str(label) for _c, label in EXPORT_COLUMNS])
        for row in self._rows(queryset):
            sheet.append([value.replace(tzinfo=None) if hasattr(value, "tzinfo") else value for value in row])
        buffer = BytesIO()
        workbook.save(buffer)
        response = HttpResponse(
            buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = 'attachment; filename="candidature.xlsx"'
        return response
