import pytest
from django.urls import reverse
from django.utils.safestring import mark_safe

from costellazioni import search
from costellazioni.search import SearchResult

pytestmark = pytest.mark.django_db


def urls(query):
    return [result.url for result in search.search(query)]


@pytest.mark.parametrize("query", ["macro-azioni", "antenne", "Antenne di quartiere", "comitato di gestione"])
def test_programme_words_find_il_progetto(query):
    assert "/il-progetto/" in urls(query)


def test_results_are_ranked_best_first():
    results = search.search("macro-azioni")
    assert results[0].url == "/il-progetto/"
    assert [r.rank for r in results] == sorted((r.rank for r in results), reverse=True)


def test_italian_stemming_matches_other_forms_of_a_word():
    text = next(page_text for _title, url, page_text in search.static_page_texts("it") if url == "/il-progetto/")
    assert "progettazione" in text
    assert "progettare" not in text
    assert "/il-progetto/" in urls("progettare")


def test_accents_are_optional():
    assert "/il-progetto/" in urls("attivita")


def test_cookie_names_find_the_privacy_page():
    assert urls("csrftoken") == ["/privacy/"]


def test_excerpt_marks_the_matched_words_and_escapes_the_rest():
    result = next(r for r in search.search("antenne") if r.url == "/il-progetto/")
    assert "<mark>antenne</mark>" in result.excerpt.lower()
    assert search.headline_html("a < b \x02c\x03") == "a &lt; b <mark>c</mark>"


def test_empty_or_blank_query_finds_nothing(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert search.search("") == []
        assert search.search("   ") == []


def test_query_syntax_never_breaks_the_search():
    for query in ['"', "-", "!!", "a & b | c", "(", "'; DROP TABLE x; --", "progetto OR"]:
        search.search(query)


class TestSearchPage:
    def test_results_with_count_and_query_echoed(self, client):
        response = client.get(reverse("cerca"), {"q": "antenne"})
        body = response.content.decode()
        assert response.status_code == 200
        assert 'value="antenne"' in body
        assert "risultat" in body and "«antenne»" in body
        assert 'href="/il-progetto/"' in body

    def test_empty_query_shows_the_form_and_no_results(self, client):
        response = client.get(reverse("cerca"), {"q": ""})
        body = response.content.decode()
        assert response.status_code == 200
        assert 'id="search-q"' in body
        assert "portal-search-results" not in body
        assert "risultati per" not in body

    def test_no_match_shows_a_clear_message(self, client):
        body = client.get(reverse("cerca"), {"q": "zzzxqw"}).content.decode()
        assert "0 risultati per «zzzxqw»" in body
        assert "Nessuna pagina contiene le parole cercate." in body

    def test_query_is_escaped(self, client):
        body = client.get(reverse("cerca"), {"q": "<script>alert(1)</script>"}).content.decode()
        assert "<script>alert(1)</script>" not in body
        assert "&lt;script&gt;" in body

    def test_results_are_paginated(self, client, monkeypatch):
        many = [
            SearchResult(
                title=f"Risultato {n:02d}", url=f"/hub/{n}/", excerpt=mark_safe("…"), rank=1 - n / 100, section="HUB"
            )
            for n in range(25)
        ]
        monkeypatch.setattr(search, "_providers", {"prova": lambda query: many})
        first = client.get(reverse("cerca"), {"q": "hub"}).content.decode()
        assert "25 risultati" in first
        assert "Risultato 09" in first and "Risultato 10" not in first
        assert 'href="?q=hub&amp;page=2"' in first
        second = client.get(reverse("cerca"), {"q": "hub", "page": 2}).content.decode()
        assert "Risultato 10" in second and "Risultato 19" in second and "Risultato 20" not in second
        assert 'aria-current="page"' in second
        assert client.get(reverse("cerca"), {"q": "hub", "page": "abc"}).status_code == 200


def test_registered_providers_are_merged():
    extra = SearchResult(title="Bando prova", url="/bandi/prova/", excerpt=mark_safe(""), rank=10.0, section="Bandi")
    saved = search.providers()
    try:
        search.register("bandi-prova", lambda query: [extra])
        results = search.search("antenne")
        assert results[0] == extra
        assert "/il-progetto/" in [r.url for r in results]
    finally:
        search._providers.clear()
        search._providers.update(saved)
