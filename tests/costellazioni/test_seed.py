import pytest
from django.apps import apps
from django.core.management import call_command

from costellazioni.demo import DEMO_PASSWORD, ENTI, PEOPLE
from costellazioni.models import Ente, Membership, User


def _snapshot():
    """Every row of every model, as values: a second seed must leave this identical."""
    return {
        model._meta.label: sorted(map(repr, model.objects.values_list()))
        for model in apps.get_models()
        if model._meta.label not in {"sessions.Session"}
    }


@pytest.mark.django_db
def test_seed_demo_is_idempotent():
    call_command("seed_demo", verbosity=0)
    first = _snapshot()
    call_command("seed_demo", verbosity=0)
    assert _snapshot() == first


@pytest.mark.django_db
def test_seed_demo_creates_one_person_per_role_and_a_dozen_enti():
    call_command("seed_demo", verbosity=0)
    for email, *_rest, group, _is_staff, _is_superuser in PEOPLE:
        user = User.objects.get(email=email)
        assert user.groups.filter(name=group).exists()
        assert user.check_password(DEMO_PASSWORD)
    assert Ente.objects.count() == len(ENTI) >= 12
    for ente in Ente.objects.all():
        ente.full_clean()  # valid codici fiscali, coherent RUNTS data
    assert Membership.objects.verified().filter(user__email="referente@costellazioni.example").count() == 2
