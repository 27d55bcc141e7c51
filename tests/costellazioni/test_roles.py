import pytest
from django.contrib.auth.models import Group

from costellazioni import roles
from tests.costellazioni.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_every_role_exists_as_a_group():
    assert set(Group.objects.values_list("name", flat=True)) >= set(roles.ALL)


def test_staff_comunale_may_verify_enti_but_not_delete_them():
    staff = StaffFactory()
    assert staff.has_perm("costellazioni.change_ente")
    assert staff.has_perm("costellazioni.change_membership")
    assert not staff.has_perm("costellazioni.delete_ente")
    assert not staff.has_perm("costellazioni.change_eventoaudit")


def test_amministratore_has_every_core_permission():
    admin = UserFactory(groups=[roles.AMMINISTRATORE])
    assert admin.has_perm("costellazioni.delete_ente")
    assert admin.has_perm("django_celery_beat.change_periodictask")


def test_a_citizen_has_no_model_permission():
    assert not UserFactory(groups=[roles.CITTADINO]).get_all_permissions()
