"""schema.org descriptions of HUB pages, for search engines and assistive agents (JSON-LD)."""

from django.utils import timezone
from django.utils.html import json_script
from django.utils.safestring import mark_safe

from hubs.models import EventoHub


def ld_json_script(data, *, data_element: str = "") -> str:
    """``<script type="application/ld+json">`` with the same escaping as ``json_script``.

    ``data_element`` names the block for the national model's checks (``metatag`` on a service page)."""
    marker = f' data-element="{data_element}"' if data_element else ""
    return mark_safe(json_script(data).replace('type="application/json"', f'type="application/ld+json"{marker}', 1))


def evento_json_ld(evento: EventoHub, request) -> dict:
    """A schema.org Event, with local times (``+01:00``/``+02:00``) as search engines expect."""
    hub = evento.hub
    status = "EventCancelled" if evento.annullato else "EventScheduled"
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": evento.titolo,
        "description": evento.descrizione,
        "startDate": timezone.localtime(evento.inizio).isoformat(),
        "endDate": timezone.localtime(evento.fine).isoformat(),
        "eventStatus": f"https://schema.org/{status}",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": {
            "@type": "Place",
            "name": f"{evento.spazio.nome}, {hub.nome}" if evento.spazio else hub.nome,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": hub.indirizzo,
                "postalCode": hub.cap,
                "addressLocality": "Venezia",
                "addressCountry": "IT",
            },
        },
        "organizer": {"@type": "Organization", "name": evento.organizzatore.denominazione},
        "url": request.build_absolute_uri(evento.get_absolute_url()),
    }
    if evento.link_iscrizione and not evento.annullato:
        data["offers"] = {"@type": "Offer", "url": evento.link_iscrizione, "availability": "https://schema.org/InStock"}
    return data
