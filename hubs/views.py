"""Public HUB pages, booking a space and asking the sportello for an appointment."""

import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from costellazioni.models import Quartiere
from costellazioni.page_cache import public_page
from costellazioni.uploads import file_response
from hubs import catalogo, selectors, services
from hubs.forms import AppuntamentoForm, HubFilterForm, PrenotazioneForm
from hubs.json_ld import evento_json_ld, ld_json_script
from hubs.models import EventoHub, Hub, Servizio, Spazio

PER_PAGE = 12
WEEKS_AHEAD = 8
EVENTS_ON_HUB_PAGE = 5


def map_points(hubs) -> list[dict]:
    return [
        {"nome": h.nome, "lat": float(h.latitudine), "lng": float(h.longitudine), "url": h.get_absolute_url()}
        for h in hubs
    ]


@public_page("hubs", "costellazioni")
def hub_list(request):
    quartieri = Quartiere.objects.filter(hubs__pubblicato=True).distinct().order_by("nome")
    form = HubFilterForm(request.GET or None, quartieri=quartieri)
    hubs = Hub.objects.published()
    aperto_ora = False
    if form.is_valid():
        data = form.cleaned_data
        if data["quartiere"]:
            hubs = hubs.filter(quartiere__slug=data["quartiere"])
        if data["categoria"]:
            hubs = hubs.with_category(data["categoria"])
        if data["destinatari"]:
            hubs = hubs.with_audience(data["destinatari"])
        aperto_ora = data["aperto_ora"]
    hubs = list(hubs.for_list().order_by("nome"))
    if aperto_ora:
        # Opening hours live in rows and closures; the HUBs are few, so the check runs on the prefetched rows.
        hubs = [hub for hub in hubs if hub.is_open_now()]
    page_obj = Paginator(hubs, PER_PAGE).get_page(request.GET.get("page"))
    params = {k: v for k, v in request.GET.items() if k != "page" and v}
    return render(
        request,
        "hubs/hub_list.html",
        {
            "form": form,
            "page_obj": page_obj,
            "hubs": page_obj.object_list,
            "query_string": urlencode(params) + "&" if params else "",
            "map_points": map_points(page_obj.object_list),
            "MAP_TILE_URL": settings.MAP_TILE_URL,
        },
    )


def hub_foto(request, slug):
    hub = get_object_or_404(Hub.objects.published(), slug=slug)
    if not hub.foto:
        raise Http404
    return file_response(hub.foto, filename=hub.foto.name.rsplit("/", 1)[-1], inline=True, private=False)


@public_page("hubs", "costellazioni")
def hub_detail(request, slug):
    hub = get_object_or_404(
        Hub.objects.published().for_list().prefetch_related("spazi").select_related("quartiere__municipalita"),
        slug=slug,
    )
    eventi = list(
        EventoHub.objects.agenda().filter(hub=hub).select_related("spazio", "ente_organizzatore")[:EVENTS_ON_HUB_PAGE]
    )
    for evento in eventi:
        evento.hub = hub  # for the JSON-LD and the URLs, without a query per event
    return render(
        request,
        "hubs/hub_detail.html",
        {
            "hub": hub,
            "eventi": eventi,
            "json_ld_html": ld_json_script([evento_json_ld(e, request) for e in eventi]) if eventi else "",
            "map_points": map_points([hub]),
            "MAP_TILE_URL": settings.MAP_TILE_URL,
            "today": timezone.localdate(),
        },
    )


@public_page("hubs", "costellazioni")
def servizio_detail(request, slug, servizio):
    servizio = get_object_or_404(
        Servizio.objects.select_related("hub__quartiere", "ente_erogatore"),
        hub__slug=slug,
        hub__pubblicato=True,
        slug=servizio,
    )
    hub = servizio.hub
    spazi = list(hub.spazi.filter(prenotabile=True)) if servizio.accesso == Servizio.Accesso.PRENOTAZIONE_SPAZIO else []
    # Every service page offers an appointment (the model asks it of all): this one's, or the HUB's sportello.
    sportello = hub.servizi.active().filter(accesso=Servizio.Accesso.APPUNTAMENTO).order_by("nome").first()
    json_ld = {
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "name": servizio.nome,
        "description": servizio.descrizione,
        "serviceType": str(catalogo.categoria_of(servizio).nome),
        "audience": {"@type": "Audience", "audienceType": servizio.get_destinatari_display()},
        "provider": {"@type": "Organization", "name": servizio.ente_erogatore.denominazione},
        "serviceOperator": {"@type": "GovernmentOrganization", "name": settings.PROGRAMME_OFFICE["name"]},
        "areaServed": {"@type": "City", "name": "Venezia"},
        "availableChannel": {
            "@type": "ServiceChannel",
            "serviceLocation": {
                "@type": "Place",
                "name": hub.nome,
                "address": {
                    "@type": "PostalAddress",
                    "streetAddress": hub.indirizzo,
                    "postalCode": hub.cap,
                    "addressLocality": "Venezia",
                    "addressCountry": "IT",
                },
            },
            "serviceUrl": request.build_absolute_uri(servizio.get_absolute_url()),
        },
        "url": request.build_absolute_uri(servizio.get_absolute_url()),
    }
    return render(
        request,
        "hubs/servizio_detail.html",
        {
            "servizio": servizio,
            "hub": hub,
            "spazi": spazi,
            "categoria": catalogo.categoria_of(servizio),
            "json_ld_html": ld_json_script(json_ld, data_element="metatag"),
            "appuntamento": servizio if servizio.accesso == Servizio.Accesso.APPUNTAMENTO else sportello,
        },
    )


def _initial_slot(request) -> dict:
    """The form's initial values from a slot chosen in the calendar (``?inizio=<ISO datetime>``)."""
    try:
        start = timezone.localtime(datetime.datetime.fromisoformat(request.GET.get("inizio", "")))
    except ValueError:
        return {}
    end = start + datetime.timedelta(hours=1)
    return {"data": start.date(), "ora_inizio": start.time(), "ora_fine": end.time()}


def _week(day: datetime.date | None) -> datetime.date:
    """The Monday of ``day``'s week, kept between this week and WEEKS_AHEAD weeks from now."""
    this_week = selectors.week_start(timezone.localdate())
    if day is None:
        return this_week
    return min(max(selectors.week_start(day), this_week), this_week + datetime.timedelta(weeks=WEEKS_AHEAD))


def _week_param(request) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(request.GET.get("settimana", ""))
    except ValueError:
        return None


@login_required
def prenota(request, slug, spazio):
    spazio = get_object_or_404(
        Spazio.objects.select_related("hub"), hub__slug=slug, hub__pubblicato=True, slug=spazio, prenotabile=True
    )
    initial = _initial_slot(request)
    lunedi = _week(initial["data"] if initial else _week_param(request))
    this_week = selectors.week_start(timezone.localdate())
    calendar = {
        "spazio": spazio,
        "giorni": selectors.spazio_week(spazio=spazio, lunedi=lunedi),
        "lunedi": lunedi,
        "precedente": lunedi - datetime.timedelta(weeks=1) if lunedi > this_week else None,
        "successiva": lunedi + datetime.timedelta(weeks=1)
        if lunedi < this_week + datetime.timedelta(weeks=WEEKS_AHEAD)
        else None,
    }
    if request.headers.get("HX-Request") and request.method == "GET":
        return render(request, "hubs/includes/calendario.html", calendar)
    form = PrenotazioneForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.prenotazione_request(
                user=request.user,
                spazio=spazio,
                inizio=data["inizio"],
                fine=data["fine"],
                scopo=data["scopo"],
                partecipanti=data["partecipanti"],
                ente=data["ente"],
            )
        except ValidationError as error:
            _add_errors(form, error, {"inizio": "ora_inizio", "fine": "ora_fine"})
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Richiesta inviata. Riceverai l'esito per e-mail e nella tua area personale."))
            return redirect("hubs_area_personale:lista")
    return render(request, "hubs/prenota.html", {**calendar, "hub": spazio.hub, "form": form})


@login_required
def appuntamento(request, slug, servizio):
    servizio = get_object_or_404(
        Servizio.objects.select_related("hub"),
        hub__slug=slug,
        hub__pubblicato=True,
        slug=servizio,
        attivo=True,
        accesso=Servizio.Accesso.APPUNTAMENTO,
    )
    form = AppuntamentoForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.appuntamento_request(
                user=request.user,
                servizio=servizio,
                tema=data["tema"],
                descrizione=data["descrizione"],
                disponibilita=data["disponibilita"],
                ente=data["ente"],
            )
        except ValidationError as error:
            _add_errors(form, error, {})
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Richiesta inviata. Lo sportello ti proporrà un appuntamento."))
            return redirect("hubs_area_personale:lista")
    return render(request, "hubs/appuntamento.html", {"servizio": servizio, "hub": servizio.hub, "form": form})


def _add_errors(form, error: ValidationError, rename: dict) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            name = rename.get(field, field)
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)
