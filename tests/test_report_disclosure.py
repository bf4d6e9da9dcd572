"""Suppression that holds against an attacker: on many made-up small schools, a reader of the
saved administrators' workbook (read back from the file) who knows the simple facts and solves
for the hidden cells as an integer program (scipy.optimize.milp) pins nothing down, and every
"fewer than 5" stays free to be any of 0 to 4 (1 to 4 for a listed group)."""

from __future__ import annotations

import pytest

from reports.disclosure import BELOW_THRESHOLD
from reports.figures import TEAM, compute_figures
from reports.workbook import save_report_workbook
from tests.small_schools import AS_OF, make_school
from tests.suppression_attacker import attack
from tests.workbook_checks import reopen
from tests.workbook_reading import figures_printed_twice, read_admin_workbook

SMALL, HIDDEN = "fewer than 5", "not shown"


def admin_workbook(data_file, tmp_path, seed: int, **kwargs):
    year_id = make_school(data_file.db, seed, **kwargs)
    figures = compute_figures(data_file.db, year_id, as_of=AS_OF)
    return figures, save_report_workbook(figures, tmp_path / "report.xlsx")


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(16))
def test_an_attacker_reading_the_saved_workbook_works_out_nothing(data_file, tmp_path, seed):
    figures, path = admin_workbook(data_file, tmp_path, seed)
    reading = read_admin_workbook(path)
    assert attack(reading) == []
    # Every count of 1 to 4 printed anywhere reads "fewer than 5".
    assert all(value not in (1, 2, 3, 4) for value in reading.shown.values())
    # A figure printed twice reads the same in both places (shown, or hidden, in both).
    for what, on_summary, on_comparison in figures_printed_twice(path):
        assert on_summary == on_comparison, what


def test_groups_of_exactly_4_and_5(data_file, tmp_path):
    _, path = admin_workbook(data_file, tmp_path, 101, grades={6: 4, 7: 5, 8: 12})
    by_grade = {row[0].value: row[1].value for row in reopen(path)["By grade"].iter_rows(
        min_row=5)}
    assert by_grade["Grade 6"] == SMALL  # 4 is fewer than 5
    assert by_grade["Grade 7"] in (5, HIDDEN)  # 5 is not
    assert attack(read_admin_workbook(path)) == []


def test_a_program_of_four_mentees_shows_no_counts_and_says_why(data_file, tmp_path):
    figures, path = admin_workbook(data_file, tmp_path, 7, grades={6: 2, 7: 2})
    assert figures.below_threshold
    workbook = reopen(path)
    summary_notes = [cell.value for row in workbook["Summary"].iter_rows()
                     for cell in row if isinstance(cell.value, str)]
    assert BELOW_THRESHOLD in summary_notes
    program = {row[0].value: row[1].value for row in workbook["Program"].iter_rows(min_row=5)}
    assert program["Students matched with a mentor"] == SMALL
    assert program["Students enrolled"] == figures.students_enrolled  # the school's, shown
    assert all(value in (SMALL, HIDDEN) for label, value in program.items()
               if label and label.startswith("Students") and label != "Students enrolled")
    (table,) = workbook["By grade"].tables.values()
    grades = [row[0].value for row in workbook["By grade"][table.ref][1:]]
    assert grades == ["Total"]  # no grade listed
    assert attack(read_admin_workbook(path)) == []


def test_the_program_team_level_shows_every_figure(data_file, tmp_path):
    year_id = make_school(data_file.db, 3, grades={6: 3, 7: 9})
    figures = compute_figures(data_file.db, year_id, as_of=AS_OF, level=TEAM)
    workbook = reopen(save_report_workbook(figures, tmp_path / "team.xlsx"))
    by_grade = {row[0].value: row[1].value for row in workbook["By grade"].iter_rows(min_row=5)}
    assert by_grade["Grade 6"] == 3 and by_grade["Grade 7"] == 9 and by_grade["Total"] == 12
    words = {cell.value for sheet in workbook.worksheets if sheet.title != "Definitions"
             for row in sheet.iter_rows(min_row=5) for cell in row}
    assert SMALL not in words and HIDDEN not in words


def test_the_pdf_prints_each_count_as_the_workbook_does(data_file, tmp_path, qapp):
    from reports.end_of_year import build_document

    figures, path = admin_workbook(data_file, tmp_path, 1)
    reading = read_admin_workbook(path)
    text = build_document(figures).toPlainText()
    served = reading.shown[("served",)]
    assert f"{served}\nstudents served" in text
    assert f"matched with a mentor: {reading.shown[('matched',)]}" in text
