"""Reads that are more than one queryset: the free and taken slots of a space for a week."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from hubs.models import Prenotazione, Spazio


@dataclass(frozen=True)
class Slot:
    inizio: datetime.datetime
    fine: datetime.datetime
    libero: bool
    prenotabile: bool  # free, and within the space's notice and advance rules


@dataclass(frozen=True)
class Giornata:
    data: datetime.date
    slots: list[Slot]


def week_start(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def spazio_week(*, spazio: Spazio, lunedi: datetime.date, now=None) -> list[Giornata]:
    """One-hour slots of the HUB's opening hours from ``lunedi`` for seven days, free or taken.

    Three queries: the HUB's weekly hours, its closures, the week's confirmed bookings.
    """
    now = now or timezone.now()
    hub = spazio.hub
    orari = list(hub.orari.all())
    chiusure = list(hub.chiusure.filter(data_fine__gte=lunedi, data_inizio__lte=lunedi + datetime.timedelta(days=6)))
    tz = timezone.get_current_timezone()
    week_from = datetime.datetime.combine(lunedi, datetime.time(0), tzinfo=tz)
    week_to = week_from + datetime.timedelta(days=7)
    taken = list(
        Prenotazione.objects.confirmed()
        .filter(spazio=spazio)
        .overlapping(inizio=week_from, fine=week_to)
        .values_list("inizio", "fine")
    )
    earliest = now + datetime.timedelta(hours=spazio.preavviso_minimo_ore)
    latest = now + datetime.timedelta(days=spazio.anticipo_massimo_giorni)
    days = []
    for offset in range(7):
        day = lunedi + datetime.timedelta(days=offset)
        closure = next((c for c in chiusure if c.data_inizio <= day <= c.data_fine), None)
        if closure is not None:
            intervals = [(closure.apertura, closure.chiusura)] if closure.apertura else []
        else:
            intervals = sorted((o.apertura, o.chiusura) for o in orari if o.giorno == day.weekday())
        slots = []
        for apertura, chiusura in intervals:
            start = datetime.datetime.combine(day, apertura, tzinfo=tz)
            end_of_interval = datetime.datetime.combine(day, chiusura, tzinfo=tz)
            while start + datetime.timedelta(hours=1) <= end_of_interval:
                end = start + datetime.timedelta(hours=1)
                libero = not any(a < end and b > start for a, b in taken)
                slots.append(
                    Slot(inizio=start, fine=end, libero=libero, prenotabile=libero and earliest <= start <= latest)
                )
                start = end
        days.append(Giornata(data=day, slots=slots))
    return days
