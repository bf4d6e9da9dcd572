"""A list's cells as Excel should hold them: numbers, fractions and dates where the shown text is
exactly that value; everything else (IDs above all) as the text shown."""

from __future__ import annotations

import datetime as dt

from ui.models.table import Column, export_value

NUMBER = Column("grade", "Grade", "", numeric=True)
TEXT = Column("local_id", "ID", "")


def test_numbers_percentages_and_dates_are_values():
    assert export_value(NUMBER, "7", 7) == (7, "integer")
    assert export_value(NUMBER, "1,204", 1204) == (1204, "integer")
    # The exact rate the row holds, where it is the one shown...
    assert export_value(NUMBER, "12.8%", 0.12781) == (0.12781, "percent")
    # ...else the rate as shown.
    assert export_value(NUMBER, "12.8%", None) == (0.128, "percent")
    assert export_value(TEXT, "2 Oct 2026", "2026-10-02") == (dt.date(2026, 10, 2), "date")


def test_ids_words_and_mixed_cells_stay_text():
    assert export_value(TEXT, "000101", "000101") == ("000101", "text")
    assert export_value(NUMBER, "3 / 4", 3) == ("3 / 4", "text")
    assert export_value(NUMBER, "Kindergarten", 0) == ("Kindergarten", "text")
    assert export_value(NUMBER, "", None) == (None, "")
