"""A year with nothing in it yet still gives a report that says so, in every format."""

from __future__ import annotations

import datetime as dt

from reports.end_of_year import build_document, save_report_pdf
from reports.figures import TEAM, compute_figures
from reports.report_json import to_json
from reports.workbook import save_report_workbook
from tests.workbook_checks import assert_every_sheet_has_a_table, assert_no_formulas, reopen
from tests.xlsx_structure import structural_problems


def test_an_empty_year_reports_zeros_and_dashes_without_failing(data_file, qapp, tmp_path):
    year_id = 1
    for level in ("administrators", TEAM):
        figures = compute_figures(data_file.db, year_id, as_of=dt.date(2025, 10, 1),
                                  level=level)
        assert figures.students_served == 0 and figures.share_improved is None
        assert figures.days_gained is None
        document = to_json(figures)
        assert document["by_grade"] == [] and document["meetings_held"] == 0
        text = build_document(figures).toPlainText()
        assert "0\nstudents served" in text and "–\nof mentees improved" in text
        assert "no attendance imported yet" in text
        path = save_report_workbook(figures, tmp_path / f"{level}.xlsx")
        workbook = reopen(path)
        assert_every_sheet_has_a_table(workbook)
        assert_no_formulas(workbook)
        assert structural_problems(path) == []
        # No empty chart (it would read as a fault); empty sections say so.
        assert workbook["Summary"]._charts == []
        assert workbook["Trainings"]["A5"].value == "None in this period"
        assert save_report_pdf(figures, tmp_path / f"{level}.pdf").read_bytes()[:4] == b"%PDF"
