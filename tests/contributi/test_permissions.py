from datetime import timedelta

import pytest

from contributi import permissions
from contributi.models import Candidatura
from tests.contributi.factories import BandoFactory, CandidaturaFactory, open_bando, referente
from tests.costellazioni.factories import EnteFactory, MembershipFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


class TestCanApply:
    def test_verified_referente_of_verified_ente_while_open(self):
        user, ente = referente()
        assert permissions.can_apply(user, bando=open_bando(), ente=ente)

    def test_unverified_membership(self):
        membership = MembershipFactory(ente=EnteFactory(verified=True))
        decision = permissions.can_apply(membership.user, bando=open_bando(), ente=membership.ente)
        assert not decision and "non è ancora stata verificata" in decision.reason

    def test_not_yet_open(self):
        user, ente = referente()
        bando = open_bando()
        assert not permissions.can_apply(user, bando=bando, ente=ente, now=bando.apertura - timedelta(seconds=1))


class TestVisibleTo:
    def test_referente_sees_only_own_ente(self):
        user, ente = referente()
        mine = CandidaturaFactory(ente=ente)
        CandidaturaFactory()
        assert list(Candidatura.objects.visible_to(user)) == [mine]

    def test_anonymous_and_stranger_see_nothing(self):
        from django.contrib.auth.models import AnonymousUser

        CandidaturaFactory()
        assert not Candidatura.objects.visible_to(AnonymousUser()).exists()
        assert not Candidatura.objects.visible_to(UserFactory()).exists()

    def test_staff_sees_all(self):
        CandidaturaFactory()
        assert Candidatura.objects.visible_to(StaffFactory()).count() == 1


def test_draft_call_is_not_open():
    assert not BandoFactory().is_open()
