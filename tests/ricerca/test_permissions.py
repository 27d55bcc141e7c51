import pytest
from django.contrib.auth.models import AnonymousUser

from costellazioni import roles
from costellazioni.workflows import STAFF
from ricerca import permissions, workflows
from ricerca.models import TeoriaCambiamento
from tests.costellazioni.factories import StaffFactory, UserFactory
from tests.ricerca.factories import TeoriaFactory

pytestmark = pytest.mark.django_db


class TestCanFollowNeeds:
    def test_staff_and_operators(self):
        assert permissions.can_follow_needs(StaffFactory())
        assert permissions.can_follow_needs(UserFactory(groups=[roles.OPERATORE]))

    def test_citizens_and_visitors_are_refused_with_a_reason(self):
        assert permissions.can_follow_needs(UserFactory()).reason.startswith("Solo lo staff")
        assert permissions.can_follow_needs(AnonymousUser()).reason.startswith("Accedi")


class TestCanManageResearch:
    def test_only_staff(self):
        assert permissions.can_manage_research(StaffFactory())
        assert not permissions.can_manage_research(UserFactory(groups=[roles.OPERATORE]))


class TestTeoriaRoles:
    def test_committee_members_approve_staff_prepare(self):
        assert permissions.teoria_roles(UserFactory(groups=[roles.MEMBRO_ORGANO])) == {workflows.COMITATO}
        assert permissions.teoria_roles(StaffFactory()) == {STAFF}
        assert permissions.teoria_roles(UserFactory()) == set()


class TestCanCommentTeoria:
    def test_only_signed_in_and_only_in_consultation(self):
        teoria = TeoriaFactory(stato=TeoriaCambiamento.Stato.IN_CONSULTAZIONE)
        assert permissions.can_comment_teoria(UserFactory(), teoria)
        assert not permissions.can_comment_teoria(AnonymousUser(), teoria)
        teoria.stato = TeoriaCambiamento.Stato.APPROVATA
        assert (
            permissions.can_comment_teoria(UserFactory(), teoria).reason == "Questa versione non è aperta ai commenti."
        )
