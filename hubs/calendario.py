"""iCalendar (RFC 5545) files for what happens at a HUB: confirmed bookings, fixed appointments, public events."""

import datetime

from django.utils import timezone

ICS_MIMETYPE = "text/calendar"


def hub_location(hub) -> str:
    return ", ".join(part for part in [hub.nome, hub.indirizzo, f"{hub.cap} Venezia".strip()] if part)


def ics_event(
    *,
    uid: str,
    inizio: datetime.datetime,
    fine: datetime.datetime,
    titolo: str,
    luogo: str,
    descrizione: str = "",
    url: str = "",
    annullato: bool = False,
    sequenza: int = 0,
) -> bytes:
    """One event in a calendar file, at the Italian local time (TZID=Europe/Rome, with its VTIMEZONE).

    A later version of the same ``uid`` (a cancellation) carries a higher ``sequenza``, so that calendar
    applications replace the event they already hold instead of adding a second one.
    """
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//Comune di Venezia//Costellazioni civiche//IT")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"{uid}@costellazioni")
    event.add("dtstamp", timezone.now())
    event.add("sequence", sequenza)
    event.add("dtstart", timezone.localtime(inizio))
    event.add("dtend", timezone.localtime(fine))
    event.add("summary", titolo)
    event.add("location", luogo)
    if descrizione:
        event.add("description", descrizione)
    if url:
        event.add("url", url)
    event.add("status", "CANCELLED" if annullato else "CONFIRMED")
    calendar.add_component(event)
    # The time zone rules of the event's years only: the whole 1970–2038 history triples the file.
    calendar.add_missing_timezones(
        first_date=datetime.date(inizio.year, 1, 1), last_date=datetime.date(fine.year + 1, 1, 1)
    )
    return calendar.to_ical()
