"""A person's permissions come from the cache on the next request, and a change to groups or permissions counts at
once: granted, withdrawn, through a group or directly, a superuser made or unmade."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client

from costellazioni import permission_cache, roles
from costellazioni.models import User
from tests.costellazioni.factories import DEFAULT_PASSWORD, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

PERM = "costellazioni.change_ente"


def fresh(user) -> User:
    """The person as the next request loads them: no permissions remembered on the instance."""
    return User.objects.get(pk=user.pk)


def test_the_next_request_reads_the_permissions_without_a_query(django_assert_num_queries):
    staff = StaffFactory()
    assert fresh(staff).has_perm(PERM)
    user = fresh(staff)
    with django_assert_num_queries(0):
        assert user.has_perm(PERM)
        assert not user.has_perm("costellazioni.delete_user")


def test_a_group_joined_or_left_counts_on_the_next_request():
    user = UserFactory()
    assert not fresh(user).has_perm(PERM)
    user.groups.add(Group.objects.get(name=roles.STAFF_COMUNALE))
    assert fresh(user).has_perm(PERM)
    user.groups.remove(Group.objects.get(name=roles.STAFF_COMUNALE))
    assert not fresh(user).has_perm(PERM)
    Group.objects.get(name=roles.STAFF_COMUNALE).user_set.add(user)  # from the group's side
    assert fresh(user).has_perm(PERM)
    user.groups.clear()
    assert not fresh(user).has_perm(PERM)


def test_a_permission_given_to_a_group_or_a_person_counts_on_the_next_request():
    user = UserFactory()
    group = Group.objects.create(name="Redazione")
    user.groups.add(group)
    permission = Permission.objects.get(codename="view_user", content_type__app_label="costellazioni")
    assert not fresh(user).has_perm("costellazioni.view_user")
    group.permissions.add(permission)
    assert fresh(user).has_perm("costellazioni.view_user")
    group.permissions.remove(permission)
    assert not fresh(user).has_perm("costellazioni.view_user")
    user.user_permissions.add(permission)
    assert fresh(user).has_perm("costellazioni.view_user")
    group.delete()
    user.user_permissions.clear()
    assert not fresh(user).has_perm("costellazioni.view_user")


def test_a_superuser_made_or_unmade_counts_on_the_next_request():
    user = UserFactory()
    assert not fresh(user).has_perm("costellazioni.delete_user")
    User.objects.filter(pk=user.pk).update(is_superuser=True)  # no signal: the flag is part of what is kept
    assert fresh(user).has_perm("costellazioni.delete_user")
    User.objects.filter(pk=user.pk).update(is_superuser=False)
    assert not fresh(user).has_perm("costellazioni.delete_user")


def test_an_inactive_person_has_no_permission_even_when_some_are_kept():
    staff = StaffFactory()
    assert fresh(staff).has_perm(PERM)
    User.objects.filter(pk=staff.pk).update(is_active=False)
    assert not fresh(staff).has_perm(PERM)


def test_it_authenticates_no_one_and_the_portal_login_still_works(rf):
    staff = StaffFactory()
    backend = permission_cache.CachedPermissionsBackend()
    assert backend.authenticate(rf.get("/"), username=staff.email, password="irrelevant") is None
    client = Client()
    response = client.post("/accounts/login/", {"login": staff.email, "password": DEFAULT_PASSWORD})
    assert response.status_code == 302
    assert client.get("/area-personale/").status_code == 200


def test_staff_lose_the_admin_on_the_next_request_when_their_group_is_withdrawn():
    staff = StaffFactory()
    client = Client()
    client.force_login(staff)
    assert client.get("/admin/costellazioni/ente/").status_code == 200
    staff.groups.clear()
    assert client.get("/admin/costellazioni/ente/").status_code == 403
