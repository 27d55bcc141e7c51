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
