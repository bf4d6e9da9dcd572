"""No text a person typed may ever become a spreadsheet formula."""

from __future__ import annotations

import datetime as dt

import openpyxl
from hypothesis import given
from hypothesis import strategies as st

from reports.excel_safety import safe_cell_value, starts_like_formula

DANGEROUS = ["=HYPERLINK(\"http://evil.example\",\"click\")", "+1", "-2", "@SUM(A1:A9)",
             "\tcmd", "\r=1+1", "＝1+1"]


def test_text_that_starts_like_a_formula_gets_a_leading_apostrophe():
    for text in DANGEROUS:
        safe = safe_cell_value(text)
        assert safe == "'" + text
        assert not starts_like_formula(safe)


def test_ordinary_values_pass_through_unchanged():
    for value in ["Ana Ruiz", "O'Brien", "1+1", "", None, 3, -2, 0.25, dt.date(2026, 1, 5)]:
        assert safe_cell_value(value) == value


def test_characters_a_workbook_cannot_hold_are_dropped():
    assert safe_cell_value("Ana\x00 Ru\x07iz\x1f") == "Ana Ruiz"
    # Dropping them must not uncover a formula sign.
    assert safe_cell_value("\x01=1+1") == "'=1+1"


def test_very_long_text_is_cut_to_what_excel_accepts():
    assert len(safe_cell_value("x" * 40_000)) == 32_767


@given(st.text(max_size=40))
def test_any_text_written_through_the_guard_reads_back_as_plain_text(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("guard") / "guard.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = safe_cell_value(text)
    workbook.save(path)
    cell = openpyxl.load_workbook(path).active["A1"]
    assert cell.data_type != "f"
    if cell.value is not None:
        assert not starts_like_formula(str(cell.value))
