"""The grants app's provider for the site search: published calls, in Italian full-text search."""

from django.db import connection
from django.urls import reverse
from django.utils.translation import gettext as _

from costellazioni.search import SearchResult, headline_html, headline_sql_options

SQL = """
    WITH q AS (
        SELECT websearch_to_tsquery('italian', unaccent(%s)) AS matching,
               websearch_to_tsquery('italian', %s) AS highlighting
    ),
    ranked AS (
        SELECT b.titolo AS title, b.slug, concat_ws(' ', b.sintesi, b.descrizione) AS body,
               setweight(to_tsvector('italian', unaccent(b.titolo)), 'A')
               || setweight(to_tsvector('italian', unaccent(concat_ws(' ', b.sintesi, b.descrizione))), 'B')
               AS document
        FROM contributi_bando b WHERE b.stato <> 'bozza'
    )
    SELECT title, slug, ts_rank(document, q.matching) AS rank,
           ts_headline('italian', body, q.highlighting || q.matching, %s) AS excerpt
    FROM ranked, q
    WHERE document @@ q.matching
    ORDER BY rank DESC, title
    LIMIT 20
"""


def search_bandi(query: str) -> list[SearchResult]:
    with connection.cursor() as cursor:
        cursor.execute(SQL, [query, query, headline_sql_options()])
        rows = cursor.fetchall()
    section = _("Bandi")
    return [
        SearchResult(
            title=title,
            url=reverse("contributi:bando", args=[slug]),
            excerpt=headline_html(excerpt),
            rank=float(rank),
            section=section,
        )
        for title, slug, rank, excerpt in rows
    ]
