"""The report workbook shared with administrators gives no student away and runs no formula."""

from __future__ import annotations

from reports.figures import ADMINISTRATORS, TEAM, compute_figures
from reports.workbook import save_report_workbook
from tests.report_fixture import AS_OF, build_small_school
from tests.workbook_checks import (
    assert_another_reader_agrees,
    assert_every_sheet_has_a_table,
    assert_no_formulas,
    every_cell,
    reopen,
)


def test_the_administrators_workbook_holds_no_name_id_or_free_text(data_file, tmp_path):
    school = build_small_school(data_file.db)
    figures = compute_figures(data_file.db, school.year_id, as_of=AS_OF, level=ADMINISTRATORS)
    workbook = reopen(save_report_workbook(figures, tmp_path / "report.xlsx"))
    forbidden = school.texts_that_identify()
    found = []
    for sheet, cell in every_cell(workbook):
        text = str(cell.value)
        found += [f"{sheet.title}!{cell.coordinate}: {word}" for word in forbidden
                  if word in text]
    assert found == []
    # The workbook's own words are there: it is not empty.
    assert workbook["Summary"]["B5"].value == 8  # students served


def test_no_user_text_becomes_a_formula_even_at_the_program_team_level(data_file, tmp_path):
    school = build_small_school(data_file.db)
    figures = compute_figures(data_file.db, school.year_id, as_of=AS_OF, level=TEAM)
    workbook = reopen(save_report_workbook(figures, tmp_path / "team.xlsx"))
    assert_no_formulas(workbook)
    names = [cell.value for sheet, cell in every_cell(workbook)
             if sheet.title == "Students" and isinstance(cell.value, str)]
    assert "'=HYPERLINK(\"http://evil.example\",\"click\") Adeyemi-Fairweather" in names
    assert "'+1 Beatrix Brightwater" in names
    assert "'-2 Cosimo Cresswell" in names
    assert "'@SUM(A1:A9) Delacourt" in names
    # IDs stay text with their zeros.
    assert "000101" in names


def test_the_workbook_reopens_with_a_table_on_every_sheet(data_file, tmp_path):
    school = build_small_school(data_file.db)
    for level in (ADMINISTRATORS, TEAM):
        figures = compute_figures(data_file.db, school.year_id, as_of=AS_OF, level=level)
        path = save_report_workbook(figures, tmp_path / f"{level}.xlsx")
        workbook = reopen(path)
        assert_every_sheet_has_a_table(workbook)
        # The tier chart only when no tier count is hidden (the program team's).
        assert len(workbook["Summary"]._charts) == (3 if level == TEAM else 2)
        assert_another_reader_agrees(path)


def test_the_administrators_pdf_text_holds_no_name_id_or_free_text(data_file, qapp):
    from reports.end_of_year import build_document

    school = build_small_school(data_file.db)
    figures = compute_figures(data_file.db, school.year_id, as_of=AS_OF)
    text = build_document(figures).toPlainText()
    assert [word for word in school.texts_that_identify() if word in text] == []
    assert "8\nstudents served" in text
