"""What bookings and appointments share (``hubs.services.richieste``): the staff are told a request waits."""

import pytest
from django.core import mail

from costellazioni.models import Messaggio
from hubs import services
from tests.costellazioni.factories import MembershipFactory, StaffFactory, UserFactory
from tests.hubs.factories import ServizioFactory, SpazioFactory
from tests.hubs.support import booking_request


@pytest.mark.django_db
class TestStaffAreToldOfNewRequests:
    """Staff comunale who handle the HUB queues get a message (and an e-mail) with a link to the admin queue."""

    def test_a_booking_request_reaches_the_staff_with_a_link_to_the_queue(self, django_capture_on_commit_callbacks):
        spazio = SpazioFactory(nome="Sala Parco")
        staff = StaffFactory()
        Messaggio.objects.all().delete()
        membership = MembershipFactory(verified=True, ente__verified=True, ente__denominazione="APS Parco")
        with django_capture_on_commit_callbacks(execute=True):
            booking_request(spazio, user=membership.user, ente=membership.ente)
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
        prenotazione = booking_request(spazio)
        told = Messaggio.objects.exclude(destinatario=prenotazione.richiedente).values_list("destinatario", flat=True)
        assert list(told) == [referente.pk]

    def test_staff_booking_for_themselves_are_not_told_of_their_own_request(self):
        spazio = SpazioFactory()
        staff = StaffFactory()
        spazio.hub.referenti.add(staff)
        Messaggio.objects.all().delete()
        booking_request(spazio, user=staff)
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
