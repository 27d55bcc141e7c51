"""The staff's work queue ("Da fare") on the admin index: each app's lines with counts, deadlines and links to
the changelist filtered to the same rows, one query per line, only the work this user may do."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from contributi import services
from contributi.models import Candidatura, RichiestaIntegrazioni
from costellazioni import extensions
from costellazioni.models import Membership
from tests.contributi.factories import SubmittedCandidaturaFactory, board, in_valutazione, score, with_checklist
from tests.costellazioni.factories import MembershipFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def _items(user) -> dict:
    return {str(item.label): item for item in extensions.work_items(user)}


def _changelist_count(client, url) -> int:
    response = client.get(url)
    assert response.status_code == 200
    return response.context["cl"].result_count


class TestWorkItems:
    def test_each_line_counts_what_its_filtered_list_shows(self, client):
        staff = StaffFactory()
        MembershipFactory.create_batch(2)  # requested, not yet verified
        MembershipFactory(verified=True)
        SubmittedCandidaturaFactory.create_batch(3)
        Candidatura.objects.filter(pk=SubmittedCandidaturaFactory().pk).update(stato=Candidatura.Stato.AMMISSIBILE)
        client.force_login(staff)

        items = _items(staff)
        rappresentanze = items["Rappresentanze di enti da verificare"]
        istruttoria = items["Candidature in attesa di istruttoria"]
        assert (rappresentanze.count, istruttoria.count) == (2, 3)
        assert _changelist_count(client, rappresentanze.url) == 2
        assert _changelist_count(client, istruttoria.url) == 3
        assert Membership.objects.count() == 3 and Candidatura.objects.count() == 4

    def test_a_line_with_nothing_waiting_is_not_shown(self):
        staff = StaffFactory()
        assert "Candidature in attesa di istruttoria" not in _items(staff)
        SubmittedCandidaturaFactory()
        assert _items(staff)["Candidature in attesa di istruttoria"].count == 1

    def test_a_person_without_the_staff_role_has_no_queue(self):
        SubmittedCandidaturaFactory()
        MembershipFactory()
        assert extensions.work_items(UserFactory(is_staff=True)) == []

    def test_staff_do_not_count_applications_they_are_party_to(self, client):
        staff = StaffFactory()
        own = SubmittedCandidaturaFactory()
        MembershipFactory(user=staff, ente=own.ente, verified=True)
        SubmittedCandidaturaFactory()
        client.force_login(staff)
        item = _items(staff)["Candidature in attesa di istruttoria"]
        assert item.count == 1
        assert _changelist_count(client, item.url) == 1

    def test_the_nearest_integration_deadline_is_given(self, client):
        staff = StaffFactory()
        now = timezone.now()
        for days in (9, 3):
            candidatura = with_checklist(SubmittedCandidaturaFactory())
            services.istruttoria_start(candidatura=candidatura, actor=staff)
            services.integrazioni_request(
                candidatura=candidatura, actor=staff, testo="Serve lo statuto.", scadenza=now + timedelta(days=days)
            )
        item = _items(staff)["Soccorso istruttorio: risposte attese"]
        assert item.count == 2 == RichiestaIntegrazioni.objects.pending().count()
        assert item.scadenza == min(r.scadenza for r in RichiestaIntegrazioni.objects.all())
        client.force_login(staff)
        assert _changelist_count(client, item.url) == 2

    def test_missing_score_sheets(self, client):
        staff = StaffFactory()
        candidatura = SubmittedCandidaturaFactory()
        membri = board(candidatura.bando, size=2)
        candidatura = in_valutazione(candidatura, staff=staff, membri=membri)
        score(candidatura, membri[0], [10] * candidatura.bando.criteri.count())
        item = _items(staff)["Candidature con schede di valutazione mancanti"]
        assert item.count == 1
        score(candidatura, membri[1], [10] * candidatura.bando.criteri.count())
        assert "Candidature con schede di valutazione mancanti" not in _items(staff)

    @pytest.mark.parametrize("rows", [1, 20])
    def test_one_query_per_line_whatever_the_rows(self, rows, django_assert_num_queries):
        staff = StaffFactory()
        MembershipFactory.create_batch(rows)
        SubmittedCandidaturaFactory.create_batch(rows)
        staff.has_perm("costellazioni.change_membership")  # the permission cache, filled once per request
        with django_assert_num_queries(len(extensions._work_items)):
            items = extensions.work_items(staff)
        assert {i.count for i in items if i.label in ("Candidature in attesa di istruttoria",)} == {rows}


def test_the_admin_index_opens_on_the_queue(client):
    staff = StaffFactory()
    MembershipFactory.create_batch(2)
    client.force_login(staff)
    page = client.get(reverse("admin:index")).content.decode()
    assert page.index('id="da-fare"') < page.index('id="content-main"')
    url = f"{reverse('admin:costellazioni_membership_changelist')}?stato__exact=richiesta"
    assert f'href="{url}"' in page


@pytest.mark.parametrize("rows", [1, 15])
def test_the_admin_index_runs_a_fixed_number_of_queries(client, rows, django_assert_num_queries):
    staff = StaffFactory()
    MembershipFactory.create_batch(rows)
    SubmittedCandidaturaFactory.create_batch(rows)
    client.force_login(staff)
    client.get(reverse("admin:index"))
    # the session, the permissions and the unread count come from the cache
    with django_assert_num_queries(2 + len(extensions._work_items)):
        assert client.get(reverse("admin:index")).status_code == 200
