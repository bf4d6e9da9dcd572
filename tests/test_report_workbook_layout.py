"""The report workbook's shape: a table on every sheet, native charts, two levels."""

from __future__ import annotations

import pytest

from reports.figures import TEAM
from reports.workbook import save_report_workbook
from tests.report_samples import sample_figures
from tests.workbook_checks import assert_every_sheet_has_a_table, assert_no_formulas, reopen


@pytest.fixture(scope="module")
def admin(tmp_path_factory):
    folder = tmp_path_factory.mktemp("layout")
    return reopen(save_report_workbook(sample_figures(), folder / "report.xlsx"))


@pytest.fixture(scope="module")
def team(tmp_path_factory):
    folder = tmp_path_factory.mktemp("layout")
    return reopen(save_report_workbook(sample_figures(TEAM), folder / "team.xlsx"))


def test_every_sheet_holds_a_formatted_table_and_the_summary_has_native_charts(admin, team):
    assert admin.sheetnames[0] == "Summary" and "Definitions" in admin.sheetnames
    assert_every_sheet_has_a_table(admin)
    assert_no_formulas(admin)
    # Administrators: a tier is hidden in this program, so no tier chart (it would draw the
    # hidden count); the month-by-month lines only. The program team gets all three.
    assert len(admin["Summary"]._charts) == 2
    assert len(team["Summary"]._charts) == 3
    for sheet in admin.worksheets:
        assert sheet.freeze_panes == "A5"
        assert sheet.page_setup.fitToWidth == 1
        assert sheet.print_title_rows == "$4:$4"


def test_the_summary_sets_each_effect_beside_similar_students(admin):
    rows = {row[0].value: row for row in admin["Summary"].iter_rows(min_row=5, max_col=4)}
    assert [cell.value for cell in admin["Summary"][4][:4]] == [
        "Figure", "Mentees", "Similar students", "What it says"]
    improved = rows["Share who improved their attendance"]
    assert improved[2].value == pytest.approx(0.41) and improved[2].number_format == "0.0%"
    assert "similar students" in improved[3].value.lower()
    gained = rows["School days gained per 100 days enrolled"]
    assert (gained[1].value, gained[2].value) == (pytest.approx(4.4), pytest.approx(1.2))
    beyond = rows["School days gained beyond similar students"]
    assert beyond[1].value == pytest.approx(152.4 - 42.0)
    assert "1,000 redraws, seed 20240901" in beyond[3].value


def test_administrators_get_no_per_student_or_per_mentor_sheet_and_no_free_text(admin):
    assert "Students" not in admin.sheetnames
    assert "By mentor" not in admin.sheetnames
    texts = {str(cell.value) for sheet in admin.worksheets for row in sheet.iter_rows()
             for cell in row if cell.value is not None}
    assert not any("=Check-in" in text or "attendance June" in text for text in texts)


def test_the_program_team_gets_mentors_students_and_titles(team):
    assert {"By mentor", "Students"} <= set(team.sheetnames)
    assert_every_sheet_has_a_table(team)
    assert_no_formulas(team)
    titles = [row[2].value for row in team["Trainings"].iter_rows(min_row=5)]
    assert "'=Check-in" in titles


def test_headers_read_as_headers_and_long_text_gets_room(admin):
    for sheet in admin.worksheets:
        for cell in sheet[4]:
            if cell.value is None:
                continue
            # Styled in the cell, not only by the table style LibreOffice ignores.
            assert cell.font.b and cell.fill.fgColor.rgb.endswith("1F5F99"), sheet.title
    grade = admin["By grade"]
    assert grade["B4"].alignment.horizontal == "right"  # "Mentees" sits over its numbers
    definitions = admin["Definitions"]
    long_rows = [cell.row for cell in definitions["B"][4:] if len(str(cell.value or "")) > 120]
    assert long_rows and all(definitions.row_dimensions[row].height >= 30 for row in long_rows)
    summary = admin["Summary"]
    assert summary["B5"].font.sz >= 14  # the headline figures in large type


def test_charts_draw_straight_month_lines_and_name_the_last_day(team):
    bar, line, chronic = team["Summary"]._charts
    for chart in (line, chronic):
        assert [series.smooth for series in chart.series] == [False, False]
        assert all(series.marker.symbol for series in chart.series)
    assert all(series.cat.strRef is not None for series in bar.series + line.series)
    assert bar.x_axis.scaling.orientation == "maxMin"  # "At match start" on top
    # A whole year's second bar is the year's end; a year so far names its day.
    assert team["Tiers"]["C4"].value == "At year end"
