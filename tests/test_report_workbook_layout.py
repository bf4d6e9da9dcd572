"""The report workbook's shape: a table on every sheet, native charts, two levels."""

from __future__ import annotations

from reports.figures import TEAM
from reports.workbook import save_report_workbook
from tests.report_samples import sample_figures
from tests.workbook_checks import assert_every_sheet_has_a_table, assert_no_formulas, reopen


def test_every_sheet_holds_a_formatted_table_and_the_summary_has_native_charts(tmp_path):
    workbook = reopen(save_report_workbook(sample_figures(), tmp_path / "report.xlsx"))
    assert workbook.sheetnames[0] == "Summary" and "Definitions" in workbook.sheetnames
    assert_every_sheet_has_a_table(workbook)
    assert_no_formulas(workbook)
    summary = workbook["Summary"]
    assert len(summary._charts) == 2
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes == "A5"
        assert sheet.page_setup.fitToWidth == 1
        assert sheet.print_title_rows == "$4:$4"


def test_headline_figures_are_numbers_with_number_formats(tmp_path):
    sheet = reopen(save_report_workbook(sample_figures(), tmp_path / "report.xlsx"))["Summary"]
    values = {row[0].value: row[1] for row in sheet.iter_rows(min_row=5, max_col=2)}
    assert values["Students served"].value == 34
    improved = values["Share of mentees whose attendance improved"]
    assert abs(improved.value - 19 / 31) < 1e-9 and improved.number_format == "0.0%"


def test_administrators_get_no_per_student_or_per_mentor_sheet_and_no_free_text(tmp_path):
    workbook = reopen(save_report_workbook(sample_figures(), tmp_path / "report.xlsx"))
    assert "Students" not in workbook.sheetnames
    assert "By mentor" not in workbook.sheetnames
    texts = {str(cell.value) for sheet in workbook.worksheets for row in sheet.iter_rows()
             for cell in row if cell.value is not None}
    assert not any("Check-in" in text or "attendance June" in text for text in texts)


def test_the_program_team_gets_mentors_students_and_titles(tmp_path):
    workbook = reopen(save_report_workbook(sample_figures(TEAM), tmp_path / "team.xlsx"))
    assert {"By mentor", "Students"} <= set(workbook.sheetnames)
    assert_every_sheet_has_a_table(workbook)
    assert_no_formulas(workbook)
    titles = [row[2].value for row in workbook["Trainings"].iter_rows(min_row=5)]
    assert "'=Check-in" in titles


def test_headers_read_as_headers_and_long_text_gets_room(tmp_path):
    workbook = reopen(save_report_workbook(sample_figures(), tmp_path / "report.xlsx"))
    for sheet in workbook.worksheets:
        for cell in sheet[4]:
            if cell.value is None:
                continue
            # Styled in the cell, not only by the table style LibreOffice ignores.
            assert cell.font.b and cell.fill.fgColor.rgb.endswith("1F5F99"), sheet.title
    grade = workbook["By grade"]
    assert grade["B4"].alignment.horizontal == "right"  # "Mentees" sits over its numbers
    definitions = workbook["Definitions"]
    long_rows = [cell.row for cell in definitions["B"][4:] if len(str(cell.value or "")) > 120]
    assert long_rows and all(definitions.row_dimensions[row].height >= 30 for row in long_rows)
    summary = workbook["Summary"]
    assert summary["B5"].font.sz >= 14  # the headline figures in large type


def test_charts_draw_straight_month_lines_and_name_the_last_day(tmp_path):
    workbook = reopen(save_report_workbook(sample_figures(), tmp_path / "report.xlsx"))
    bar, line = workbook["Summary"]._charts
    assert [series.smooth for series in line.series] == [False, False]
    assert all(series.marker.symbol for series in line.series)
    assert all(series.cat.strRef is not None for series in bar.series + line.series)
    assert bar.x_axis.scaling.orientation == "maxMin"  # "At match start" on top
    # A whole year's second bar is the year's end; a year so far names its day.
    assert workbook["Tiers"]["C4"].value == "At year end"
