"""Reads of the dashboards: series against targets and the small-number suppression rule."""

from datetime import date
from decimal import Decimal

import pytest

from costellazioni.models import Quartiere
from monitoraggio import selectors
from monitoraggio.models import Indicatore
from tests.monitoraggio.factories import NOV, OCT, IndicatoreFactory, MisurazioneFactory, TargetFactory

pytestmark = pytest.mark.django_db


class TestSuppression:
    def test_values_under_five_are_hidden(self):
        assert selectors.suppress_small({"a": 12, "b": 4, "c": 0, "d": 5}) == {"a": 12, "b": None, "c": None, "d": 5}

    def test_a_single_hidden_value_hides_the_next_smallest_too(self):
        # with the total known, one hidden cell could be worked out: the smallest visible one goes too
        assert selectors.suppress_small({"a": 30, "b": 3, "c": 9}) == {"a": 30, "b": None, "c": None}

    def test_nothing_hidden_when_all_are_five_or_more(self):
        assert selectors.suppress_small({"a": 5, "b": 6}) == {"a": 5, "b": 6}

    def test_by_quartiere_sums_the_window_then_suppresses(self):
        indicatore = IndicatoreFactory()
        q1, q2, q3 = Quartiere.objects.order_by("pk")[:3]
        for periodo, valori in [(OCT, (3, 2, 40)), (NOV, (4, 1, 10))]:
            for quartiere, valore in zip((q1, q2, q3), valori, strict=True):
                MisurazioneFactory(
                    indicatore=indicatore,
                    periodo_inizio=periodo[0],
                    periodo_fine=periodo[1],
                    disaggregazione={"quartiere": quartiere.slug},
                    valore=valore,
                )
        celle = {c.quartiere.slug: c.valore for c in selectors.by_quartiere(indicatore)}
        # q2 has 3 people: hidden, and q1 (7, the smallest shown) with it, or 60 - 50 - 7 would give q2 away
        assert celle == {q1.slug: None, q2.slug: None, q3.slug: Decimal(50)}
        only_nov = {c.quartiere.slug: c.valore for c in selectors.by_quartiere(indicatore, start=NOV[0])}
        assert only_nov == {q1.slug: None, q2.slug: None, q3.slug: Decimal(10)}


class TestSeries:
    def test_a_flow_sums_its_periods_and_a_stock_takes_the_last(self):
        flow = IndicatoreFactory(aggregazione=Indicatore.Aggregazione.SOMMA)
        stock = IndicatoreFactory(aggregazione=Indicatore.Aggregazione.ULTIMO)
        for indicatore in (flow, stock):
            MisurazioneFactory(indicatore=indicatore, periodo_inizio=OCT[0], periodo_fine=OCT[1], valore=20)
            MisurazioneFactory(indicatore=indicatore, periodo_inizio=NOV[0], periodo_fine=NOV[1], valore=30)
            MisurazioneFactory(indicatore=indicatore, disaggregazione={"genere": "donne"}, valore=999)
            MisurazioneFactory(
                indicatore=indicatore,
                periodo_inizio=date(2026, 9, 1),
                periodo_fine=date(2026, 9, 30),
                valore=999,
                stato="da_validare",
            )
        TargetFactory(indicatore=flow, data=date(2026, 12, 31), valore=100)
        TargetFactory(indicatore=flow, data=date(2029, 12, 31), valore=400)
        serie_flow, serie_stock = selectors.indicator_series([flow, stock], today=date(2026, 11, 30))
        assert serie_flow.valore == 50 and serie_flow.target.valore == 100 and serie_flow.percentuale == 50
        assert serie_stock.valore == 30 and serie_stock.target is None and serie_stock.percentuale is None
        assert serie_flow.punti == [(OCT[0], 20), (NOV[0], 30)]

    def test_the_next_target_after_today(self):
        indicatore = IndicatoreFactory()
        TargetFactory(indicatore=indicatore, data=date(2026, 6, 30), valore=10)
        TargetFactory(indicatore=indicatore, data=date(2027, 12, 31), valore=80)
        (serie,) = selectors.indicator_series([indicatore], today=date(2026, 11, 30))
        assert serie.target.valore == 80
