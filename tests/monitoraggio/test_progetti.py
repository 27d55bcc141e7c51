"""Funded projects' risk flags, computed in SQL, on fixtures with known answers."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from monitoraggio import progetti
from monitoraggio.models import Tappa
from tests.contributi.factories_erogazioni import ConcessioneFactory

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 30)


def project(inizio, fine, **kwargs):
    return ConcessioneFactory(data_inizio=inizio, data_fine=fine, accettata_il=timezone.now(), **kwargs)


def test_flags_and_order():
    ended = project(date(2026, 1, 1), date(2026, 6, 30), importo=Decimal("20000.00"))
    young = project(date(2026, 11, 1), date(2027, 10, 31))
    Tappa.objects.create(progetto=young, titolo="Primo laboratorio", scadenza=date(2026, 11, 15))
    Tappa.objects.create(progetto=young, titolo="Festa", scadenza=date(2026, 11, 20), raggiunta_il=date(2026, 11, 20))
    healthy = project(date(2026, 10, 1), date(2027, 9, 30))
    project(date(2026, 1, 1), date(2026, 6, 30), revocata_il=timezone.now())  # revoked: not followed

    rows = progetti.project_health(today=TODAY)
    assert [c for c, _flags in rows] == [ended, young, healthy]
    flags = {c.pk: [r.codice for r in f] for c, f in rows}
    assert flags[ended.pk] == ["rendiconto_in_ritardo", "intermedio_mancante", "sottospesa"]
    assert flags[young.pk] == ["tappe_mancate"]
    assert flags[healthy.pk] == []
    assert (rows[1][0].tappe_mancate, rows[1][0].tappe_totali) == (1, 2)
    assert progetti.health_table(today=TODAY, limit=1)[1:] == (2, 3)
    assert len(progetti.project_health(today=TODAY, limit=1)) == 1


@pytest.mark.parametrize("n", [3, 30])
def test_the_staff_table_ranks_and_counts_in_one_query_and_reads_the_rows_in_another(django_assert_num_queries, n):
    ended = project(date(2026, 1, 1), date(2026, 6, 30))
    for _ in range(n - 1):
        project(date(2026, 10, 1), date(2027, 9, 30))
    with django_assert_num_queries(2):
        rows, a_rischio, totale = progetti.health_table(today=TODAY, limit=2)
        titles = [c.candidatura.titolo for c, _flags in rows] + [c.candidatura.ente.denominazione for c, _ in rows]
    assert [c for c, _flags in rows][:1] == [ended] and len(rows) == 2 and all(titles)
    assert (a_rischio, totale) == (1, n)


def test_the_staff_table_without_projects():
    assert progetti.health_table(today=TODAY, limit=25) == ([], 0, 0)


def test_under_spending_is_relative_to_the_elapsed_share():
    # 182 of 333 days of a 10,000 € project: under half of 5,465 € reported is under-spending
    from contributi.models import Rendiconto, Spesa

    c = project(date(2026, 6, 1), date(2027, 4, 30), importo=Decimal("10000.00"))
    rendiconto = Rendiconto.objects.create(
        concessione=c, tipo="intermedio", stato="presentato", presentato_il=timezone.now()
    )
    Spesa.objects.create(
        rendiconto=rendiconto,
        categoria="personale",
        descrizione="Educatore",
        data=date(2026, 9, 30),
        importo=Decimal("3000.00"),
        giustificativo="x.pdf",
        nome_originale="x.pdf",
        content_type="application/pdf",
        sha256="0" * 64,
        caricata_da=rendiconto.concessione.candidatura.creata_da,
    )
    assert progetti.project_health(today=TODAY)[0][1] == []
    Spesa.objects.filter(rendiconto=rendiconto).update(importo=Decimal("2000.00"))
    assert [r.codice for r in progetti.project_health(today=TODAY)[0][1]] == ["sottospesa"]
