"""Small-number suppression: no hidden count can be worked out from a published total."""

import csv
import io
import random

import pytest
from django.urls import reverse

from costellazioni.models import Quartiere
from ricerca.riservatezza import celle_da_nascondere
from tests.ricerca.factories import BisognoFactory


def test_nothing_is_hidden_when_every_count_reaches_the_threshold():
    assert celle_da_nascondere({("a", "casa"): 5, ("a", "lavoro"): 9, ("b", "casa"): 12}) == set()


def test_a_lone_small_count_takes_the_next_smallest_of_its_row_with_it():
    celle = {(None, "Lido"): 3, (None, "Bissuola"): 9, (None, "Gazzera"): 6, (None, "Castello"): 7}
    assert celle_da_nascondere(celle) == {(None, "Lido"), (None, "Gazzera")}


def test_two_small_counts_in_a_row_need_no_complement():
    celle = {(None, "Lido"): 3, (None, "Pellestrina"): 1, (None, "Bissuola"): 9}
    assert celle_da_nascondere(celle) == {(None, "Lido"), (None, "Pellestrina")}


def test_the_complement_is_followed_along_columns_until_no_line_has_a_single_hidden_cell():
    celle = {
        ("Lido", "casa"): 2,
        ("Lido", "lavoro"): 8,
        ("Lido", "salute"): 20,
        ("Mestre", "casa"): 10,
        ("Mestre", "lavoro"): 30,
        ("Mestre", "salute"): 40,
    }
    # Lido/casa (2) drags Lido/lavoro (8); column casa then has one hidden cell, so Mestre/casa (10) goes;
    # column lavoro has one hidden cell, so Mestre/lavoro (30) goes; every row and column now hides two.
    assert celle_da_nascondere(celle) == {
        ("Lido", "casa"),
        ("Lido", "lavoro"),
        ("Mestre", "casa"),
        ("Mestre", "lavoro"),
    }


def test_zero_cells_are_not_counts_and_are_never_used_as_complements():
    celle = {(None, "Lido"): 2, (None, "Pellestrina"): 0, (None, "Bissuola"): 9}
    assert celle_da_nascondere(celle) == {(None, "Lido"), (None, "Bissuola")}


def test_a_line_with_nothing_else_to_hide_keeps_its_single_hidden_cell():
    assert celle_da_nascondere({("Lido", "casa"): 2}) == {("Lido", "casa")}


@pytest.mark.parametrize("seme", range(40))
def test_no_row_or_column_of_a_random_table_is_left_with_one_hidden_cell(seme):
    rnd = random.Random(seme)
    righe, colonne = [f"q{i}" for i in range(rnd.randint(1, 6))], [f"c{j}" for j in range(rnd.randint(1, 6))]
    celle = {(r, c): rnd.choice([0, 1, 2, 3, 4, 5, 6, 8, 12, 20]) for r in righe for c in colonne}
    nascoste = celle_da_nascondere(celle)
    assert all(celle[k] > 0 for k in nascoste)
    assert {k for k, n in celle.items() if 0 < n < 5} <= nascoste
    for asse in (0, 1):
        linee: dict = {}
        for chiave, n in celle.items():
            if n:
                linee.setdefault(chiave[asse], []).append(chiave)
        for chiavi in linee.values():
            nascosti = [k for k in chiavi if k in nascoste]
            assert len(nascosti) != 1 or len(chiavi) == 1, (chiavi, nascosti)


def quartieri(n):
    return list(Quartiere.objects.order_by("pk")[:n])


@pytest.mark.django_db
def test_the_public_page_hides_the_next_smallest_quartiere_with_a_lone_small_one(client):
    grande, medio, piccolo = quartieri(3)
    BisognoFactory.create_batch(9, quartiere=grande)
    BisognoFactory.create_batch(6, quartiere=medio)
    BisognoFactory.create_batch(3, quartiere=piccolo)
    response = client.get(reverse("ricerca_azione:index"))
    testo = response.content.decode()
    assert grande.nome in testo and medio.nome not in testo and piccolo.nome not in testo
    assert response.context["nascosti"] == 9


@pytest.mark.django_db
def test_open_data_hide_the_complement_in_the_quartiere_and_in_the_category(client):
    lido, mestre, gazzera = quartieri(3)
    tabella = {
        lido: {"casa": 2, "lavoro": 8, "salute": 20},
        mestre: {"casa": 10, "lavoro": 12, "salute": 6},
        gazzera: {"casa": 15, "lavoro": 25, "salute": 30},
    }
    for quartiere, conteggi in tabella.items():
        for categoria, n in conteggi.items():
            BisognoFactory.create_batch(n, quartiere=quartiere, categoria=categoria)
    righe = list(csv.DictReader(io.StringIO(client.get(reverse("ricerca_azione:bisogni_csv")).content.decode())))
    pubblicate = {
        (r["quartiere"], r["categoria_codice"]): int(r["numero"]) for r in righe if r["ambito"] == "quartiere"
    }
    # Lido/casa (2) hides Lido/lavoro (the row's next smallest) and Mestre/casa (the column's); column lavoro
    # then has one hidden cell, so Mestre/lavoro goes too. Every line with a hidden cell now hides two.
    assert pubblicate == {
        (lido.nome, "salute"): 20,
        (mestre.nome, "salute"): 6,
        (gazzera.nome, "casa"): 15,
        (gazzera.nome, "lavoro"): 25,
        (gazzera.nome, "salute"): 30,
    }
    dati = client.get(reverse("ricerca_azione:bisogni_json")).json()["dati"]
    assert {(r["quartiere"], r["categoria_codice"]) for r in dati if r["ambito"] == "quartiere"} == set(pubblicate)
