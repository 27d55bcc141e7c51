import datetime
import threading
import time

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone

from costellazioni.models import EventoAudit, Messaggio
from hubs import services
from hubs.models import Appuntamento, Connessione, Prenotazione, Servizio
from tests.costellazioni.factories import EnteFactory, MembershipFactory, StaffFactory, UserFactory
from tests.hubs.factories import (
    AppuntamentoFactory,
    ChiusuraFactory,
    PrenotazioneFactory,
    ServizioFactory,
    SpazioFactory,
    next_weekday,
)

# No module-wide django_db mark: the race tests use ``committed_db`` alone, whose teardown restores the
# migrations' rows after the flush (a django_db mark would flush after that restore).
H = datetime.timedelta(hours=1)


def request(spazio, *, inizio=None, ore=2, partecipanti=10, user=None, ente=None):
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


@pytest.mark.django_db
class TestPrenotazioneRequest:
    def test_a_valid_request_is_saved_audited_and_acknowledged(self, django_capture_on_commit_callbacks):
        spazio = SpazioFactory()
        with django_capture_on_commit_callbacks(execute=True):
            prenotazione = request(spazio)
        assert prenotazione.stato == Prenotazione.Stato.RICHIESTA
        assert EventoAudit.objects.filter(object_id=str(prenotazione.pk), stato_a="richiesta").exists()
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
            request(spazio, inizio=inizio, **kwargs)
        assert message in messages_of(error.value)
        assert not Prenotazione.objects.exists()

    def test_a_closure_refuses_the_day(self):
        spazio = SpazioFactory()
        inizio = next_weekday(1, hour=10)
        ChiusuraFactory(hub=spazio.hub, data_inizio=inizio.date(), data_fine=inizio.date())
        with pytest.raises(ValidationError, match="chiuso"):
            request(spazio, inizio=inizio)

    def test_a_space_that_is_not_bookable(self):
        with pytest.raises(ValidationError, match="non si prenota"):
            request(SpazioFactory(prenotabile=False))

    def test_a_slot_taken_by_a_confirmed_booking_is_refused(self):
        taken = PrenotazioneFactory(confermata=True)
        with pytest.raises(ValidationError, match="già prenotato"):
            request(taken.spazio, inizio=taken.inizio + H)

    def test_booking_for_an_ente_needs_a_verified_membership(self):
        user, ente = UserFactory(), EnteFactory(verified=True)
        with pytest.raises(PermissionDenied):
            request(SpazioFactory(), user=user, ente=ente)
        MembershipFactory(user=user, ente=ente, verified=True)
        assert request(SpazioFactory(), user=user, ente=ente).ente == ente


@pytest.mark.django_db
class TestPrenotazioneTransitions:
    def test_confirmation_is_one_email_with_the_ics_attached(self, django_capture_on_commit_callbacks):
        prenotazione = PrenotazioneFactory()
        staff = StaffFactory()
        with django_capture_on_commit_callbacks(execute=True):
            services.prenotazione_confirm(prenotazione=prenotazione, actor=staff)
        prenotazione.refresh_from_db()
        assert prenotazione.stato == Prenotazione.Stato.CONFERMATA
        audit = EventoAudit.objects.get(object_id=str(prenotazione.pk), stato_a="confermata")
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
        with pytest.raises(PermissionDenied):
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
        with pytest.raises(PermissionDenied):
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

        def confirm_first_and_hold():
            with transaction.atomic():
                services.prenotazione_confirm(prenotazione=first, actor=staff)
                barrier.wait()
                time.sleep(0.5)  # B validates now, sees nothing committed, and blocks on the constraint

        def confirm_second():
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


@pytest.mark.django_db
class TestAppuntamenti:
    def test_request_fix_and_outcome(self):
        servizio = ServizioFactory()
        user, staff = UserFactory(), StaffFactory()
        appuntamento = services.appuntamento_request(
            user=user, servizio=servizio, tema="Bando quartieri", disponibilita="Lunedì pomeriggio"
        )
        inizio = next_weekday(0, hour=15)
        services.appuntamento_fix(appuntamento=appuntamento, inizio=inizio, fine=inizio + H, actor=staff)
        appuntamento.refresh_from_db()
        assert appuntamento.stato == Appuntamento.Stato.FISSATO and appuntamento.operatore == staff
        assert Messaggio.objects.filter(destinatario=user, tipo="appuntamento").count() == 2
        services.appuntamento_record_outcome(
            appuntamento=appuntamento, esito="Idea chiarita", seguiti="Bozza entro marzo", actor=staff
        )
        appuntamento.refresh_from_db()
        assert appuntamento.stato == Appuntamento.Stato.SVOLTO
        assert EventoAudit.objects.filter(object_id=str(appuntamento.pk)).count() == 3

    def test_fixing_sends_one_email_with_the_ics(self, django_capture_on_commit_callbacks):
        appuntamento = AppuntamentoFactory()
        inizio = next_weekday(2, hour=11)
        with django_capture_on_commit_callbacks(execute=True):
            services.appuntamento_fix(appuntamento=appuntamento, inizio=inizio, fine=inizio + H, actor=StaffFactory())
        assert len(mail.outbox) == 1
        email = mail.outbox[0]
        assert email.to == [appuntamento.richiedente.email] and "Appuntamento fissato" in email.subject
        [(name, content, mimetype)] = email.attachments
        assert name == "appuntamento.ics" and mimetype == "text/calendar"
        event = ics_event_of(content)
        assert event.get("dtstart").to_ical().decode() == f"{inizio:%Y%m%d}T110000"
        assert appuntamento.tema in str(event.get("description"))

    def test_outcome_cannot_be_empty(self):
        appuntamento = AppuntamentoFactory(
            stato=Appuntamento.Stato.FISSATO, inizio=next_weekday(0, hour=9), fine=next_weekday(0, hour=10)
        )
        with pytest.raises(ValidationError, match="esito"):
            services.appuntamento_record_outcome(appuntamento=appuntamento, esito="", actor=StaffFactory())

    def test_fixing_needs_a_slot(self):
        with pytest.raises(ValidationError):
            services.appuntamento_transition(
                appuntamento=AppuntamentoFactory(), to=Appuntamento.Stato.FISSATO, actor=StaffFactory()
            )

    def test_only_sportello_services_take_appointments(self):
        servizio = ServizioFactory(accesso=Servizio.Accesso.LIBERO)
        with pytest.raises(ValidationError):
            services.appuntamento_request(user=UserFactory(), servizio=servizio, tema="x", disponibilita="y")

    def test_the_person_cancels(self):
        appuntamento = AppuntamentoFactory()
        services.appuntamento_cancel(appuntamento=appuntamento, actor=appuntamento.richiedente)
        appuntamento.refresh_from_db()
        assert appuntamento.stato == Appuntamento.Stato.ANNULLATO


@pytest.mark.django_db
class TestConnessioni:
    def test_recorded_and_audited(self):
        servizio = ServizioFactory()
        a, b = EnteFactory(), EnteFactory()
        connessione = services.connessione_record(
            hub=servizio.hub,
            ente_a=a,
            ente_b=b,
            scopo="Doposcuola condiviso",
            data=timezone.localdate(),
            actor=StaffFactory(),
        )
        assert connessione.esito == Connessione.Esito.IN_CORSO
        assert EventoAudit.objects.filter(object_id=str(connessione.pk)).exists()

    def test_an_ente_does_not_connect_with_itself(self):
        servizio = ServizioFactory()
        a = EnteFactory()
        with pytest.raises(ValidationError):
            services.connessione_record(
                hub=servizio.hub, ente_a=a, ente_b=a, scopo="x", data=timezone.localdate(), actor=StaffFactory()
            )

    def test_a_new_outcome_goes_through_the_service_with_its_coded_row(self):
        staff = StaffFactory()
        connessione = services.connessione_record(
            hub=ServizioFactory().hub,
            ente_a=EnteFactory(),
            ente_b=EnteFactory(),
            scopo="x",
            data=timezone.localdate(),
            actor=staff,
        )
        services.connessione_update(connessione=connessione, actor=staff, esito=Connessione.Esito.PROGETTO_COMUNE)
        riga = EventoAudit.objects.for_object(connessione).get(evento="hubs.esito_aggiornato")
        assert (riga.stato_da, riga.stato_a, riga.autore) == ("in_corso", "progetto", staff)
        services.connessione_update(connessione=connessione, actor=staff, note="Solo una nota")
        assert EventoAudit.objects.for_object(connessione).filter(evento="hubs.esito_aggiornato").count() == 1

    def test_only_staff_update_a_connection(self):
        connessione = services.connessione_record(
            hub=ServizioFactory().hub,
            ente_a=EnteFactory(),
            ente_b=EnteFactory(),
            scopo="x",
            data=timezone.localdate(),
            actor=StaffFactory(),
        )
        with pytest.raises(PermissionDenied, match="Solo il personale del Comune"):
            services.connessione_update(connessione=connessione, actor=UserFactory(), esito="avviata")
        connessione.refresh_from_db()
        assert connessione.esito == Connessione.Esito.IN_CORSO

    def test_the_admin_records_the_outcome_and_shows_a_refusal_next_to_the_form(self, client):
        staff = StaffFactory(is_superuser=True)
        a, b = EnteFactory(), EnteFactory()
        connessione = services.connessione_record(
            hub=ServizioFactory().hub, ente_a=a, ente_b=b, scopo="Doposcuola", data=timezone.localdate(), actor=staff
        )
        client.force_login(staff)
        url = f"/admin/hubs/connessione/{connessione.pk}/change/"
        data = {
            "hub": connessione.hub_id,
            "ente_a": a.pk,
            "ente_b": a.pk,
            "scopo": "Doposcuola",
            "data": timezone.localdate().strftime("%d/%m/%Y"),
            "esito": "avviata",
            "note": "",
        }
        refused = client.post(url, data)
        assert refused.status_code == 200 and "errornote" in refused.content.decode()
        assert not [m for m in get_messages(refused.wsgi_request) if "successo" in str(m)]
        connessione.refresh_from_db()
        assert (connessione.ente_b, connessione.esito) == (b, Connessione.Esito.IN_CORSO)
        assert client.post(url, {**data, "ente_b": b.pk}).status_code == 302
        riga = EventoAudit.objects.for_object(connessione).get(evento="hubs.esito_aggiornato")
        assert (riga.stato_a, riga.autore) == ("avviata", staff)


@pytest.mark.django_db
class TestStaffAreToldOfNewRequests:
    """Staff comunale who handle the HUB queues get a message (and an e-mail) with a link to the admin queue."""

    def test_a_booking_request_reaches_the_staff_with_a_link_to_the_queue(self, django_capture_on_commit_callbacks):
        spazio = SpazioFactory(nome="Sala Parco")
        staff = StaffFactory()
        Messaggio.objects.all().delete()
        membership = MembershipFactory(verified=True, ente__verified=True, ente__denominazione="APS Parco")
        with django_capture_on_commit_callbacks(execute=True):
            request(spazio, user=membership.user, ente=membership.ente)
        messaggio = Messaggio.objects.get(destinatario=staff)
        assert messaggio.tipo == "prenotazione"
        assert messaggio.oggetto.startswith("Nuova richiesta di prenotazione: Sala Parco")
        assert "per APS Parco" in messaggio.testo and "Assemblea dei soci" in messaggio.testo
        assert messaggio.link == "/admin/hubs/prenotazione/?stato__exact=richiesta"
        assert staff.email in [to for m in mail.outbox for to in m.to]

    def test_the_hub_referenti_when_it_names_any(self):
        spazio = SpazioFactory()
        referente, _other = StaffFactory(), StaffFactory()
        spazio.hub.referenti.add(referente)
        Messaggio.objects.all().delete()
        prenotazione = request(spazio)
        told = Messaggio.objects.exclude(destinatario=prenotazione.richiedente).values_list("destinatario", flat=True)
        assert list(told) == [referente.pk]

    def test_staff_booking_for_themselves_are_not_told_of_their_own_request(self):
        spazio = SpazioFactory()
        staff = StaffFactory()
        spazio.hub.referenti.add(staff)
        Messaggio.objects.all().delete()
        request(spazio, user=staff)
        assert [m.oggetto.split(":")[0] for m in Messaggio.objects.all()] == ["Richiesta di prenotazione ricevuta"]

    def test_an_appointment_request_reaches_the_staff(self):
        servizio = ServizioFactory(nome="Sportello progetti")
        staff = StaffFactory()
        Messaggio.objects.all().delete()
        services.appuntamento_request(
            user=UserFactory(), servizio=servizio, tema="Bando quartieri", disponibilita="Lunedì pomeriggio"
        )
        messaggio = Messaggio.objects.get(destinatario=staff)
        assert messaggio.tipo == "appuntamento"
        assert messaggio.oggetto == "Nuova richiesta di appuntamento: Bando quartieri"
        assert "Lunedì pomeriggio" in messaggio.testo
        assert messaggio.link == "/admin/hubs/appuntamento/?stato__exact=richiesto"
