"""The applicant's two answers during the istruttoria: integrations and observations (``contributi.permissions``)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from contributi import permissions, services
from contributi.models import VoceChecklist
from tests.contributi.factories import SubmittedCandidaturaFactory, closed_bando, referente

pytestmark = pytest.mark.django_db


@pytest.fixture
def applicant():
    return referente()


@pytest.fixture
def in_istruttoria(applicant, staff_user):
    bando = closed_bando()
    VoceChecklist.objects.create(bando=bando, testo="Statuto conforme", ordine=1)
    candidatura = SubmittedCandidaturaFactory(bando=bando, ente=applicant[1])
    return services.istruttoria_start(candidatura=candidatura, actor=staff_user)


class TestCanReplyIntegrazioni:
    @pytest.fixture
    def richiesta(self, in_istruttoria, staff_user):
        return services.integrazioni_request(
            candidatura=in_istruttoria, actor=staff_user, testo="Statuto.", scadenza=timezone.now() + timedelta(days=3)
        )

    def test_the_applicant_may_before_the_deadline(self, richiesta, applicant):
        assert permissions.can_reply_integrazioni(applicant[0], richiesta)

    def test_another_person_may_not(self, richiesta):
        other, _ente = referente()
        assert not permissions.can_reply_integrazioni(other, richiesta)

    def test_not_after_the_deadline(self, richiesta, applicant):
        decision = permissions.can_reply_integrazioni(
            applicant[0], richiesta, now=richiesta.scadenza + timedelta(minutes=1)
        )
        assert not decision and "termine per inviare le integrazioni è scaduto" in decision.reason

    def test_not_twice(self, richiesta, applicant):
        services.integrazioni_reply(richiesta=richiesta, actor=applicant[0], risposta="Ecco lo statuto.")
        richiesta.refresh_from_db()
        decision = permissions.can_reply_integrazioni(applicant[0], richiesta)
        assert not decision and "già stata data risposta" in decision.reason


class TestCanSendOsservazioni:
    @pytest.fixture
    def preavviso(self, in_istruttoria, staff_user):
        return services.preavviso_send(
            candidatura=in_istruttoria, actor=staff_user, motivi="Ente non iscritto al RUNTS."
        )

    def test_the_applicant_may_within_ten_days(self, preavviso, applicant):
        assert permissions.can_send_osservazioni(applicant[0], preavviso)

    def test_another_person_may_not(self, preavviso):
        other, _ente = referente()
        assert not permissions.can_send_osservazioni(other, preavviso)

    def test_not_after_ten_days(self, preavviso, applicant):
        decision = permissions.can_send_osservazioni(
            applicant[0], preavviso, now=preavviso.scadenza + timedelta(seconds=1)
        )
        assert not decision and "10 giorni" in decision.reason

    def test_not_twice(self, preavviso, applicant):
        services.preavviso_observations(preavviso=preavviso, actor=applicant[0], osservazioni="Lo statuto c'è.")
        preavviso.refresh_from_db()
        decision = permissions.can_send_osservazioni(applicant[0], preavviso)
        assert not decision and "già state inviate" in decision.reason
