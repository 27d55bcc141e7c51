"""HUBs, their hours, closures, services and spaces in the admin, with a weekly calendar of confirmed bookings."""

import datetime

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from costellazioni.argomenti import ARGOMENTI
from hubs.models import Chiusura, Hub, OrarioSettimanale, Prenotazione, Servizio, Spazio
from hubs.selectors import week_start


class OrarioInline(admin.TabularInline):
    model = OrarioSettimanale
    extra = 0


class ChiusuraInline(admin.TabularInline):
    model = Chiusura
    extra = 0


class ServizioInline(admin.TabularInline):
    model = Servizio
    extra = 0
    fields = ["nome", "categoria", "destinatari", "accesso", "attivo"]
    show_change_link = True


class SpazioInline(admin.TabularInline):
    model = Spazio
    extra = 0
    fields = ["nome", "capienza", "prenotabile", "preavviso_minimo_ore", "durata_massima_ore"]
    show_change_link = True


@admin.register(Hub)
class HubAdmin(admin.ModelAdmin):
    list_display = ["nome", "quartiere", "ente_gestore", "pubblicato", "calendario_link"]
    list_filter = ["pubblicato", "quartiere__municipalita"]
    list_select_related = ["quartiere", "ente_gestore"]
    search_fields = ["nome", "indirizzo", "email"]
    prepopulated_fields = {"slug": ["nome"]}
    autocomplete_fields = ["quartiere", "ente_gestore", "referenti"]
    inlines = [OrarioInline, ChiusuraInline, ServizioInline, SpazioInline]
    fieldsets = (
        (None, {"fields": ("nome", "slug", "descrizione", "ente_gestore", "pubblicato")}),
        (_("Dove"), {"fields": ("indirizzo", "cap", "quartiere", "latitudine", "longitudine")}),
        (_("Contatti"), {"fields": ("email", "telefono")}),
        (_("Foto e accessibilità"), {"fields": ("foto", "foto_alt", "accesso_senza_barriere", "accessibilita")}),
        (_("Staff"), {"fields": ("referenti",)}),
    )
    filter_horizontal = ["referenti"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "referenti":
            kwargs["queryset"] = get_user_model().objects.filter(is_staff=True, is_active=True).order_by("email")
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @admin.display(description=_("calendario"))
    def calendario_link(self, obj):
        return format_html('<a href="{}">{}</a>', reverse("admin:hubs_hub_calendario", args=[obj.pk]), _("Settimana"))

    def get_urls(self):
        return [
            path(
                "<int:pk>/calendario/",
                self.admin_site.admin_view(self.calendario_view),
                name="hubs_hub_calendario",
            ),
            *super().get_urls(),
        ]

    def calendario_view(self, request, pk):
        """The confirmed bookings of one HUB for a week, day by day."""
        hub = get_object_or_404(Hub, pk=pk)
        if not self.has_view_permission(request, hub):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        try:
            lunedi = week_start(datetime.date.fromisoformat(request.GET.get("settimana", "")))
        except ValueError:
            lunedi = week_start(timezone.localdate())
        tz = timezone.get_current_timezone()
        start = datetime.datetime.combine(lunedi, datetime.time(0), tzinfo=tz)
        prenotazioni = list(
            Prenotazione.objects.confirmed()
            .filter(spazio__hub=hub)
            .overlapping(inizio=start, fine=start + datetime.timedelta(days=7))
            .select_related("spazio", "richiedente", "ente")
            .order_by("inizio")
        )
        giorni = []
        for offset in range(7):
            day = lunedi + datetime.timedelta(days=offset)
            giorni.append((day, [p for p in prenotazioni if timezone.localtime(p.inizio).date() == day]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "hub": hub,
            "title": _("Calendario delle prenotazioni confermate — %(hub)s") % {"hub": hub.nome},
            "giorni": giorni,
            "precedente": lunedi - datetime.timedelta(weeks=1),
            "successiva": lunedi + datetime.timedelta(weeks=1),
        }
        return TemplateResponse(request, "hubs/admin/calendario.html", context)


@admin.register(Servizio)
class ServizioAdmin(admin.ModelAdmin):
    list_display = ["nome", "hub", "categoria", "destinatari", "accesso", "ente_erogatore", "attivo"]
    list_filter = ["attivo", "categoria", "destinatari", "hub"]
    list_select_related = ["hub", "ente_erogatore"]
    search_fields = ["nome", "descrizione"]
    prepopulated_fields = {"slug": ["nome"]}
    autocomplete_fields = ["hub", "ente_erogatore"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "argomenti":
            return forms.MultipleChoiceField(
                label=db_field.verbose_name,
                help_text=db_field.help_text,
                choices=ARGOMENTI,
                widget=forms.CheckboxSelectMultiple,
                required=False,
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    fieldsets = (
        (None, {"fields": ("hub", "nome", "slug", "categoria", "destinatari", "descrizione", "attivo")}),
        (
            _("Scheda del servizio"),
            {
                "fields": (
                    "a_chi_e_rivolto",
                    "come_fare",
                    "cosa_serve",
                    "cosa_si_ottiene",
                    "tempi_e_scadenze",
                    "accesso",
                    "condizioni",
                    "argomenti",
                )
            },
        ),
        (_("Responsabili e contatti"), {"fields": ("ente_erogatore", "ufficio_responsabile", "email", "telefono")}),
    )


@admin.register(Spazio)
class SpazioAdmin(admin.ModelAdmin):
    list_display = ["nome", "hub", "capienza", "prenotabile", "accessibile"]
    list_filter = ["prenotabile", "accessibile", "hub"]
    list_select_related = ["hub"]
    search_fields = ["nome"]
    autocomplete_fields = ["hub"]
    prepopulated_fields = {"slug": ["nome"]}
