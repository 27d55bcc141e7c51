"""costellazioni.permissions: the one staff rule every app asks."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from costellazioni import permissions, roles, workflows
from tests.costellazioni.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


class TestIsStaffComunale:
    def test_staff_comunale(self):
        assert permissions.is_staff_comunale(StaffFactory())

    @pytest.mark.parametrize("is_staff", [True, False])
    def test_active_superusers_count_with_or_without_admin_access(self, is_staff):
        """Decided once: the admin lets a superuser do everything, so the staff rules trust them too."""
        assert permissions.is_staff_comunale(UserFactory(is_superuser=True, is_staff=is_staff))

    def test_inactive_people_never_count(self):
        assert not permissions.is_staff_comunale(UserFactory(is_superuser=True, is_active=False))
        assert not permissions.is_staff_comunale(StaffFactory(is_active=False))

    def test_the_role_needs_admin_access_and_admin_access_needs_the_role(self):
        assert not permissions.is_staff_comunale(UserFactory(groups=[roles.STAFF_COMUNALE]))
        assert not permissions.is_staff_comunale(UserFactory(is_staff=True))

    def test_citizens_and_anonymous(self):
        assert not permissions.is_staff_comunale(UserFactory())
        assert not permissions.is_staff_comunale(AnonymousUser())


class TestRequireStaff:
    def test_staff_and_superusers_pass(self):
        permissions.require_staff(StaffFactory())
        permissions.require_staff(UserFactory(is_superuser=True))

    def test_others_are_refused(self):
        with pytest.raises(PermissionDenied, match="Non hai i permessi per questa operazione"):
            permissions.require_staff(UserFactory())


class TestCanFire:
    STAFF_ONLY = workflows.Transition(evento="prova", allowed=frozenset({workflows.STAFF}))

    def test_staff_and_superusers(self):
        assert permissions.can_fire(StaffFactory(), self.STAFF_ONLY)
        assert permissions.can_fire(UserFactory(is_superuser=True), self.STAFF_ONLY)

    def test_roles_given_by_the_app(self):
        assert permissions.can_fire(UserFactory(), self.STAFF_ONLY, roles={workflows.STAFF})

    def test_others_are_told_why(self):
        decision = permissions.can_fire(UserFactory(), self.STAFF_ONLY)
        assert not decision and decision.reason == "Non hai i permessi per questa operazione."


class TestCanCorrectEnte:
    def test_staff_comunale_who_does_not_belong_to_the_ente(self):
        from tests.costellazioni.factories import EnteFactory

        assert permissions.can_correct_ente(StaffFactory(), EnteFactory())
        assert permissions.can_correct_ente(StaffFactory())  # a new ente, recorded in the admin

    def test_not_a_colleague_who_belongs_to_it(self):
        from tests.costellazioni.factories import EnteFactory, MembershipFactory

        membership = MembershipFactory(user=StaffFactory(), ente=EnteFactory(denominazione="Remiera Castello"))
        decision = permissions.can_correct_ente(membership.user, membership.ente)
        assert decision.reason == "Non puoi correggere i dati di Remiera Castello: ne fai parte. Deve farlo un collega."

    def test_not_citizens(self):
        decision = permissions.can_correct_ente(UserFactory())
        assert decision.reason == "Solo il personale del Comune corregge i dati degli enti."


class TestCanCorrectMembership:
    def test_staff_comunale_but_not_the_person_who_asked(self):
        from tests.costellazioni.factories import MembershipFactory

        assert permissions.can_correct_membership(StaffFactory(), MembershipFactory())
        own = MembershipFactory(user=StaffFactory())
        assert not permissions.can_correct_membership(own.user, own)

    def test_not_citizens(self):
        from tests.costellazioni.factories import MembershipFactory

        decision = permissions.can_correct_membership(UserFactory(), MembershipFactory())
        assert decision.reason == "Solo il personale del Comune corregge le richieste di rappresentanza."
