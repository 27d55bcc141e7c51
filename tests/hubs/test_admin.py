"""The booking queue in the admin: a booking changes only by the actions, each through the service."""

import pytest

from costellazioni.models import EventoAudit
from hubs.models import Prenotazione
from tests.costellazioni.factories import StaffFactory
from tests.hubs.factories import PrenotazioneFactory

pytestmark = pytest.mark.django_db


class TestPrenotazioneAdmin:
    def test_the_page_shows_a_booking_with_nothing_to_save(self, client):
        prenotazione = PrenotazioneFactory(scopo="Riunione dei volontari")
        client.force_login(StaffFactory())
        url = f"/admin/hubs/prenotazione/{prenotazione.pk}/change/"
        page = client.get(url)
        assert page.status_code == 200
        assert "Riunione dei volontari" in page.content.decode()
        assert 'name="_save"' not in page.content.decode()
        assert client.post(url, {"scopo": "Altro", "stato": Prenotazione.Stato.CONFERMATA}).status_code == 403
        prenotazione.refresh_from_db()
        assert (prenotazione.scopo, prenotazione.stato) == ("Riunione dei volontari", Prenotazione.Stato.RICHIESTA)

    def test_confirming_from_the_queue_is_logged_with_its_code(self, client):
        prenotazione = PrenotazioneFactory()
        staff = StaffFactory()
        client.force_login(staff)
        client.post(
            "/admin/hubs/prenotazione/", {"action": "confirm", "_selected_action": [prenotazione.pk], "nota": ""}
        )
        prenotazione.refresh_from_db()
        assert prenotazione.stato == Prenotazione.Stato.CONFERMATA
        riga = EventoAudit.objects.for_object(prenotazione).get()
        assert (riga.autore, riga.stato_a) == (staff, Prenotazione.Stato.CONFERMATA)
