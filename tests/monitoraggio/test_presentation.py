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
