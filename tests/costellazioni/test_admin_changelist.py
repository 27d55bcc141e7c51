"""The portal's change list counts no rows that its first page already gives: a first page shorter than a page is the
count; the total is counted apart only when something filters the list."""

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contributi.models import Candidatura
from tests.contributi.factories import CandidaturaFactory, SubmittedCandidaturaFactory

pytestmark = pytest.mark.django_db
URL = reverse("admin:contributi_candidatura_changelist")


@pytest.fixture
def rows():
    SubmittedCandidaturaFactory.create_batch(3)
    CandidaturaFactory(titolo="Orti sociali a Marghera")


def _get(client, query: str = ""):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL + query)
    assert response.status_code == 200
    table = Candidatura._meta.db_table
    counts = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT COUNT(") and table in q["sql"]]
    return response.context["cl"], counts


def test_a_list_shorter_than_a_page_is_not_counted(admin_client, rows):
    changelist, counts = _get(admin_client)
    assert counts == []
    assert (changelist.result_count, changelist.full_result_count) == (4, 4)
    assert changelist.show_admin_actions and not changelist.multi_page
    assert len(changelist.result_list) == 4


@pytest.mark.parametrize(("per_page", "page", "shown"), [(2, "", 2), (2, "?p=2", 2), (3, "?p=2", 1), (4, "", 4)])
def test_a_longer_list_is_counted_once_and_paged(admin_client, rows, monkeypatch, per_page, page, shown):
    monkeypatch.setattr(admin.site._registry[Candidatura], "list_per_page", per_page)
    changelist, counts = _get(admin_client, page)
    assert len(counts) == 1
    assert (changelist.result_count, changelist.full_result_count) == (4, 4)
    assert changelist.multi_page == (per_page < 4)
    assert len(changelist.result_list) == shown


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        (f"?stato__exact={Candidatura.Stato.PRESENTATA}", 3),
        ("?q=Marghera", 1),
        ("?punteggio=nessuno", 4),  # a filter of the portal's own, on the average score
    ],
)
def test_with_a_filter_or_a_search_the_total_is_counted_apart(admin_client, rows, query, shown):
    changelist, counts = _get(admin_client, query)
    assert len(counts) == 1
    assert (changelist.result_count, changelist.full_result_count) == (shown, 4)


def test_an_empty_list_offers_no_actions(admin_client):
    changelist, counts = _get(admin_client)
    assert counts == []
    assert (changelist.result_count, changelist.full_result_count) == (0, 0)
    assert not changelist.show_admin_actions
