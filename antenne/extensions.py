"""What the antenne app adds to core pages: a card on the area personale, results in the site search."""

from django.db import connection
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _

from antenne import permissions
from antenne.models import Antenna, RichiestaPortierato, Servizio, SocioBancaDelTempo
from costellazioni.extensions import Section, probed
from costellazioni.search import (
    QUERY_CTE,
    RANK_SQL,
    SearchResult,
    headline_html,
    headline_sql_options,
    query_params,
)

RICHIESTE = 5
APERTE = [RichiestaPortierato.Stato.RICHIESTA, RichiestaPortierato.Stato.ACCETTATA]


def area_personale_probes(*, now, today) -> dict:
    return {
        "antenne_socio": Exists(SocioBancaDelTempo.objects.filter(user=OuterRef("pk"))),
        "antenne_richieste": Exists(RichiestaPortierato.objects.filter(richiedente=OuterRef("pk"))),
        "antenne_gestire": Exists(
            RichiestaPortierato.objects.filter(antenna__account=OuterRef("pk"), stato__in=APERTE)
        ),
    }


def area_personale_banca_e_portierato(request) -> Section | None:
    """Nothing asked for the many people with nothing here (``area_personale_probes``); details for the others."""
    if not request.user.is_authenticated:
        return None
    flags = probed(request)
    if not (flags["antenne_socio"] or flags["antenne_richieste"] or flags["antenne_gestire"]):
        return None
    socio = SocioBancaDelTempo.objects.filter(user=request.user).first() if flags["antenne_socio"] else None
    richieste = []
    if flags["antenne_richieste"]:
        richieste = list(RichiestaPortierato.objects.of_richiedente(request.user).select_related("antenna")[:RICHIESTE])
    da_gestire = []
    if flags["antenne_gestire"]:
        da_gestire = permissions.with_contatti(
            request.user,
            RichiestaPortierato.objects.filter(antenna__account=request.user, stato__in=APERTE).select_related(
                "antenna", "richiedente"
            )[:RICHIESTE],
        )
    verificato = socio is not None and socio.stato == SocioBancaDelTempo.Stato.VERIFICATO
    return Section(
        "antenne/area_personale/sezione.html",
        {
            "socio": socio,
            "saldo": socio.saldo() if verificato else None,
            "richieste_portierato": richieste,
            "da_gestire": da_gestire,
        },
    )


# Only antennas the public may see, and a private person's only with consent to show their name. The services
# are stored as codes: their labels, in the current language, arrive as two parallel arrays.
SQL = f"""
    WITH {QUERY_CTE},
    etichette AS (SELECT * FROM unnest(%s::text[], %s::text[]) AS e(codice, etichetta)),
    docs AS (
        SELECT a.id, a.nome_pubblico AS title,
               (SELECT string_agg(e.etichetta, ', ') FROM etichette e WHERE e.codice = ANY(a.servizi)) AS servizi,
               concat_ws(' ', quartiere.nome, a.descrizione, a.disponibilita) AS testo
        FROM antenne_antenna a JOIN costellazioni_quartiere quartiere ON quartiere.id = a.quartiere_id
        WHERE a.stato = ANY(%s) AND (a.tipo <> %s OR a.consenso_nome)
    ),
    ranked AS (
        SELECT id, title, concat_ws('. ', servizi, testo) AS body,
               setweight(to_tsvector('italian', unaccent(title)), 'A')
               || setweight(to_tsvector('italian', unaccent(coalesce(servizi, ''))), 'B')
               || setweight(to_tsvector('italian', unaccent(testo)), 'C') AS document
        FROM docs
    )
    SELECT id, title, {RANK_SQL} AS rank,
           ts_headline('italian', body, q.highlighting || q.matching, %s::text) AS excerpt
    FROM ranked, q
    WHERE document @@ q.matching
    ORDER BY rank DESC, title
    LIMIT 20
"""


def search_antenne(query: str) -> list[SearchResult]:
    """Antennas by name, the services they offer, their quartiere and what they say of themselves."""
    stati = [Antenna.Stato.ATTIVA.value, Antenna.Stato.IN_RETE.value]
    codici, etichette = zip(*[(code, str(label)) for code, label in Servizio.choices], strict=True)
    with connection.cursor() as cursor:
        cursor.execute(
            SQL,
            [
                *query_params(query),
                list(codici),
                list(etichette),
                stati,
                Antenna.Tipo.CITTADINO.value,
                headline_sql_options(),
            ],
        )
        rows = cursor.fetchall()
    section = _("Antenne di quartiere")
    return [
        SearchResult(
            title=title,
            url=reverse("antenne:dettaglio", args=[pk]),
            excerpt=headline_html(excerpt),
            rank=float(rank),
            section=section,
        )
        for pk, title, rank, excerpt in rows
    ]
