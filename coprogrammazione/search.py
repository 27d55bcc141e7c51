"""Co-programming's provider for the site search: published processes and signed MOUs (the public register)."""

from django.db import connection
from django.urls import reverse
from django.utils.translation import gettext as _

from coprogrammazione.models.protocolli import STATI_FIRMATI
from costellazioni.search import SearchResult, headline_html, headline_sql_options

SQL = """
    WITH q AS (
        SELECT websearch_to_tsquery('italian', unaccent(%s::text)) AS matching,
               websearch_to_tsquery('italian', %s::text) AS highlighting
    ),
    docs AS (
        SELECT 'percorso' AS kind, p.titolo AS title, p.slug AS chiave,
               concat_ws(' ', p.tema, p.descrizione, p.ufficio_responsabile, p.esito) AS body
        FROM coprogrammazione_percorso p
        WHERE p.pubblicato
        UNION ALL
        SELECT 'protocollo', m.oggetto, m.id::text,
               concat_ws(' ', (SELECT string_agg(t.denominazione, ', ' ORDER BY t.ordine)
                               FROM coprogrammazione_parteprotocollo t WHERE t.protocollo_id = m.id),
                         m.testo)
        FROM coprogrammazione_protocollointesa m
        WHERE m.stato = ANY(%s)
    ),
    ranked AS (
        SELECT kind, title, chiave, body,
               setweight(to_tsvector('italian', unaccent(title)), 'A')
               || setweight(to_tsvector('italian', unaccent(coalesce(body, ''))), 'B') AS document
        FROM docs
    )
    SELECT kind, title, chiave, ts_rank(document, q.matching) AS rank,
           ts_headline('italian', coalesce(body, ''), q.highlighting || q.matching, %s::text) AS excerpt
    FROM ranked, q
    WHERE document @@ q.matching
    ORDER BY rank DESC, title
    LIMIT 20
"""


def search_coprogrammazione(query: str) -> list[SearchResult]:
    with connection.cursor() as cursor:
        cursor.execute(SQL, [query, query, list(STATI_FIRMATI), headline_sql_options()])
        rows = cursor.fetchall()
    sezioni = {"percorso": _("Percorsi di co-programmazione"), "protocollo": _("Protocolli d'intesa firmati")}
    return [
        SearchResult(
            title=title,
            url=reverse("coprogrammazione:percorso", kwargs={"slug": chiave})
            if kind == "percorso"
            else reverse("coprogrammazione:protocollo", kwargs={"pk": int(chiave)}),
            excerpt=headline_html(excerpt),
            rank=float(rank),
            section=sezioni[kind],
        )
        for kind, title, chiave, rank, excerpt in rows
    ]
