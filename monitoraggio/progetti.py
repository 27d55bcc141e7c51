"""Funded projects' health at a glance: report status, spending, milestones and the risk flags they raise."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, DecimalField, Exists, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
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


def projects_queryset():
    """Active awards annotated with everything the flags need: one query, whatever the number of projects."""
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
    today = timezone.localdate()
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
        )
        .order_by("data_fine", "pk")
    )


def risks(concessione, *, today: date | None = None) -> list[Rischio]:
    today = today or timezone.localdate()
    flags = []
    start, end = concessione.data_inizio, concessione.data_fine
    if end and not concessione.finale_presentato and today > end + FINAL_REPORT_GRACE:
        flags.append(RENDICONTO_IN_RITARDO)
    if start and end and end > start:
        elapsed = min(max((today - start).days / (end - start).days, 0), 1)
        if elapsed >= 0.5 and not concessione.intermedio_presentato and not concessione.finale_presentato:
            flags.append(INTERMEDIO_MANCANTE)
        importo = concessione.importo - concessione.riduzione
        expected = importo * Decimal(str(round(elapsed, 4)))
        if elapsed >= 0.25 and concessione.spesa_rendicontata < expected * UNDERSPENDING_RATIO:
            flags.append(SOTTOSPESA)
    if concessione.tappe_mancate:
        flags.append(TAPPE_MANCATE)
    return flags


def project_health(*, today: date | None = None) -> list[tuple]:
    """``[(concessione, [Rischio])]`` of every active project, the ones with most risk flags first."""
    rows = [(project, risks(project, today=today)) for project in projects_queryset()]
    rows.sort(key=lambda row: -len(row[1]))
    return rows
