"""The research-action's provider for the site search: open surveys and public theory-of-change versions."""

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
    docs AS (
        SELECT 'questionario' AS kind, t.titolo AS title, t.slug AS chiave, t.descrizione AS body
        FROM ricerca_questionario t
        WHERE t.pubblicato AND t.apertura <= now() AND (t.chiusura IS NULL OR t.chiusura > now())
        UNION ALL
        SELECT 'teoria', t.titolo, t.versione::text,
               concat_ws(' ', t.sintesi, (SELECT string_agg(concat_ws(' ', e.titolo, e.descrizione), ' ')
                                          FROM ricerca_elementotoc e WHERE e.teoria_id = t.id))
        FROM ricerca_teoriacambiamento t WHERE t.stato IN ('consultazione', 'approvata', 'superata')
    ),
    ranked AS (
        SELECT kind, title, chiave, body,
               setweight(to_tsvector('italian', unaccent(title)), 'A')
               || setweight(to_tsvector('italian', unaccent(coalesce(body, ''))), 'B') AS document
        FROM docs
    )
    SELECT kind, title, chiave, {RANK_SQL} AS rank,
           ts_headline('italian', coalesce(body, ''), q.highlighting || q.matching, %s::text) AS excerpt
    FROM ranked, q
    WHERE document @@ q.matching
    ORDER BY rank DESC, title
    LIMIT 20
"""


def search_ricerca(query: str) -> list[SearchResult]:
    with connection.cursor() as cursor:
        cursor.execute(SQL, [*query_params(query), headline_sql_options()])
        rows = cursor.fetchall()
    sezioni = {"questionario": _("Questionari aperti"), "teoria": _("Teoria del cambiamento")}
    return [
        SearchResult(
            title=title,
            url=reverse("ricerca_azione:questionario", args=[chiave])
            if kind == "questionario"
            else reverse("ricerca_azione:teoria_versione", args=[int(chiave)]),
            excerpt=headline_html(excerpt),
            rank=float(rank),
            section=sezioni[kind],
        )
        for kind, title, chiave, rank, excerpt in rows
    ]
