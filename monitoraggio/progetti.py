"""Funded projects' health at a glance: report status, spending, milestones and the risk flags they raise."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from contributi.models import Concessione, Pagamento, Rendiconto, Spesa
from monitoraggio.models import Tappa

FINAL_REPORT_GRACE = timedelta(days=60)  # the final report is due within 60 days of the project's end
UNDERSPENDING_RATIO = Decimal("0.5")  # reported spending below half of what the elapsed time suggests


@dataclass(frozen=True)
class Rischio:
    codice: str
    etichetta: str


RENDICONTO_IN_RITARDO = Rischio("rendiconto_in_ritardo", _("Rendiconto finale in ritardo"))
INTERMEDIO_MANCANTE = Rischio("intermedio_mancante", _("Rendiconto intermedio non presentato"))
SOTTOSPESA = Rischio("sottospesa", _("Spesa inferiore al previsto"))
TAPPE_MANCATE = Rischio("tappe_mancate", _("Tappe non raggiunte"))


# Each project's figures are computed once (the CTEs), its flags once from those figures, and the ranking and the
# counts over the flags: no subquery is repeated for each flag that reads it. Its cost grows with the number of
# funded projects and their reports, payments and milestones, never with field activities or applications.
HEALTH_SQL = """
WITH spese AS (
    SELECT r.concessione_id, SUM(s.importo) AS totale
    FROM {spesa} s JOIN {rendiconto} r ON r.id = s.rendiconto_id
    WHERE r.stato = ANY(%(presentati)s)
    GROUP BY r.concessione_id
), pagamenti AS (
    SELECT concessione_id, SUM(importo) AS totale FROM {pagamento} GROUP BY concessione_id
), rendiconti AS (
    SELECT concessione_id,
           BOOL_OR(tipo = %(finale)s AND stato = ANY(%(presentati)s)) AS finale_presentato,
           BOOL_OR(tipo = %(intermedio)s AND stato <> %(bozza)s) AS intermedio_presentato
    FROM {rendiconto} GROUP BY concessione_id
), tappe AS (
    SELECT progetto_id, COUNT(*) AS totali,
           COUNT(*) FILTER (WHERE raggiunta_il IS NULL AND scadenza < %(today)s) AS mancate
    FROM {tappa} GROUP BY progetto_id
), cifre AS (
    SELECT c.id, c.data_fine,
           COALESCE(sp.totale, 0) AS spesa_rendicontata, COALESCE(pg.totale, 0) AS pagato,
           COALESCE(t.totali, 0) AS tappe_totali, COALESCE(t.mancate, 0) AS tappe_mancate,
           COALESCE(r.finale_presentato, FALSE) AS finale_presentato,
           COALESCE(r.intermedio_presentato, FALSE) AS intermedio_presentato,
           c.importo - c.riduzione AS concesso,
           c.data_fine - c.data_inizio AS durata,
           LEAST(GREATEST(%(today)s::date - c.data_inizio, 0), c.data_fine - c.data_inizio) AS trascorsi
    FROM {concessione} c
    LEFT JOIN spese sp ON sp.concessione_id = c.id
    LEFT JOIN pagamenti pg ON pg.concessione_id = c.id
    LEFT JOIN rendiconti r ON r.concessione_id = c.id
    LEFT JOIN tappe t ON t.progetto_id = c.id
    WHERE c.revocata_il IS NULL AND c.accettata_il IS NOT NULL
), segnali AS (
    SELECT *,
           (data_fine < %(final_due)s AND NOT finale_presentato)::int AS r_ritardo,
           (durata > 0 AND NOT intermedio_presentato AND NOT finale_presentato AND trascorsi >= durata / 2.0)::int
               AS r_intermedio,
           -- reported spending under half of what the elapsed share of the project suggests, after a quarter
           (durata > 0 AND trascorsi >= durata / 4.0
               AND spesa_rendicontata < concesso * trascorsi / durata * %(ratio)s)::int AS r_sottospesa,
           (tappe_mancate > 0)::int AS r_tappe
    FROM cifre
), ordinati AS (
    SELECT *, r_ritardo + r_intermedio + r_sottospesa + r_tappe AS n_rischi FROM segnali
)
SELECT id, spesa_rendicontata, pagato, tappe_totali, tappe_mancate, r_ritardo, r_intermedio, r_sottospesa, r_tappe,
       COUNT(*) FILTER (WHERE n_rischi > 0) OVER () AS a_rischio, COUNT(*) OVER () AS totale
FROM ordinati
ORDER BY n_rischi DESC, data_fine, id
LIMIT %(limit)s
"""
FIGURES = ("spesa_rendicontata", "pagato", "tappe_totali", "tappe_mancate")
FLAGS = (
    ("r_ritardo", RENDICONTO_IN_RITARDO),
    ("r_intermedio", INTERMEDIO_MANCANTE),
    ("r_sottospesa", SOTTOSPESA),
    ("r_tappe", TAPPE_MANCATE),
)


def health_table(*, today: date | None = None, limit: int | None = None) -> tuple[list[tuple], int, int]:
    """``([(concessione, [Rischio])], projects at risk, all active projects)``: the riskiest first, ``limit`` rows
    at most. Two queries: the ranking with each project's figures and the counts over all of them, then the rows.

    Each ``concessione`` carries ``spesa_rendicontata``, ``pagato``, ``tappe_totali`` and ``tappe_mancate``."""
    today = today or timezone.localdate()
    sql = HEALTH_SQL.format(
        spesa=Spesa._meta.db_table,
        rendiconto=Rendiconto._meta.db_table,
        pagamento=Pagamento._meta.db_table,
        tappa=Tappa._meta.db_table,
        concessione=Concessione._meta.db_table,
    )
    params = {
        "presentati": [Rendiconto.Stato.PRESENTATO.value, Rendiconto.Stato.APPROVATO.value],
        "finale": Rendiconto.Tipo.FINALE.value,
        "intermedio": Rendiconto.Tipo.INTERMEDIO.value,
        "bozza": Rendiconto.Stato.BOZZA.value,
        "today": today,
        "final_due": today - FINAL_REPORT_GRACE,
        "ratio": UNDERSPENDING_RATIO,
        "limit": limit,
    }
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        columns = [column.name for column in cursor.description]
        ranked = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    if not ranked:
        return [], 0, 0
    projects = (
        Concessione.objects.select_related("candidatura__ente")
        .only(  # the applications carry large JSON documents: read only what the tables show
            "pk",
            "importo",
            "riduzione",
            "data_inizio",
            "data_fine",
            "oscura_beneficiario",
            "revocata_il",
            "candidatura__titolo",
            "candidatura__ente__denominazione",
            "candidatura__ente__codice_fiscale",  # whether the beneficiary is a person, when nobody decided
        )
        .in_bulk([row["id"] for row in ranked])
    )
    rows = []
    for row in ranked:
        project = projects[row["id"]]
        for name in FIGURES:
            setattr(project, name, row[name])
        rows.append((project, [rischio for name, rischio in FLAGS if row[name]]))
    return rows, ranked[0]["a_rischio"], ranked[0]["totale"]


def project_health(*, today: date | None = None, limit: int | None = None) -> list[tuple]:
    """``[(concessione, [Rischio])]``, the ones with most risk flags first; ``limit`` rows at most."""
    return health_table(today=today, limit=limit)[0]
