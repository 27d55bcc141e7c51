"""Public events at the HUBs: the list of those to come, one event's page and its calendar file."""

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.http import content_disposition_header

from costellazioni.page_cache import public_page
from hubs.calendario import ICS_MIMETYPE, hub_location, ics_event
from hubs.json_ld import evento_json_ld, ld_json_script
from hubs.models import EventoHub


def _evento(slug, evento):
    return get_object_or_404(EventoHub.objects.public().with_related(), hub__slug=slug, slug=evento)


EVENTI_PER_PAGINA = 20


@public_page("hubs", "costellazioni")
def eventi(request):
    upcoming = EventoHub.objects.public().upcoming().with_related()
    page_obj = Paginator(upcoming, EVENTI_PER_PAGINA).get_page(request.GET.get("page"))
    return render(request, "hubs/eventi.html", {"page_obj": page_obj, "eventi": page_obj.object_list})


@public_page("hubs", "costellazioni")
def evento_detail(request, slug, evento):
    evento = _evento(slug, evento)
    return render(
        request,
        "hubs/evento_detail.html",
        {
            "evento": evento,
            "hub": evento.hub,
            "passato": evento.fine <= timezone.now(),
            "json_ld_html": ld_json_script(evento_json_ld(evento, request)),
        },
    )


def evento_ics(request, slug, evento):
    evento = _evento(slug, evento)
    hub = evento.hub
    content = ics_event(
        uid=f"evento-hub-{evento.pk}",
        inizio=evento.inizio,
        fine=evento.fine,
        titolo=evento.titolo,
        luogo=f"{evento.spazio.nome}, {hub_location(hub)}" if evento.spazio else hub_location(hub),
        descrizione=evento.descrizione,
        url=request.build_absolute_uri(evento.get_absolute_url()),
        annullato=evento.annullato,
    )
    response = HttpResponse(content, content_type=f"{ICS_MIMETYPE}; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, f"{evento.slug}.ics")
    return response
