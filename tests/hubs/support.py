"""Helpers of the HUB service tests: a booking request as a person sends it, what an error or a calendar file says."""

import datetime

from django.core.exceptions import ValidationError

from hubs import services
from tests.costellazioni.factories import UserFactory
from tests.hubs.factories import next_weekday

H = datetime.timedelta(hours=1)


def booking_request(spazio, *, inizio=None, ore=2, partecipanti=10, user=None, ente=None):
    inizio = inizio or next_weekday(1, hour=10)
    return services.prenotazione_request(
        user=user or UserFactory(),
        spazio=spazio,
        inizio=inizio,
        fine=inizio + ore * H,
        scopo="Assemblea dei soci",
        partecipanti=partecipanti,
        ente=ente,
    )


def messages_of(error: ValidationError) -> str:
    return " ".join(error.messages)


def ics_event_of(content):
    from icalendar import Calendar

    calendar = Calendar.from_ical(content)
    [event] = calendar.walk("VEVENT")
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/Rome"
    return event
