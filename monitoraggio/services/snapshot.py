"""Automatic indicators, snapshotted into measurements so that history survives changes to the source data."""

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from costellazioni import indicators as registry
from costellazioni import page_cache
from monitoraggio.models import Indicatore, Misurazione, disaggregation_key
from monitoraggio.periods import month_of


@transaction.atomic
def indicatori_snapshot(*, period_start: date, period_end: date, indicatori=None) -> dict[str, int]:
    """Write the automatic indicators' rows for the period: the same period twice gives the same rows.

    Rows are matched on (indicator, period, disaggregation): a changed value is updated, a new breakdown
    created, a breakdown that no longer appears deleted. Returns the number of rows per indicator code.
    """
    queryset = Indicatore.objects.automatici() if indicatori is None else indicatori
    counts: dict[str, int] = {}
    for indicatore in queryset.select_for_update():
        definition = registry.get_indicator(indicatore.calcolo)
        if definition is None:  # its app is not installed (yet): nothing to measure
            continue
        computed = {}
        for value, disaggregazione in registry.compute_indicator(indicatore.calcolo, period_start, period_end):
            computed[disaggregation_key(disaggregazione)] = (Decimal(value).quantize(Decimal("0.01")), disaggregazione)
        existing = {
            row.chiave: row
            for row in Misurazione.objects.filter(
                indicatore=indicatore,
                periodo_inizio=period_start,
                periodo_fine=period_end,
                origine=Misurazione.Origine.AUTOMATICA,
            )
        }
        stale = [row.pk for chiave, row in existing.items() if chiave not in computed]
        if stale:
            Misurazione.objects.filter(pk__in=stale).delete()
        new_rows = []
        for chiave, (value, disaggregazione) in computed.items():
            row = existing.get(chiave)
            if row is None:
                row = Misurazione(
                    indicatore=indicatore,
                    periodo_inizio=period_start,
                    periodo_fine=period_end,
                    disaggregazione=disaggregazione,
                    chiave=chiave,
                    origine=Misurazione.Origine.AUTOMATICA,
                    stato=Misurazione.Stato.VALIDATA,
                    valore=value,
                )
                row.full_clean(validate_unique=False, validate_constraints=False)  # the database holds those
                new_rows.append(row)
            elif row.valore != value:
                row.valore = value
                row.save(update_fields=["valore", "rilevata_il"])
        Misurazione.objects.bulk_create(new_rows)
        page_cache.bump("monitoraggio")  # no signal from update()/bulk_create(): pages follow now
        counts[indicatore.codice] = len(computed)
    return counts


def snapshot_due_periods(today: date | None = None) -> list[tuple[date, date]]:
    """The current month, and the previous one until it has been closed by a snapshot taken after its end."""
    today = today or timezone.localdate()
    current = month_of(today)
    previous = month_of(current[0] - timedelta(days=1))
    closed = Misurazione.objects.filter(
        origine=Misurazione.Origine.AUTOMATICA,
        periodo_inizio=previous[0],
        periodo_fine=previous[1],
        rilevata_il__date__gt=previous[1],
    ).exists()
    return [current] if closed else [previous, current]
