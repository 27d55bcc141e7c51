"""/trasparenza/contributi/: published awards only, art. 26-27 fields, pseudonyms, CSV and JSON, fixed queries."""

import csv
import io
import json
from datetime import date
from decimal import Decimal

import pytest

from contributi.views.trasparenza import COLUMNS
from tests.contributi.factories import open_bando
from tests.contributi.factories_erogazioni import ConcessioneFactory

pytestmark = pytest.mark.django_db
URL = "/trasparenza/contributi/"


def csv_rows(response):
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))


def test_only_published_awards_are_listed_with_the_required_fields(client):
    published = ConcessioneFactory(published=True, codice_cor="9876543", de_minimis=True)
    draft = ConcessioneFactory()
    html = client.get(URL).content.decode()
    ente = published.candidatura.ente
    assert ente.denominazione in html and ente.codice_fiscale in html
    assert "10.000,00 €" in html and "F79J25000120006" in html and "9876543" in html
    assert published.candidatura.bando.get_absolute_url() in html
    assert draft.candidatura.ente.denominazione not in html
    detail = client.get(f"{URL}{published.pk}/").content.decode()
    for text in (published.norma, published.ufficio, published.responsabile, published.modalita_individuazione):
        assert text in detail
    assert client.get(f"{URL}{draft.pk}/").status_code == 404


def test_csv_columns_and_plain_decimal_amounts(client):
    concessione = ConcessioneFactory(published=True, importo=Decimal("12345.60"), riduzione=Decimal("345.60"))
    response = client.get(f"{URL}contributi.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = csv_rows(response)
    assert list(rows[0].keys()) == COLUMNS
    row = rows[0]
    assert row["importo"] == "12000.00"  # net of reductions, plain decimal with a dot
    assert row["data_pubblicazione"] == "2027-01-15"
    assert row["beneficiario"] == concessione.candidatura.ente.denominazione
    assert row["codice_fiscale"] == concessione.candidatura.ente.codice_fiscale
    assert row["cup"] == "F79J25000120006"
    assert row["url_progetto"].endswith(f"{URL}{concessione.pk}/")
    assert row["url_bando"].endswith(concessione.candidatura.bando.get_absolute_url())
    assert row["revocato"] == "no"


def test_pseudonym_instead_of_the_name_in_html_csv_and_json(client):
    hidden = ConcessioneFactory(published=True, oscura_beneficiario=True)
    ente = hidden.candidatura.ente
    pages = [
        client.get(URL).content.decode(),
        client.get(f"{URL}{hidden.pk}/").content.decode(),
        client.get(f"{URL}contributi.csv").content.decode(),
        client.get(f"{URL}contributi.json").content.decode(),
    ]
    for content in pages:
        assert ente.denominazione not in content
        assert ente.codice_fiscale not in content
        assert hidden.pseudonimo in content
    data = json.loads(pages[3])
    assert data["count"] == 1
    assert data["results"][0]["beneficiario"] == hidden.pseudonimo
    assert data["results"][0]["codice_fiscale"] == ""


def test_filters_by_year_and_call(client):
    bando = open_bando()
    in_2027 = ConcessioneFactory(published=True, candidatura__bando=bando)
    in_2026 = ConcessioneFactory(published=True, pubblicata_il=date(2026, 11, 3))
    html = client.get(URL, {"anno": "2026"}).content.decode()
    assert in_2026.candidatura.ente.denominazione in html
    assert in_2027.candidatura.ente.denominazione not in html
    html = client.get(URL, {"bando": bando.slug}).content.decode()
    assert in_2027.candidatura.ente.denominazione in html
    assert in_2026.candidatura.ente.denominazione not in html
    data = client.get(f"{URL}contributi.json", {"anno": "2027"}).json()
    assert [r["beneficiario"] for r in data["results"]] == [in_2027.candidatura.ente.denominazione]


@pytest.mark.parametrize("rows", [1, 25])
def test_list_query_count_is_fixed(client, django_assert_num_queries, rows):
    bando = open_bando()
    for _i in range(rows):
        ConcessioneFactory(published=True, candidatura__bando=bando)
    with django_assert_num_queries(4):
        response = client.get(URL)
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [1, 25])
def test_exports_query_count_is_fixed(client, django_assert_num_queries, rows):
    bando = open_bando()
    for _i in range(rows):
        ConcessioneFactory(published=True, candidatura__bando=bando)
    with django_assert_num_queries(1):
        client.get(f"{URL}contributi.csv")
    with django_assert_num_queries(1):
        assert client.get(f"{URL}contributi.json").json()["count"] == rows
