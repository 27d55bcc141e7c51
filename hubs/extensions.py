"""What the HUB app puts on core pages: the home map and list, and a card in the area personale."""

from django.conf import settings
from django.db.models import OuterRef

from costellazioni.extensions import Section, probed
from costellazioni.subqueries import count
from hubs.models import Appuntamento, EventoHub, Hub, Prenotazione

HOME_EVENTS = 3


def home_hubs(request) -> dict:
    """Two queries: the HUBs for the map, the next public events (the HUB pages' list: ``EventoHub.agenda``)."""
    from hubs.views import map_points

    hubs = list(Hub.objects.published().select_related("quartiere").order_by("nome")[:6])
    eventi = list(EventoHub.objects.agenda().select_related("hub", "spazio")[:HOME_EVENTS])
    return {
        "home_hubs": hubs,
        "home_hub_points": map_points(hubs),
        "home_hub_eventi": eventi,
        "MAP_TILE_URL": settings.MAP_TILE_URL,
    }


def area_personale_probes(*, now, today) -> dict:
    return {
        "hubs_prenotazioni": count(Prenotazione.objects.filter(richiedente=OuterRef("pk")).in_corso(now=now)),
        "hubs_appuntamenti": count(Appuntamento.objects.filter(richiedente=OuterRef("pk")).in_corso(now=now)),
    }


def area_personale_prenotazioni(request) -> Section | None:
    """Always shown (the way to book a space): how many bookings and appointments are pending or to come."""
    if not request.user.is_authenticated:
        return None
    counts = probed(request)
    return Section(
        "hubs/area_personale/sezione.html",
        {"prossime": counts["hubs_prenotazioni"], "appuntamenti": counts["hubs_appuntamenti"]},
    )
