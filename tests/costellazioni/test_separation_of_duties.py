"""Nobody approves their own request: the core rule, and the membership and ente verifications that use it."""

import pytest
from django.urls import reverse

from costellazioni.models import Ente, Membership
from costellazioni.permissions import PartyToRequest, can_approve, is_party_to
from costellazioni.services.enti import ente_set_verification, membership_set_state
from tests.costellazioni.factories import EnteFactory, MembershipFactory, StaffFactory

pytestmark = pytest.mark.django_db
M = Membership.Stato


class TestRule:
    def test_the_requester_and_the_members_are_parties_others_are_not(self):
        ente = EnteFactory()
        member = MembershipFactory(ente=ente, verified=True).user
        asking = MembershipFactory(ente=ente).user
        former = MembershipFactory(ente=ente, stato=M.RESPINTA).user
        outsider = StaffFactory()
        assert is_party_to(member, ente=ente)
        assert is_party_to(asking, ente=ente)
        assert is_party_to(outsider, requester=outsider)
        assert not is_party_to(former, ente=ente)
        assert not is_party_to(outsider, ente=ente, requester=member)
        assert can_approve(outsider, ente=ente, requester=member)
        assert "un collega" in can_approve(member, ente=ente).reason


class TestMembershipVerification:
    def test_staff_cannot_verify_their_own_membership(self):
        staff = StaffFactory()
        membership = MembershipFactory(user=staff, ente=EnteFactory(verified=True))
        with pytest.raises(PartyToRequest, match="hai presentato tu") as refused:
            membership_set_state(membership=membership, to=M.VERIFICATA, actor=staff)
        assert refused.value.code == "party_to_request"
        membership.refresh_from_db()
        assert membership.stato == M.RICHIESTA

    def test_staff_member_of_the_ente_cannot_verify_a_colleague_of_it(self):
        ente = EnteFactory(verified=True)
        staff = MembershipFactory(user=StaffFactory(), ente=ente, verified=True).user
        membership = MembershipFactory(ente=ente)
        with pytest.raises(PartyToRequest, match="ne fai parte"):
            membership_set_state(membership=membership, to=M.RESPINTA, actor=staff, note="No.")
        membership.refresh_from_db()
        assert membership.stato == M.RICHIESTA

    def test_another_staff_member_verifies_and_the_owner_still_withdraws(self):
        staff = StaffFactory()
        membership = MembershipFactory(user=staff, ente=EnteFactory(verified=True))
        membership_set_state(membership=membership, to=M.VERIFICATA, actor=StaffFactory())
        membership_set_state(membership=membership, to=M.REVOCATA, actor=staff)
        membership.refresh_from_db()
        assert membership.stato == M.REVOCATA

    def test_a_member_cannot_verify_the_ente(self):
        ente = EnteFactory()
        staff = MembershipFactory(user=StaffFactory(), ente=ente).user
        with pytest.raises(PartyToRequest, match="ne fai parte"):
            ente_set_verification(ente=ente, to=Ente.StatoVerifica.VERIFICATO, actor=staff)
        ente.refresh_from_db()
        assert ente.stato_verifica == Ente.StatoVerifica.DA_VERIFICARE


class TestAdmin:
    def test_the_refusal_is_an_error_and_no_success_is_shown(self, client):
        staff = StaffFactory()
        membership = MembershipFactory(user=staff, ente=EnteFactory(verified=True))
        client.force_login(staff)
        response = client.post(
            reverse("admin:costellazioni_membership_changelist"),
            {"action": "verify", "_selected_action": [membership.pk], "nota": ""},
            follow=True,
        )
        texts = [(m.level_tag, str(m)) for m in response.context["messages"]]
        assert any(tag == "error" and "hai presentato tu" in text for tag, text in texts)
        assert not any(tag == "success" for tag, _text in texts)
        membership.refresh_from_db()
        assert membership.stato == M.RICHIESTA
