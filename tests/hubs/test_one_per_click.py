"""One effect per click: the same booking or appointment request sent twice makes one, with one confirmation."""

import threading

import pytest
from django.core import mail
from django.db import connection

from costellazioni.models import Messaggio
from hubs import services
from hubs.models import Appuntamento, Prenotazione
from tests.costellazioni.factories import UserFactory
from tests.hubs.factories import ServizioFactory, SpazioFactory, next_weekday


def _booking_post(inizio):
    return {
        "data": inizio.date().isoformat(),
        "ora_inizio": "10:00",
        "ora_fine": "12:00",
        "scopo": "Assemblea dei soci",
        "partecipanti": 15,
    }


@pytest.mark.django_db
def test_a_booking_posted_twice_is_one_booking_with_one_acknowledgement(committing_client):
    spazio = SpazioFactory()
    person = UserFactory()
    committing_client.force_login(person)
    inizio = next_weekday(2, hour=10)

    first = committing_client.post(spazio.get_absolute_url(), _booking_post(inizio))
    second = committing_client.post(spazio.get_absolute_url(), _booking_post(inizio))

    assert (first.status_code, second.status_code) == (302, 302)
    assert Prenotazione.objects.filter(richiedente=person).count() == 1
    assert Messaggio.objects.filter(destinatario=person).count() == 1
    assert [m.to for m in mail.outbox if m.to == [person.email]] == [[person.email]]


@pytest.mark.django_db
def test_an_appointment_asked_twice_is_one_appointment():
    servizio = ServizioFactory(accesso="appuntamento")
    person = UserFactory()
    ask = {"user": person, "servizio": servizio, "tema": "Statuto dell'associazione", "disponibilita": "Lunedì"}

    first = services.appuntamento_request(**ask)
    second = services.appuntamento_request(**ask)

    assert first == second
    assert Appuntamento.objects.filter(richiedente=person).count() == 1


def test_two_identical_booking_requests_at_the_same_instant_make_one(committed_db):
    """Two requests released together by a barrier, each in its own connection: one row, the other returns it."""
    spazio = SpazioFactory()
    person = UserFactory()
    inizio = next_weekday(3, hour=10)
    barrier = threading.Barrier(2, timeout=10)
    results = {}

    def click(name):
        try:
            barrier.wait()
            results[name] = services.prenotazione_request(
                user=person,
                spazio=spazio,
                inizio=inizio,
                fine=inizio.replace(hour=12),
                scopo="Prove del coro",
                partecipanti=10,
            ).pk
        finally:
            connection.close()

    threads = [threading.Thread(target=click, args=(name,)) for name in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert results["a"] == results["b"]
    assert Prenotazione.objects.filter(richiedente=person).count() == 1
    assert Messaggio.objects.filter(destinatario=person).count() == 1
