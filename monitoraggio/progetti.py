"""Funded projects' health at a glance: report status, spending, milestones and the risk flags they raise."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    DateField,
    DecimalField,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, Greatest, Least
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from contributi.models import Concessione, Pagamento, Rendiconto, Spesa
from monitoraggio.models import Tappa

FINAL_REPORT_GRACE = timedelta(days=60)  # the final report is due within 60 days of the project's end
UNDERSPENDING_RATIO = Decimal("0.5")  # reported spending below half of what the elapsed time suggests
MONEY = DecimalField(max_digits=14, decimal_places=2)


@dataclass(frozen=True)
class Rischio:
    codice: str
    etichetta: str


RENDICONTO_IN_RITARDO = Rischio("rendiconto_in_ritardo", _("Rendiconto finale in ritardo"))
INTERMEDIO_MANCANTE = Rischio("intermedio_mancante", _("Rendiconto intermedio non presentato"))
SOTTOSPESA = Rischio("sottospesa", _("Spesa inferiore al previsto"))
TAPPE_MANCATE = Rischio("tappe_mancate", _("Tappe non raggiunte"))


class DaysBetween(Func):
    """``a - b`` for two dates, in days (PostgreSQL: date - date = integer)."""

    template = "(%(expressions)s)"
    arg_joiner = " - "
    output_field = IntegerField()


def flag(condition) -> Case:
    return Case(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField())


def projects_queryset(*, today: date | None = None):
    """Active awards with their figures and risk flags computed in SQL, the riskiest first: one query."""
    spese = (
        Spesa.objects.filter(
            rendiconto__concessione=OuterRef("pk"),
            rendiconto__stato__in=[Rendiconto.Stato.PRESENTATO, Rendiconto.Stato.APPROVATO],
        )
        .values("rendiconto__concessione")
        .annotate(t=Sum("importo"))
        .values("t")
    )
    pagato = (
        Pagamento.objects.filter(concessione=OuterRef("pk"))
        .values("concessione")
        .annotate(t=Sum("importo"))
        .values("t")
    )
    today = today or timezone.localdate()
    tappe = Tappa.objects.filter(progetto=OuterRef("pk"))
    return (
        Concessione.objects.filter(revocata_il__isnull=True, accettata_il__isnull=False)
        .select_related("candidatura__ente")
        .only(  # the applications carry large JSON documents: read only what the table shows
            "pk",
            "importo",
            "riduzione",
            "data_inizio",
            "data_fine",
            "oscura_beneficiario",
            "revocata_il",
            "candidatura__titolo",
            "candidatura__ente__denominazione",
        )
        .annotate(
            spesa_rendicontata=Coalesce(Subquery(spese, output_field=MONEY), Value(Decimal(0), output_field=MONEY)),
            pagato=Coalesce(Subquery(pagato, output_field=MONEY), Value(Decimal(0), output_field=MONEY)),
            finale_presentato=Exists(
                Rendiconto.objects.filter(
                    concessione=OuterRef("pk"),
                    tipo=Rendiconto.Tipo.FINALE,
                    stato__in=[Rendiconto.Stato.PRESENTATO, Rendiconto.Stato.APPROVATO],
                )
            ),
            intermedio_presentato=Exists(
                Rendiconto.objects.filter(concessione=OuterRef("pk"), tipo=Rendiconto.Tipo.INTERMEDIO).exclude(
                    stato=Rendiconto.Stato.BOZZA
                )
            ),
            tappe_totali=Coalesce(Subquery(tappe.values("progetto").annotate(n=Count("pk")).values("n")), 0),
            tappe_mancate=Coalesce(
                Subquery(
                    tappe.filter(Q(raggiunta_il__isnull=True), scadenza__lt=today)
                    .values("progetto")
                    .annotate(n=Count("pk"))
                    .values("n")
                ),
                0,
            ),
            durata=DaysBetween(F("data_fine"), F("data_inizio")),
            trascorsi=Least(
                Greatest(DaysBetween(Value(today, output_field=DateField()), F("data_inizio")), Value(0)),
                DaysBetween(F("data_fine"), F("data_inizio")),
            ),
        )
        .annotate(
            r_ritardo=flag(Q(data_fine__lt=today - FINAL_REPORT_GRACE, finale_presentato=False)),
            r_intermedio=flag(
                Q(durata__gt=0, intermedio_presentato=False, finale_presentato=False)
                & Q(trascorsi__gte=F("durata") / 2.0)
            ),
            # reported spending under half of what the elapsed share of the project suggests, after a quarter
            r_sottospesa=flag(
                Q(durata__gt=0, trascorsi__gte=F("durata") / 4.0)
                & Q(
                    spesa_rendicontata__lt=(F("importo") - F("riduzione"))
                    * F("trascorsi")
                    / F("durata")
                    * UNDERSPENDING_RATIO
                )
            ),
            r_tappe=flag(Q(tappe_mancate__gt=0)),
        )
        .annotate(n_rischi=F("r_ritardo") + F("r_intermedio") + F("r_sottospesa") + F("r_tappe"))
        .order_by("-n_rischi", "data_fine", "pk")
    )


def risks(concessione) -> list[Rischio]:
    """The flags of a project read from ``projects_queryset``."""
    pairs = [
        (concessione.r_ritardo, RENDICONTO_IN_RITARDO),
        (concessione.r_intermedio, INTERMEDIO_MANCANTE),
        (concessione.r_sottospesa, SOTTOSPESA),
        (concessione.r_tappe, TAPPE_MANCATE),
    ]
    return [rischio for raised, rischio in pairs if raised]


def project_health(*, today: date | None = None, limit: int | None = None) -> list[tuple]:
    """``[(concessione, [Rischio])]``, the ones with most risk flags first; ``limit`` rows at most."""
    projects = projects_queryset(today=today)
    if limit:
        projects = projects[:limit]
    return [(project, risks(project)) for project in projects]


def projects_at_risk(*, today: date | None = None) -> tuple[int, int]:
    """(projects at risk, all active projects), counted in SQL."""
    counts = projects_queryset(today=today).aggregate(
        a_rischio=Count("pk", filter=Q(n_rischi__gt=0)), totale=Count("pk")
    )
    return counts["a_rischio"], counts["totale"]


def health_table(*, today: date | None = None, limit: int) -> tuple[list[tuple], int, int]:
    """``(project_health rows, projects at risk, all active projects)`` in one query: SQL ranks the projects
    and counts them all (window aggregates over the whole set), then returns the ``limit`` riskiest."""
    projects = projects_queryset(today=today).annotate(
        conteggio_totale=Window(Count("pk")),
        conteggio_a_rischio=Window(Count("pk", filter=Q(n_rischi__gt=0))),
    )[:limit]
    rows = [(project, risks(project)) for project in projects]
    if not rows:
        return [], 0, 0
    return rows, rows[0][0].conteggio_a_rischio, rows[0][0].conteggio_totale
