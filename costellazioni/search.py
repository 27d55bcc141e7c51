"""Site search: a registry of providers, each answering a query with ranked results.

An app registers a provider once, in its ``AppConfig.ready()``::

    from costellazioni import search

    search.register("bandi", bandi_search)  # bandi_search(query: str) -> list[SearchResult]

Providers rank with PostgreSQL full-text search in Italian. Their SQL starts with ``QUERY_CTE`` (parameters:
``query_params(query)``), which reads the query the way people write it: every word, or one of its synonyms
from ``costellazioni.search_synonyms``, may match (``q.matching``); documents with every word rank first
(``RANK_SQL``). ``headline_sql_options()`` and ``headline_html()`` turn a ``ts_headline`` into an excerpt that
is safe to show.
"""

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.template import Context
from django.template.base import NodeList
from django.template.loader import get_template
from django.template.loader_tags import BLOCK_CONTEXT_KEY, BlockContext, BlockNode
from django.urls import reverse
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, override
from django.utils.translation import gettext_lazy as _

from costellazioni.programma import MACRO_AZIONI
from costellazioni.search_synonyms import expand_query

MAX_QUERY_LENGTH = 200
# ts_headline marks matches with these; they are turned into <mark> only after the excerpt is escaped.
_START, _STOP = "\x02", "\x03"


@dataclass(frozen=True)
class SearchResult:
    title: str
    url: str
    excerpt: SafeString  # HTML: escaped text with the matched words in <mark>
    rank: float
    section: str


SearchProvider = Callable[[str], list[SearchResult]]

_providers: dict[str, SearchProvider] = {}


def register(name: str, provider: SearchProvider) -> SearchProvider:
    """Add, or replace, the provider called ``name``."""
    _providers[name] = provider
    return provider


def providers() -> dict[str, SearchProvider]:
    return dict(_providers)


def search(query: str) -> list[SearchResult]:
    """All providers' results for ``query``, best first; nothing for a blank query."""
    query = " ".join(query.split())[:MAX_QUERY_LENGTH]
    if not query:
        return []
    results = [result for provider in _providers.values() for result in provider(query)]
    return sorted(results, key=lambda result: (-result.rank, result.title))


# The query, three ways: ``matching`` (any word or synonym: what is found), ``strict`` (every word, each by
# itself or a synonym: what ranks first) and ``highlighting`` (the words as typed, for the excerpt).
QUERY_CTE = """
    q AS (
        SELECT to_tsquery('italian', %s::text) AS matching,
               to_tsquery('italian', %s::text) AS strict,
               websearch_to_tsquery('italian', %s::text) AS highlighting
    )
"""
# A document with every word of the query outranks one with only some of them, however often they recur.
RANK_SQL = "(ts_rank(document, q.matching) + CASE WHEN document @@ q.strict THEN 1 ELSE 0 END)"


def query_params(query: str) -> list[str]:
    """The parameters of ``QUERY_CTE`` for what a person typed."""
    matching, strict = expand_query(query)
    return [matching, strict, query]


def headline_sql_options(max_words: int = 35, min_words: int = 15) -> str:
    """The options string for ``ts_headline`` to pair with ``headline_html``."""
    return (
        f"StartSel={_START}, StopSel={_STOP}, MaxWords={max_words}, MinWords={min_words}, "
        'MaxFragments=2, FragmentDelimiter=" … "'
    )


def headline_html(headline: str) -> SafeString:
    # Escape first, then turn the sentinels into tags: nothing from the document can inject markup.
    escaped = escape(headline)
    return mark_safe(escaped.replace(_START, "<mark>").replace(_STOP, "</mark>"))


# Static pages ----------------------------------------------------------------------------------------------------

STATIC_PAGES = [
    ("home", "pages/home.html"),
    ("il_progetto", "pages/il_progetto.html"),
    ("privacy", "pages/privacy.html"),
    ("accessibilita", "pages/accessibilita.html"),
    ("note_legali", "pages/note_legali.html"),
]

# language code -> [(title, url, text)]; the pages change only with a deploy, so each is rendered once per process.
_page_texts: dict[str, list[tuple[str, str, str]]] = {}
_NOT_INDEXED = re.compile(r"<(nav|svg)\b.*?</\1>", re.DOTALL)
# Blocks of the static pages that show live data (open calls, meetings, HUBs): their own providers index that
# data, and a text rendered once per process would soon be wrong ("no open calls" while two are open).
LIVE_BLOCKS = ("home_bandi", "home_incontri", "home_hub")


def _block_text(template, name: str, context: dict) -> str:
    """The text of one ``{% block %}`` of a page template, without the header, footer or markup around it."""
    compiled = template.template
    for node in compiled.nodelist.get_nodes_by_type(BlockNode):
        if node.name == name:
            ctx = Context(context)
            with ctx.render_context.push_state(compiled), ctx.bind_template(compiled):
                live = BlockContext()
                live.add_blocks({name: BlockNode(name, NodeList()) for name in LIVE_BLOCKS})
                ctx.render_context[BLOCK_CONTEXT_KEY] = live
                rendered = node.render(ctx)
            # In-page indexes and icons repeat the headings: leave them out of the indexed text.
            rendered = _NOT_INDEXED.sub(" ", rendered)
            return re.sub(r"\s+", " ", html.unescape(strip_tags(rendered))).strip()
    return ""


def _portal_context() -> dict:
    return {
        "PORTAL_NAME": settings.PORTAL_NAME,
        "PROGRAMME_OFFICE": settings.PROGRAMME_OFFICE,
        "ACCESSIBILITY_FORM_URL": settings.AGID_ACCESSIBILITY_FORM_URL,
        "macro_azioni": MACRO_AZIONI,
    }


def static_page_texts(language: str | None = None) -> list[tuple[str, str, str]]:
    language = language or get_language() or "it"
    if language not in _page_texts:
        context = _portal_context()
        pages = []
        with override(language):
            for url_name, template_name in STATIC_PAGES:
                template = get_template(template_name)
                title = _block_text(template, "title", context)
                text = _block_text(template, "content", context)
                pages.append((title, reverse(url_name), text))
        _page_texts[language] = pages
    return _page_texts[language]


def search_static_pages(query: str) -> list[SearchResult]:
    pages = static_page_texts()
    # Only "%s" placeholders are interpolated into the SQL; every value travels as a parameter.
    values = ", ".join(["(%s::text, %s::text, %s::text)"] * len(pages))
    params = [value for page in pages for value in page]
    sql = f"""
        WITH pages(title, url, body) AS (VALUES {values}),
        {QUERY_CTE},
        ranked AS (
            SELECT title, url, body,
                   setweight(to_tsvector('italian', unaccent(title)), 'A')
                   || setweight(to_tsvector('italian', unaccent(body)), 'B') AS document
            FROM pages
        )
        SELECT title, url, {RANK_SQL} AS rank,
               ts_headline('italian', body, q.highlighting || q.matching, %s::text) AS excerpt
        FROM ranked, q
        WHERE document @@ q.matching
        ORDER BY rank DESC, title
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *query_params(query), headline_sql_options()])
        rows = cursor.fetchall()
    section = str(_("Pagine del portale"))
    return [
        SearchResult(title=title, url=url, excerpt=headline_html(excerpt), rank=float(rank), section=section)
        for title, url, rank, excerpt in rows
    ]


register("pagine", search_static_pages)
