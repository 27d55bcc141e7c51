"""iCalendar (RFC 5545) for meetings: one meeting's convocation and the public calendar feed."""

import datetime

from django.utils import timezone

__all__ = ["ICS_MIMETYPE", "riunione_ics", "riunioni_feed"]

ICS_MIMETYPE = "text/calendar"


def _luogo(riunione) -> str:
    if riunione.hub_id:
        # The HUB's address as hubs.calendario writes it; governance does not import hubs (same layer).
        hub = riunione.hub
        return ", ".join(part for part in [hub.nome, hub.indirizzo, f"{hub.cap} Venezia".strip()] if part)
    return riunione.luogo or riunione.link_online


def _event(riunione, *, site_url: str, sequenza: int):
    from icalendar import Event

    event = Event()
    event.add("uid", f"riunione-{riunione.pk}@costellazioni")
    event.add("dtstamp", timezone.now())
    event.add("sequence", sequenza)
    event.add("dtstart", timezone.localtime(riunione.inizio))
    event.add("dtend", timezone.localtime(riunione.fine))
    event.add("summary", f"{riunione.organo.nome}: {riunione.titolo}")
    event.add("location", _luogo(riunione))
    if riunione.descrizione:
        event.add("description", riunione.descrizione)
    event.add("url", site_url.rstrip("/") + riunione.get_absolute_url())
    if riunione.link_online:
        event.add("conference", riunione.link_online, parameters={"VALUE": "URI"})
    event.add("status", "CANCELLED" if riunione.stato == riunione.Stato.ANNULLATA else "CONFIRMED")
    return event


def _calendar(riunioni, *, site_url: str, nome: str = "", sequenza: int = 0) -> bytes:
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", "-//Comune di Venezia//Costellazioni civiche//IT")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    if nome:
        calendar.add("x-wr-calname", nome)
    anni = set()
    for riunione in riunioni:
        calendar.add_component(_event(riunione, site_url=site_url, sequenza=sequenza))
        anni.update({riunione.inizio.year, riunione.fine.year})
    if anni:
        # The time zone rules of the meetings' years only: the whole 1970–2038 history triples the file.
        calendar.add_missing_timezones(
            first_date=datetime.date(min(anni), 1, 1), last_date=datetime.date(max(anni) + 1, 1, 1)
        )
    return calendar.to_ical()


def riunione_ics(riunione, *, site_url: str) -> bytes:
    """One meeting; a cancellation carries a higher sequence so calendars replace the event."""
    sequenza = 1 if riunione.stato == riunione.Stato.ANNULLATA else 0
    return _calendar([riunione], site_url=site_url, sequenza=sequenza)


def riunioni_feed(riunioni, *, site_url: str, nome: str) -> bytes:
    return _calendar(riunioni, site_url=site_url, nome=nome)
