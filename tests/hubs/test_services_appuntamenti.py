"""Sportello appointments (``hubs.services.appuntamenti``): request, fix, outcome, cancel."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from costellazioni.models import EventoAudit, Messaggio
from hubs import services
from hubs.models import Appuntamento, Servizio
from tests.costellazioni.factories import StaffFactory, UserFactory
from tests.hubs.factories import AppuntamentoFactory, ServizioFactory, next_weekday
from tests.hubs.support import H, ics_event_of


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
        assert EventoAudit.objects.for_object(appuntamento).filter().count() == 3

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
        with pytest.raises(ValidationError, match="Un appuntamento fissato ha un inizio e una fine"):
            services.appuntamento_transition(
                appuntamento=AppuntamentoFactory(), to=Appuntamento.Stato.FISSATO, actor=StaffFactory()
            )

    def test_only_sportello_services_take_appointments(self):
        servizio = ServizioFactory(accesso=Servizio.Accesso.LIBERO)
        with pytest.raises(ValidationError, match="Questo servizio non riceve su appuntamento"):
            services.appuntamento_request(user=UserFactory(), servizio=servizio, tema="x", disponibilita="y")

    def test_the_person_cancels(self):
        appuntamento = AppuntamentoFactory()
        services.appuntamento_cancel(appuntamento=appuntamento, actor=appuntamento.richiedente)
        appuntamento.refresh_from_db()
        assert appuntamento.stato == Appuntamento.Stato.ANNULLATO
