"""The HUB app's provider for the site search: HUB, service and upcoming event pages, in Italian full-text search."""

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
        SELECT 'hub' AS kind, h.nome AS title, h.slug AS hub_slug, NULL AS child_slug,
               concat_ws(' ', h.descrizione, h.indirizzo, h.accessibilita) AS body
        FROM hubs_hub h WHERE h.pubblicato
        UNION ALL
        SELECT 'servizio', s.nome || ' — ' || h.nome, h.slug, s.slug,
               concat_ws(' ', s.descrizione, s.a_chi_e_rivolto, s.come_fare, s.cosa_serve, s.cosa_si_ottiene,
                         s.tempi_e_scadenze, s.condizioni, array_to_string(s.argomenti, ' '))
        FROM hubs_servizio s JOIN hubs_hub h ON h.id = s.hub_id WHERE h.pubblicato
        UNION ALL
        SELECT 'spazio', sp.nome || ' — ' || h.nome, h.slug, sp.slug,
               concat_ws(' ', %s::text, sp.descrizione, sp.attrezzature, sp.note_accessibilita)
        FROM hubs_spazio sp JOIN hubs_hub h ON h.id = sp.hub_id WHERE h.pubblicato AND sp.prenotabile
        UNION ALL
        SELECT 'evento', e.titolo || ' — ' || h.nome, h.slug, e.slug,
               concat_ws(' ', e.descrizione, e.iscrizione, e.accessibilita)
        FROM hubs_eventohub e JOIN hubs_hub h ON h.id = e.hub_id
        WHERE h.pubblicato AND e.pubblico AND NOT e.annullato AND e.fine > now()
    ),
    ranked AS (
        SELECT kind, title, hub_slug, child_slug, body,
               setweight(to_tsvector('italian', unaccent(title)), 'A')
               || setweight(to_tsvector('italian', unaccent(body)), 'B') AS document
        FROM docs
    )
    SELECT kind, title, hub_slug, child_slug, {RANK_SQL} AS rank,
           ts_headline('italian', body, q.highlighting || q.matching, %s::text) AS excerpt
    FROM ranked, q
    WHERE document @@ q.matching
    ORDER BY rank DESC, title
    LIMIT 20
"""


def search_hubs(query: str) -> list[SearchResult]:
    with connection.cursor() as cursor:
        # A space's page is where it is booked: its text says so, for those who search "prenotare una sala".
        spazio = _("Spazio da prenotare per riunioni e attività.")
        cursor.execute(SQL, [*query_params(query), spazio, headline_sql_options()])
        rows = cursor.fetchall()
    sections = {
        "hub": _("HUB e servizi"),
        "servizio": _("HUB e servizi"),
        "spazio": _("Spazi degli HUB"),
        "evento": _("Eventi negli HUB"),
    }
    return [
        SearchResult(
            title=title,
            url=_url(kind, hub_slug, child_slug),
            excerpt=headline_html(excerpt),
            rank=float(rank),
            section=sections[kind],
        )
        for kind, title, hub_slug, child_slug, rank, excerpt in rows
    ]


def _url(kind: str, hub_slug: str, child_slug: str | None) -> str:
    if kind == "servizio":
        return reverse("hubs:servizio", args=[hub_slug, child_slug])
    if kind == "spazio":
        return reverse("hubs:prenota", args=[hub_slug, child_slug])
    if kind == "evento":
        return reverse("hubs:evento", args=[hub_slug, child_slug])
    return reverse("hubs:detail", args=[hub_slug])
