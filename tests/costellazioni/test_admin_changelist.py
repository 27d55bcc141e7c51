"""The portal's change list counts the rows once when nothing filters them, twice (filtered and in all) otherwise."""

import pytest
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


def test_without_filters_the_rows_are_counted_once(admin_client, rows):
    changelist, counts = _get(admin_client)
    assert len(counts) == 1
    assert (changelist.result_count, changelist.full_result_count) == (4, 4)
    assert changelist.show_admin_actions


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
    assert len(counts) == 2
    assert (changelist.result_count, changelist.full_result_count) == (shown, 4)


def test_an_empty_list_offers_no_actions(admin_client):
    changelist, counts = _get(admin_client)
    assert len(counts) == 1
    assert (changelist.result_count, changelist.full_result_count) == (0, 0)
    assert not changelist.show_admin_actions
