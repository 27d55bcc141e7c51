import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from hubs.models import Chiusura, Hub, Prenotazione
from tests.hubs.factories import ChiusuraFactory, HubFactory, PrenotazioneFactory, SpazioFactory, next_weekday

pytestmark = pytest.mark.django_db


class TestNoDoubleBooking:
    def test_two_confirmed_overlapping_bookings_are_refused_by_the_database(self):
        first = PrenotazioneFactory(confermata=True)
        with pytest.raises(IntegrityError, match="prenotazione_no_double_booking"), transaction.atomic():
            PrenotazioneFactory(
                confermata=True,
                spazio=first.spazio,
                inizio=first.inizio + datetime.timedelta(hours=1),
                fine=first.fine + datetime.timedelta(hours=1),
            )

    def test_back_to_back_bookings_do_not_overlap(self):
        first = PrenotazioneFactory(confermata=True)
        PrenotazioneFactory(
            confermata=True, spazio=first.spazio, inizio=first.fine, fine=first.fine + datetime.timedelta(hours=1)
        )
        assert Prenotazione.objects.confirmed().count() == 2

    def test_other_spaces_and_unconfirmed_requests_may_overlap(self):
        first = PrenotazioneFactory(confermata=True)
        PrenotazioneFactory(confermata=True, spazio__hub=first.spazio.hub, inizio=first.inizio, fine=first.fine)
        PrenotazioneFactory(spazio=first.spazio, inizio=first.inizio, fine=first.fine)
        PrenotazioneFactory(
            spazio=first.spazio, inizio=first.inizio, fine=first.fine, stato=Prenotazione.Stato.RIFIUTATA
        )
        assert Prenotazione.objects.filter(inizio=first.inizio).count() == 4

    def test_full_clean_reports_the_overlap_in_italian(self):
        first = PrenotazioneFactory(confermata=True)
        second = PrenotazioneFactory.build(
            confermata=True, spazio=first.spazio, richiedente=first.richiedente, inizio=first.inizio, fine=first.fine
        )
        with pytest.raises(ValidationError, match="già prenotato"):
            second.full_clean()

    def test_a_booking_ends_after_it_starts(self):
        with pytest.raises(IntegrityError, match="prenotazione_ends_after_start"), transaction.atomic():
            start = next_weekday(1, hour=10)
            PrenotazioneFactory(inizio=start, fine=start)


class TestHubConstraints:
    def test_photo_needs_alt_text(self):
        hub = HubFactory.build(foto="hubs/foto.jpg", foto_alt="")
        with pytest.raises(ValidationError, match="testo alternativo"):
            hub.validate_constraints()

    def test_closure_exception_hours_come_in_pairs(self):
        with pytest.raises(IntegrityError, match="chiusura_exception_hours_complete"), transaction.atomic():
            ChiusuraFactory(apertura=datetime.time(9))

    def test_weekly_slot_closes_after_opening(self):
        with pytest.raises(IntegrityError, match="orario_closes_after_opening"), transaction.atomic():
            HubFactory(orari=[(0, 12, 9)])


class TestOpeningHours:
    def test_covers_a_slot_within_the_weekly_hours(self):
        hub = HubFactory(orari=[(1, 9, 13), (1, 15, 19)])
        tuesday = next_weekday(1, hour=9)
        assert hub.covers(tuesday, tuesday + datetime.timedelta(hours=4))
        assert not hub.covers(tuesday, tuesday + datetime.timedelta(hours=5))  # runs into the lunch break
        assert not hub.covers(tuesday + datetime.timedelta(days=1), tuesday + datetime.timedelta(days=1, hours=1))

    def test_a_closure_empties_the_day_and_an_exception_replaces_its_hours(self):
        hub = HubFactory(orari=[(1, 9, 19)])
        tuesday = next_weekday(1, hour=10)
        Chiusura.objects.create(hub=hub, data_inizio=tuesday.date(), data_fine=tuesday.date(), motivo="Redentore")
        assert not Hub.objects.get(pk=hub.pk).covers(tuesday, tuesday + datetime.timedelta(hours=1))
        Chiusura.objects.update(apertura=datetime.time(10), chiusura=datetime.time(12))
        hub = Hub.objects.get(pk=hub.pk)
        assert hub.covers(tuesday, tuesday + datetime.timedelta(hours=2))
        assert not hub.covers(tuesday, tuesday + datetime.timedelta(hours=3))

    def test_open_now(self, monkeypatch):
        hub = HubFactory(orari=[(g, 0, 23) for g in range(7)])
        noon = timezone.localtime().replace(hour=12, minute=0)
        monkeypatch.setattr(timezone, "now", lambda: noon)
        assert hub.is_open_now()
        assert not HubFactory(orari=[]).is_open_now()

    def test_weekly_hours_list_every_day(self):
        hub = HubFactory(orari=[(0, 9, 13), (0, 14, 18)])
        hours = hub.weekly_hours()
        assert len(hours) == 7
        assert hours[0][1] == [(datetime.time(9), datetime.time(13)), (datetime.time(14), datetime.time(18))]
        assert hours[6][1] == []

    def test_space_str_and_url(self):
        spazio = SpazioFactory(hub__slug="hub-piave", slug="sala-grande")
        assert spazio.get_absolute_url() == "/hub/hub-piave/spazi/sala-grande/prenota/"
