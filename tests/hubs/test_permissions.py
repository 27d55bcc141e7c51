import pytest
from django.contrib.auth.models import Permission

from costellazioni import roles
from hubs import permissions
from hubs.models import Appuntamento, Prenotazione
from tests.costellazioni.factories import StaffFactory, UserFactory
from tests.hubs.factories import AppuntamentoFactory, HubFactory, PrenotazioneFactory

pytestmark = pytest.mark.django_db


class TestVisibility:
    def test_a_person_sees_only_their_own(self):
        mine, other = PrenotazioneFactory(), PrenotazioneFactory()
        assert list(Prenotazione.objects.visible_to(mine.richiedente)) == [mine]
        assert other not in Prenotazione.objects.visible_to(mine.richiedente)

    def test_staff_see_all(self):
        PrenotazioneFactory.create_batch(2)
        AppuntamentoFactory()
        staff = StaffFactory()
        assert Prenotazione.objects.visible_to(staff).count() == 2
        assert Appuntamento.objects.visible_to(staff).count() == 1

    def test_visitors_see_none(self):
        from django.contrib.auth.models import AnonymousUser

        PrenotazioneFactory()
        assert not Prenotazione.objects.visible_to(AnonymousUser()).exists()


class TestCancel:
    def test_owner_and_staff_may_cancel_an_open_booking(self):
        prenotazione = PrenotazioneFactory()
        assert permissions.can_cancel(prenotazione.richiedente, prenotazione)
        assert permissions.can_cancel(StaffFactory(), prenotazione)
        assert not permissions.can_cancel(UserFactory(), prenotazione)

    def test_a_refused_booking_cannot_be_cancelled(self):
        prenotazione = PrenotazioneFactory(stato=Prenotazione.Stato.RIFIUTATA)
        decision = permissions.can_cancel(prenotazione.richiedente, prenotazione)
        assert not decision and decision.reason

    def test_cancelling_someone_elses_booking_is_404(self, client):
        prenotazione = PrenotazioneFactory()
        client.force_login(UserFactory())
        response = client.post(f"/area-personale/prenotazioni/{prenotazione.pk}/annulla/")
        assert response.status_code == 404
        prenotazione.refresh_from_db()
        assert prenotazione.stato == Prenotazione.Stato.RICHIESTA

    def test_cancelling_ones_own(self, client):
        prenotazione = PrenotazioneFactory(confermata=True)
        appuntamento = AppuntamentoFactory(richiedente=prenotazione.richiedente)
        client.force_login(prenotazione.richiedente)
        client.post(f"/area-personale/prenotazioni/{prenotazione.pk}/annulla/")
        client.post(f"/area-personale/prenotazioni/appuntamenti/{appuntamento.pk}/annulla/")
        prenotazione.refresh_from_db()
        appuntamento.refresh_from_db()
        assert prenotazione.stato == Prenotazione.Stato.ANNULLATA
        assert appuntamento.stato == Appuntamento.Stato.ANNULLATO

    def test_anonymous_cannot_book(self):
        from django.contrib.auth.models import AnonymousUser

        assert not permissions.can_book(AnonymousUser())


class TestQueueStaff:
    """Who is told of new requests: staff comunale who may change the queue's model; the HUB's referenti if any."""

    def test_staff_comunale_and_amministratori_with_the_permission(self):
        hub = HubFactory()
        staff = StaffFactory()
        amministratore = StaffFactory(groups=[roles.AMMINISTRATORE])
        senza_ruolo = UserFactory(is_staff=True)
        senza_ruolo.user_permissions.add(Permission.objects.get(codename="change_prenotazione"))
        UserFactory(is_staff=True, is_superuser=True)
        UserFactory(groups=[roles.STAFF_COMUNALE])  # the role without access to the admin
        StaffFactory(is_active=False)
        expected = {staff, amministratore, hub.ente_gestore.verificato_da}
        assert set(permissions.queue_staff(hub, model="prenotazione")) == expected
        assert set(permissions.queue_staff(hub, model="appuntamento")) == expected

    def test_the_hub_referenti_when_it_names_any(self):
        hub, other_hub = HubFactory(), HubFactory()
        referente = StaffFactory()
        StaffFactory()
        hub.referenti.add(referente)
        assert list(permissions.queue_staff(hub, model="prenotazione")) == [referente]
        assert referente in permissions.queue_staff(other_hub, model="prenotazione")
        # A referente who left the staff is not told; the others are, rather than nobody.
        referente.is_staff = False
        referente.save()
        assert referente not in permissions.queue_staff(hub, model="prenotazione")
        assert permissions.queue_staff(hub, model="prenotazione").exists()
