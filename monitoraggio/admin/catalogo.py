from django import forms
from django.contrib import admin
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from costellazioni.admin.changelist import PortalChangeListMixin
from costellazioni.uploads import PDF_O_IMMAGINI, check_upload
from monitoraggio.models import Indicatore, Rilevazione, Tappa, Target
from monitoraggio.questionari import riepilogo


class TargetInline(admin.TabularInline):
    model = Target
    extra = 1


@admin.register(Indicatore)
class IndicatoreAdmin(admin.ModelAdmin):
    list_display = ["codice", "nome", "macro_azione", "tipo", "fonte", "frequenza", "pubblico"]
    list_filter = ["macro_azione", "tipo", "fonte", "pubblico"]
    search_fields = ["codice", "nome", "codice_ue"]
    autocomplete_fields = ["risultato_atteso"]
    inlines = [TargetInline]


@admin.register(Tappa)
class TappaAdmin(PortalChangeListMixin, admin.ModelAdmin):
    list_display = ["titolo", "progetto", "scadenza", "raggiunta_il"]
    list_filter = ["raggiunta_il"]
    search_fields = ["titolo", "progetto__candidatura__titolo", "progetto__cup"]
    autocomplete_fields = ["progetto"]
    date_hierarchy = "scadenza"


class RilevazioneForm(forms.ModelForm):
    class Meta:
        model = Rilevazione
        fields = [
            "tipo",
            "titolo",
            "svolta_il",
            "progetto",
            "questionario",
            "indicatori",
            "partecipanti",
            "soddisfatti",
            "sintesi",
            "documento",
        ]

    def clean_documento(self):
        documento = self.cleaned_data.get("documento")
        if documento and hasattr(documento, "content_type"):  # a new upload
            check_upload(documento, allowed=PDF_O_IMMAGINI)
        return documento


@admin.register(Rilevazione)
class RilevazioneAdmin(PortalChangeListMixin, admin.ModelAdmin):
    form = RilevazioneForm
    list_display = ["titolo", "tipo", "svolta_il", "partecipanti", "soddisfazione_display", "progetto"]
    list_filter = ["tipo", "indicatori"]
    search_fields = ["titolo", "sintesi"]
    filter_horizontal = ["indicatori"]
    autocomplete_fields = ["questionario", "progetto"]
    readonly_fields = ["esiti_questionario"]
    date_hierarchy = "svolta_il"

    @admin.display(description=_("esiti del questionario"))
    def esiti_questionario(self, obj):
        if obj is None or obj.questionario_id is None:
            return "—"
        esiti = riepilogo(obj.questionario)
        return format_html(
            "<p>{}</p><ul>{}</ul>",
            ngettext("%(n)s compilazione inviata", "%(n)s compilazioni inviate", esiti["risposte"])
            % {"n": esiti["risposte"]},
            format_html_join("", "<li><strong>{}</strong>: {}</li>", esiti["domande"]),
        )

    @admin.display(description=_("soddisfazione"))
    def soddisfazione_display(self, obj):
        return "—" if obj.soddisfazione is None else f"{obj.soddisfazione}%"
