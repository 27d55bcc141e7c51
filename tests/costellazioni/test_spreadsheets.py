from decimal import Decimal

import pytest

from costellazioni.spreadsheets import safe_row, spreadsheet_safe


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x")', "+39 041", "-1+2", "@SUM(A1)", "\tcmd", "\rcmd"])
def test_formula_like_text_is_defused(text):
    assert spreadsheet_safe(text) == "'" + text


@pytest.mark.parametrize("value", ["Spazio Bissuola APS", "", "12000.00", 12000, Decimal("-5.00"), None])
def test_other_values_pass_unchanged(value):
    assert spreadsheet_safe(value) == value


def test_safe_row_defuses_each_cell():
    assert safe_row(["=1+1", "Castello", 3]) == ["'=1+1", "Castello", 3]
