"""The applicant's page of an application: each button appears exactly when the move it makes would be accepted
(the door's ``available_transitions`` and the service's own conditions), for the applicant and for staff alike."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from contributi import services
from contributi.models import Candidatura, RichiestaIntegrazioni, VoceChecklist
from tests.contributi.factories import SubmittedCandidaturaFactory, closed_bando, open_bando, referente
from tests.costellazioni.factories import StaffFactory

pytestmark = pytest.mark.django_db
S = Candidatura.Stato
WITHDRAW = "Ritira la candidatura"
REPLY = "Rispondi e invia i documenti"


class Rollback(Exception):
    pass


def accepted(move) -> bool:
    """Whether the service accepts ``move`` now; nothing it writes is kept."""
    try:
        with transaction.atomic():
            move()
            raise Rollback
    except Rollback:
        return True
    except (PermissionDenied, ValidationError):
        return False


def page(client, user, candidatura) -> str:
    client.force_login(user)
    response = client.get(candidatura.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def as_applicant(candidatura, user):
    return user


def as_staff(candidatura, user):
    return StaffFactory()


class TestWithdrawButton:
    @pytest.mark.parametrize(
        ("who", "call", "stato", "expected"),
        [
            (as_applicant, open_bando, S.PRESENTATA, True),
            (as_applicant, closed_bando, S.PRESENTATA, False),
            (as_applicant, open_bando, S.IN_ISTRUTTORIA, False),
            (as_staff, open_bando, S.PRESENTATA, False),
        ],
        ids=["applicant-open-call", "applicant-closed-call", "applicant-in-review", "staff"],
    )
    def test_shown_exactly_when_the_withdrawal_is_accepted(self, client, who, call, stato, expected):
        user, ente = referente()
        candidatura = SubmittedCandidaturaFactory(bando=call(), ente=ente, stato=stato)
        viewer = who(candidatura, user)
        shown = WITHDRAW in page(client, viewer, candidatura)
        assert shown == accepted(lambda: services.candidatura_withdraw(candidatura=candidatura, actor=viewer))
        assert shown is expected


@pytest.fixture
def integrazioni(staff_user):
    """An application in review with a pending request for documents, and its referente."""
    user, ente = referente()
    bando = closed_bando()
    VoceChecklist.objects.create(bando=bando, testo="Statuto conforme", ordine=1)
    candidatura = services.istruttoria_start(
        candidatura=SubmittedCandidaturaFactory(bando=bando, ente=ente), actor=staff_user
    )
    richiesta = services.integrazioni_request(
        candidatura=candidatura, actor=staff_user, testo="Statuto firmato.", scadenza=timezone.now() + timedelta(days=2)
    )
    candidatura.refresh_from_db()
    return candidatura, richiesta, user


class TestReplyButton:
    @pytest.mark.parametrize(("who", "expected"), [(as_applicant, True), (as_staff, False)], ids=["applicant", "staff"])
    def test_shown_exactly_when_the_reply_is_accepted(self, client, integrazioni, who, expected):
        candidatura, richiesta, user = integrazioni
        viewer = who(candidatura, user)
        shown = REPLY in page(client, viewer, candidatura)
        reply = lambda: services.integrazioni_reply(richiesta=richiesta, actor=viewer, risposta="Eccolo.")  # noqa: E731
        assert shown == accepted(reply)
        assert shown is expected

    def test_not_after_the_deadline(self, client, integrazioni):
        candidatura, richiesta, user = integrazioni
        RichiestaIntegrazioni.objects.filter(pk=richiesta.pk).update(
            richiesta_il=timezone.now() - timedelta(days=3), scadenza=timezone.now() - timedelta(minutes=1)
        )
        richiesta.refresh_from_db()
        html = page(client, user, candidatura)
        assert "Statuto firmato." in html and REPLY not in html
        assert not accepted(lambda: services.integrazioni_reply(richiesta=richiesta, actor=user, risposta="Tardi."))
