"""Bookings (``hubs.services.prenotazioni``): the rules of a slot, the request, the decision, the race of two."""

import datetime
import threading

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone

from costellazioni.models import EventoAudit, Messaggio
from hubs import services
from hubs.models import Prenotazione
from tests.costellazioni.factories import EnteFactory, MembershipFactory, StaffFactory, UserFactory
from tests.hubs.factories import ChiusuraFactory, PrenotazioneFactory, SpazioFactory, next_weekday
from tests.hubs.support import H, booking_request, ics_event_of, messages_of
from tests.support import wait_until

# No module-wide django_db mark: the race tests use ``committed_db`` alone, whose teardown restores the
# migrations' rows after the flush (a django_db mark would flush after that restore).


@pytest.mark.django_db
class TestPrenotazioneRequest:
    def test_a_valid_request_is_saved_audited_and_acknowledged(self, django_capture_on_commit_callbacks):
        spazio = SpazioFactory()
        with django_capture_on_commit_callbacks(execute=True):
            prenotazione = booking_request(spazio)
        assert prenotazione.stato == Prenotazione.Stato.RICHIESTA
        assert EventoAudit.objects.for_object(prenotazione).filter(stato_a="richiesta").exists()
        messaggio = Messaggio.objects.get(destinatario=prenotazione.richiedente)
        assert messaggio.tipo == "prenotazione"
        assert len([m for m in mail.outbox if m.to == [prenotazione.richiedente.email]]) == 1

    @pytest.mark.parametrize(
        ("kwargs", "message"),
        [
            ({"inizio": "past"}, "nel passato"),
            ({"inizio": "tomorrow"}, "preavviso"),
            ({"inizio": "far"}, "al massimo 60 giorni"),
            ({"ore": 5}, "durata massima"),
            ({"partecipanti": 21}, "al massimo 20 persone"),
            ({"inizio": "sunday"}, "chiuso"),
            ({"inizio": "evening"}, "chiuso"),
        ],
    )
    def test_rules_are_enforced_with_a_clear_message(self, kwargs, message):
        spazio = SpazioFactory()
        now = timezone.now()
        inizio = {
            "past": now - 24 * H,
            "far": next_weekday(1, hour=10, weeks=10),
            "sunday": next_weekday(6, hour=10),
            "evening": next_weekday(1, hour=18),
        }.get(kwargs.pop("inizio", None))
        if message == "preavviso":
            inizio = (now + 24 * H).replace(minute=0, second=0, microsecond=0)
            spazio.hub.orari.update(apertura=datetime.time(0), chiusura=datetime.time(23, 59))
        with pytest.raises(ValidationError) as error:
            booking_request(spazio, inizio=inizio, **kwargs)
        assert message in messages_of(error.value)
        assert not Prenotazione.objects.exists()

    def test_a_closure_refuses_the_day(self):
        spazio = SpazioFactory()
        inizio = next_weekday(1, hour=10)
        ChiusuraFactory(hub=spazio.hub, data_inizio=inizio.date(), data_fine=inizio.date())
        with pytest.raises(ValidationError, match="chiuso"):
            booking_request(spazio, inizio=inizio)

    def test_a_space_that_is_not_bookable(self):
        with pytest.raises(ValidationError, match="non si prenota"):
            booking_request(SpazioFactory(prenotabile=False))

    def test_a_slot_taken_by_a_confirmed_booking_is_refused(self):
        taken = PrenotazioneFactory(confermata=True)
        with pytest.raises(ValidationError, match="già prenotato"):
            booking_request(taken.spazio, inizio=taken.inizio + H)

    def test_booking_for_an_ente_needs_a_verified_membership(self):
        user, ente = UserFactory(), EnteFactory(verified=True)
        with pytest.raises(PermissionDenied, match="rappresentanza per questo ente non è ancora stata verificata"):
            booking_request(SpazioFactory(), user=user, ente=ente)
        MembershipFactory(user=user, ente=ente, verified=True)
        assert booking_request(SpazioFactory(), user=user, ente=ente).ente == ente


@pytest.mark.django_db
class TestPrenotazioneTransitions:
    def test_confirmation_is_one_email_with_the_ics_attached(self, django_capture_on_commit_callbacks):
        prenotazione = PrenotazioneFactory()
        staff = StaffFactory()
        with django_capture_on_commit_callbacks(execute=True):
            services.prenotazione_confirm(prenotazione=prenotazione, actor=staff)
        prenotazione.refresh_from_db()
        assert prenotazione.stato == Prenotazione.Stato.CONFERMATA
        audit = EventoAudit.objects.for_object(prenotazione).get(stato_a="confermata")
        assert audit.autore == staff and audit.stato_da == "richiesta"

        assert len(mail.outbox) == 1
        email = mail.outbox[0]
        assert email.to == [prenotazione.richiedente.email]
        assert email.subject.endswith(f"Prenotazione confermata: {prenotazione}")
        assert "In allegato: prenotazione.ics" in email.body
        [(name, content, mimetype)] = email.attachments
        assert name == "prenotazione.ics" and mimetype == "text/calendar"
        event = ics_event_of(content)
        assert event.get("status") == "CONFIRMED"
        assert event.get("dtstart").to_ical().decode() == timezone.localtime(prenotazione.inizio).strftime(
            "%Y%m%dT%H%M%S"
        )
        assert event.get("dtstart").params["TZID"] == "Europe/Rome"
        assert event.decoded("dtstart") == prenotazione.inizio and event.decoded("dtend") == prenotazione.fine
        # The same file stays downloadable from the area personale.
        messaggio = Messaggio.objects.get(destinatario=prenotazione.richiedente)
        assert [a.nome_file for a in messaggio.allegati.all()] == ["prenotazione.ics"]

    @pytest.mark.parametrize("month", [1, 7])
    def test_ics_dtstart_is_the_local_hour_in_winter_and_summer(self, month):
        today = timezone.localdate()
        day = datetime.date(today.year + 1, month, 6)
        inizio = datetime.datetime.combine(day, datetime.time(10), tzinfo=timezone.get_current_timezone())
        prenotazione = PrenotazioneFactory(inizio=inizio, fine=inizio + 2 * H)
        event = ics_event_of(services.prenotazione_ics(prenotazione))
        assert event.get("dtstart").to_ical().decode() == f"{day:%Y%m%d}T100000"
        assert event.get("dtend").to_ical().decode() == f"{day:%Y%m%d}T120000"
        assert event.decoded("dtstart").utcoffset() == datetime.timedelta(hours=1 if month == 1 else 2)

    def test_refusal_needs_a_reason_which_reaches_the_person(self, django_capture_on_commit_callbacks):
        prenotazione = PrenotazioneFactory()
        staff = StaffFactory()
        with pytest.raises(ValidationError, match="motivazione"):
            services.prenotazione_refuse(prenotazione=prenotazione, actor=staff, note=" ")
        with django_capture_on_commit_callbacks(execute=True):
            services.prenotazione_refuse(prenotazione=prenotazione, actor=staff, note="La sala è in manutenzione.")
        prenotazione.refresh_from_db()
        assert prenotazione.stato == Prenotazione.Stato.RIFIUTATA
        assert prenotazione.motivazione == "La sala è in manutenzione."
        assert Messaggio.objects.filter(testo="La sala è in manutenzione.").exists()
        assert len(mail.outbox) == 1 and not mail.outbox[0].attachments

    def test_only_staff_confirm(self):
        prenotazione = PrenotazioneFactory()
        with pytest.raises(PermissionDenied, match="Non hai i permessi per questa operazione"):
            services.prenotazione_confirm(prenotazione=prenotazione, actor=prenotazione.richiedente)

    def test_the_person_cancels_their_confirmed_booking(self, django_capture_on_commit_callbacks):
        prenotazione = PrenotazioneFactory(confermata=True)
        with django_capture_on_commit_callbacks(execute=True):
            services.prenotazione_cancel(prenotazione=prenotazione, actor=prenotazione.richiedente)
        prenotazione.refresh_from_db()
        assert prenotazione.stato == Prenotazione.Stato.ANNULLATA
        # One e-mail whose .ics replaces the confirmed event (same UID, higher SEQUENCE) with a cancelled one.
        [(name, content, mimetype)] = mail.outbox[-1].attachments
        assert name == "prenotazione-annullata.ics" and mimetype == "text/calendar"
        event = ics_event_of(content)
        assert event.get("status") == "CANCELLED" and event.get("sequence") == 1
        assert str(event.get("uid")) == f"prenotazione-{prenotazione.pk}@costellazioni"

    def test_cancelling_a_request_not_yet_confirmed_sends_no_calendar_file(self, django_capture_on_commit_callbacks):
        prenotazione = PrenotazioneFactory()
        with django_capture_on_commit_callbacks(execute=True):
            services.prenotazione_cancel(prenotazione=prenotazione, actor=prenotazione.richiedente)
        assert len(mail.outbox) == 1 and not mail.outbox[0].attachments

    def test_someone_else_cannot_cancel(self):
        prenotazione = PrenotazioneFactory()
        with pytest.raises(PermissionDenied, match="Non hai i permessi per questa operazione"):
            services.prenotazione_cancel(prenotazione=prenotazione, actor=UserFactory())

    def test_confirming_over_a_confirmed_booking_is_refused(self):
        confermata = PrenotazioneFactory(confermata=True)
        richiesta = PrenotazioneFactory(spazio=confermata.spazio, inizio=confermata.inizio, fine=confermata.fine)
        with pytest.raises(ValidationError, match="già prenotato"):
            services.prenotazione_confirm(prenotazione=richiesta, actor=StaffFactory())
        richiesta.refresh_from_db()
        assert richiesta.stato == Prenotazione.Stato.RICHIESTA


@pytest.mark.usefixtures("committed_db")
class TestConfirmationRace:
    """Two staff confirm overlapping requests in parallel transactions: the database keeps exactly one."""

    def _setup(self):
        staff = StaffFactory()
        first = PrenotazioneFactory()
        second = PrenotazioneFactory(spazio=first.spazio, inizio=first.inizio + H, fine=first.fine + H)
        return staff, first, second

    def _run(self, target_a, target_b):
        results = {}

        def wrap(name, target):
            try:
                target()
                results[name] = "ok"
            except ValidationError as error:
                results[name] = messages_of(error)
            finally:
                connection.close()

        threads = [threading.Thread(target=wrap, args=(n, t)) for n, t in (("a", target_a), ("b", target_b))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        return results

    def test_the_second_confirmation_waits_and_loses_even_after_passing_validation(self):
        staff, first, second = self._setup()
        barrier = threading.Barrier(2, timeout=10)
        second_session = {}

        def blocked_by_another_session() -> bool:
            with connection.cursor() as cursor:
                cursor.execute("SELECT cardinality(pg_blocking_pids(%s)) > 0", [second_session["pid"]])
                return cursor.fetchone()[0]

        def confirm_first_and_hold():
            with transaction.atomic():
                services.prenotazione_confirm(prenotazione=first, actor=staff)
                barrier.wait()
                # B validates, sees nothing committed, and waits on the constraint for this transaction.
                wait_until(blocked_by_another_session, timeout=10, what="the second confirmation to wait")

        def confirm_second():
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                second_session["pid"] = cursor.fetchone()[0]
            barrier.wait()
            services.prenotazione_confirm(prenotazione=second, actor=staff)

        results = self._run(confirm_first_and_hold, confirm_second)

        assert results == {"a": "ok", "b": "Lo spazio è già prenotato in questo orario."}
        assert list(Prenotazione.objects.confirmed().values_list("pk", flat=True)) == [first.pk]

    def test_simultaneous_confirmations_exactly_one_wins(self):
        staff, first, second = self._setup()
        barrier = threading.Barrier(2, timeout=10)

        def confirm(prenotazione):
            def run():
                barrier.wait()
                services.prenotazione_confirm(prenotazione=prenotazione, actor=staff)

            return run

        results = self._run(confirm(first), confirm(second))

        assert sorted(results.values()) == ["Lo spazio è già prenotato in questo orario.", "ok"]
        assert Prenotazione.objects.confirmed().count() == 1
        assert Prenotazione.objects.pending().count() == 1
