"""The dashboards' figures, formatted once in Python as the PDF's ``includes/valore.html`` writes them."""

from datetime import date
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from monitoraggio.presentation import DateLabels, value_html


@pytest.mark.parametrize(
    "valore,unita",
    [
        (None, "persone"),
        (Decimal("1234567.5"), "EUR"),
        (Decimal("42.4"), "%"),
        (Decimal("12345.678"), "ore"),
        (Decimal(7), "persone"),
    ],
)
def test_a_figure_reads_as_in_the_pdf_report(valore, unita):
    with translation.override("it"):
        expected = render_to_string("monitoraggio/includes/valore.html", {"valore": valore, "unita": unita})
        assert value_html(valore, unita) == expected.strip()


def test_each_date_is_formatted_once_per_render(monkeypatch):
    calls = []
    labels = DateLabels()
    monkeypatch.setattr("monitoraggio.presentation.date_format", lambda day, fmt: calls.append(day) or f"{day}")
    for _ in range(3):
        assert labels[date(2026, 11, 1), "F Y"] == "2026-11-01"
    assert calls == [date(2026, 11, 1)]


@pytest.mark.parametrize("language", ["it", "en"])
@pytest.mark.parametrize("places", [-2, 0, 2])
def test_numbers_read_as_floatformat_writes_them(language, places):
    from django.template.defaultfilters import floatformat

    from monitoraggio.presentation import number

    values = [0, 7, -3, 999, 1000, 1234567, 0.5, 2.675, "0.005", "0.004", "-1234.5", "34.001", "1e3", "12345.678", 1.0]
    with translation.override(language):
        for value in values:
            decimal = Decimal(str(value))
            assert number(decimal, places) == floatformat(decimal, f"{places}g"), (value, places)
