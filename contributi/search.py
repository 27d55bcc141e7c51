"""The grants app's provider for the site search: published calls, in Italian full-text search."""

from django.db import connection
from django.urls import reverse
from django.utils.translation import gettext as _

from costellazioni.search import (
    QUERY_CTE,
    RANK_SQL,
    SearchResult,
    headline_html,
    headline_sql_options,
    query_params,
)

SQL = f"""
    WITH {QUERY_CTE},
    ranked AS (
        SELECT b.titolo AS title, b.slug, concat_ws(' ', b.sintesi, b.descrizione) AS body,
               (b.stato = 'pubblicato' AND b.apertura <= now() AND b.termine > now()) AS aperto,
               setweight(to_tsvector('italian', unaccent(b.titolo)), 'A')
               || setweight(to_tsvector('italian', unaccent(concat_ws(' ', b.sintesi, b.descrizione))), 'B')
               AS document
        FROM contributi_bando b WHERE b.stato <> 'bozza'
    )
    -- A call open for applications comes before the past ones that use the same words.
    SELECT title, slug, {RANK_SQL} + CASE WHEN aperto THEN 0.5 ELSE 0 END AS rank,
           ts_headline('italian', body, q.highlighting || q.matching, %s::text) AS excerpt
    FROM ranked, q
    WHERE document @@ q.matching
    ORDER BY rank DESC, title
    LIMIT 20
"""


def search_bandi(query: str) -> list[SearchResult]:
    with connection.cursor() as cursor:
        cursor.execute(SQL, [*query_params(query), headline_sql_options()])
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
