"""Nobody confirms their own booking or handles their own appointment, nor one asked for their ente."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from costellazioni.permissions import PartyToRequest
from hubs import services
from hubs.models import Appuntamento, Prenotazione
from tests.costellazioni.factories import EnteFactory, MembershipFactory, StaffFactory
from tests.hubs.factories import AppuntamentoFactory, PrenotazioneFactory

pytestmark = pytest.mark.django_db


def _fix(appuntamento, actor):
    inizio = timezone.now() + datetime.timedelta(days=3)
    return services.appuntamento_fix(
        appuntamento=appuntamento, inizio=inizio, fine=inizio + datetime.timedelta(hours=1), actor=actor
    )


class TestPrenotazione:
    def test_staff_cannot_confirm_their_own_booking(self):
        staff = StaffFactory()
        prenotazione = PrenotazioneFactory(richiedente=staff)
        with pytest.raises(PartyToRequest, match="hai presentato tu"):
            services.prenotazione_confirm(prenotazione=prenotazione, actor=staff)
        prenotazione.refresh_from_db()
        assert prenotazione.stato == Prenotazione.Stato.RICHIESTA

    def test_staff_cannot_confirm_a_booking_for_their_ente(self):
        ente = EnteFactory(verified=True)
        staff = MembershipFactory(user=StaffFactory(), ente=ente, verified=True).user
        prenotazione = PrenotazioneFactory(ente=ente)
        with pytest.raises(PartyToRequest, match="ne fai parte"):
            services.prenotazione_refuse(prenotazione=prenotazione, actor=staff, note="Sala occupata.")
        prenotazione.refresh_from_db()
        assert prenotazione.stato == Prenotazione.Stato.RICHIESTA

    def test_the_requester_still_cancels_and_a_colleague_confirms(self):
        staff = StaffFactory()
        mine, other = PrenotazioneFactory(richiedente=staff), PrenotazioneFactory(richiedente=staff)
        services.prenotazione_cancel(prenotazione=mine, actor=staff)
        services.prenotazione_confirm(prenotazione=other, actor=StaffFactory())
        assert Prenotazione.objects.get(pk=mine.pk).stato == Prenotazione.Stato.ANNULLATA
        assert Prenotazione.objects.get(pk=other.pk).stato == Prenotazione.Stato.CONFERMATA

    def test_the_admin_action_shows_the_refusal_and_no_success(self, client):
        staff = StaffFactory()
        prenotazione = PrenotazioneFactory(richiedente=staff)
        client.force_login(staff)
        response = client.post(
            reverse("admin:hubs_prenotazione_changelist"),
            {"action": "confirm", "_selected_action": [prenotazione.pk], "nota": ""},
            follow=True,
        )
        texts = [(m.level_tag, str(m)) for m in response.context["messages"]]
        assert any(tag == "error" and "hai presentato tu" in text for tag, text in texts)
        assert not any(tag == "success" for tag, _text in texts)
        prenotazione.refresh_from_db()
        assert prenotazione.stato == Prenotazione.Stato.RICHIESTA


class TestAppuntamento:
    def test_staff_cannot_fix_their_own_appointment(self):
        staff = StaffFactory()
        appuntamento = AppuntamentoFactory(richiedente=staff)
        with pytest.raises(PartyToRequest, match="hai presentato tu"):
            _fix(appuntamento, staff)
        appuntamento.refresh_from_db()
        assert appuntamento.stato == Appuntamento.Stato.RICHIESTO

    def test_staff_cannot_record_the_outcome_for_their_ente(self):
        ente = EnteFactory(verified=True)
        appuntamento = AppuntamentoFactory(ente=ente)
        _fix(appuntamento, StaffFactory())
        staff = MembershipFactory(user=StaffFactory(), ente=ente, verified=True).user
        with pytest.raises(PartyToRequest, match="ne fai parte"):
            services.appuntamento_record_outcome(appuntamento=appuntamento, esito="Progetto avviato.", actor=staff)
        appuntamento.refresh_from_db()
        assert appuntamento.stato == Appuntamento.Stato.FISSATO

    def test_a_colleague_fixes_it(self):
        appuntamento = AppuntamentoFactory(richiedente=StaffFactory())
        appuntamento = _fix(appuntamento, StaffFactory())
        assert appuntamento.stato == Appuntamento.Stato.FISSATO


class TestAppuntamentoAdmin:
    def test_fixing_ones_own_appointment_in_the_admin_is_an_error_without_success(self, client):
        staff = StaffFactory()
        appuntamento = AppuntamentoFactory(richiedente=staff)
        client.force_login(staff)
        inizio = timezone.localtime(timezone.now() + datetime.timedelta(days=3)).replace(
            hour=10, minute=0, second=0, microsecond=0
        )
        fine = inizio + datetime.timedelta(hours=1)
        response = client.post(
            reverse("admin:hubs_appuntamento_change", args=[appuntamento.pk]),
            {
                "inizio_0": inizio.strftime("%d/%m/%Y"),
                "inizio_1": inizio.strftime("%H:%M"),
                "fine_0": fine.strftime("%d/%m/%Y"),
                "fine_1": fine.strftime("%H:%M"),
                "operatore": staff.pk,
                "esito": "",
                "seguiti": "",
            },
            follow=True,
        )
        # The refusal is shown above the form, which keeps the slot typed; no message of success.
        assert "hai presentato tu" in str(response.context["adminform"].form.non_field_errors())
        assert not [m for m in response.context["messages"] if m.level_tag == "success"]
        appuntamento.refresh_from_db()
        assert appuntamento.stato == Appuntamento.Stato.RICHIESTO and appuntamento.inizio is None
