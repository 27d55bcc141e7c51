import threading
from datetime import date, datetime, timedelta

import pytest
from django.db import connections
from django.db.models import Count
from django.utils import timezone

from costellazioni.baked import Baked, BakingError, baked
from costellazioni.models import Membership, User
from tests.costellazioni.factories import EnteFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_baked_query_gives_what_its_queryset_gives_for_each_call_s_values(django_assert_num_queries):
    built = []

    @baked
    def memberships(user_id: int, since: datetime):
        built.append(user_id)
        return Membership.objects.filter(user_id=user_id, richiesta_il__gte=since).select_related("ente").order_by("pk")

    anna, bruno = UserFactory(), UserFactory()
    MembershipFactory.create_batch(2, user=anna)
    MembershipFactory(user=bruno)
    a_while_ago = timezone.now() - timedelta(days=1)
    for user in (anna, bruno, anna):
        expected = list(Membership.objects.filter(user=user).select_related("ente").order_by("pk"))
        with django_assert_num_queries(1):  # the ente comes with its membership, as select_related promises
            found = memberships(user.pk, since=a_while_ago)
            assert [m.ente.denominazione for m in found] == [m.ente.denominazione for m in expected]
        assert found == expected
    assert memberships(anna.pk, timezone.now() + timedelta(days=1)) == []
    assert len(built) == 2, "built twice at the first call (two sets of values), never again"


def test_arguments_of_the_same_type_keep_their_places():
    @baked
    def membership(user_id: int, ente_id: int, email: str, denominazione: str):
        return Membership.objects.filter(
            user_id=user_id, ente_id=ente_id, user__email=email, ente__denominazione=denominazione
        ).values_list("pk", flat=True)

    user = UserFactory(email="marco.vianello@costellazioni.example")
    wanted = MembershipFactory(user=user, ente=EnteFactory(denominazione="Associazione Ca' Savio"))
    MembershipFactory(user=user)
    args = (user.pk, wanted.ente_id, user.email, "Associazione Ca' Savio")
    assert membership(*args) == [wanted.pk]
    assert membership(wanted.ente_id, user.pk, user.email, "Associazione Ca' Savio") == []


def test_values_and_annotations_come_back_converted():
    @baked
    def per_ente(user_id: int, day: date):
        return (
            User.objects.filter(pk=user_id, date_joined__date__lte=day)
            .annotate(enti=Count("memberships"))
            .values("email", "enti", "date_joined")
        )

    user = UserFactory(email="lucia.zanon@costellazioni.example")
    MembershipFactory.create_batch(3, user=user)
    (row,) = per_ente(user.pk, timezone.localdate())
    assert row == {"email": "lucia.zanon@costellazioni.example", "enti": 3, "date_joined": user.date_joined}


def test_a_builder_that_reads_the_clock_is_refused():
    @baked
    def joined_before_now(user_id: int):
        return User.objects.filter(pk=user_id, date_joined__lte=timezone.now())

    with pytest.raises(BakingError, match="changes by itself"):
        joined_before_now(UserFactory().pk)


def test_a_builder_whose_sql_follows_its_values_is_refused():
    @baked
    def branching(user_id: int):
        queryset = User.objects.filter(pk=user_id)
        return queryset.filter(is_staff=True) if user_id % 2 else queryset

    with pytest.raises(BakingError, match="SQL changes"):
        branching(UserFactory().pk)


def test_arguments_need_a_type_with_sentinels():
    def by_flag(flag: bool):
        return User.objects.filter(is_staff=flag)

    with pytest.raises(BakingError, match="flag"):
        Baked(by_flag)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_query_baked_in_one_thread_runs_on_another_thread_s_connection():
    @baked
    def names(user_id: int):
        return Membership.objects.filter(user_id=user_id).values_list("ente__denominazione", flat=True)

    user = UserFactory()
    MembershipFactory(user=user, ente=EnteFactory(denominazione="Cooperativa Sociale Il Ponte"))
    assert names(user.pk) == ["Cooperativa Sociale Il Ponte"]
    found, used = [], []

    def other_thread():
        own = connections["default"]
        try:
            found.extend(names(user.pk))
            used.append(own)
        finally:
            own.close()

    thread = threading.Thread(target=other_thread)
    thread.start()
    thread.join()
    assert found == ["Cooperativa Sociale Il Ponte"]
    assert used[0] is not connections["default"]  # the first thread's would refuse to serve this one
