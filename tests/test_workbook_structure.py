"""Every workbook MentorDesk writes opens in Excel without a repair prompt: the structural rules
of tests/xlsx_structure.py hold for the report (both levels), list exports and the roster."""

from __future__ import annotations

import datetime as dt
import re
import zipfile

import pytest
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.worksheet.table import Table

from reports.figures import ADMINISTRATORS, TEAM, compute_figures
from reports.list_export import export_table
from reports.roster import export_roster, mentor_roster
from reports.workbook import save_report_workbook
from storage import years
from storage.database import open_data_file
from tests.conftest import DEMO_TODAY
from tests.workbook_checks import assert_every_sheet_has_a_table, reopen
from tests.xlsx_structure import structural_problems


@pytest.mark.parametrize("level", [ADMINISTRATORS, TEAM])
def test_the_demo_schools_report_workbook_breaks_no_excel_rule(demo_copy, tmp_path, level):
    with open_data_file(demo_copy, write=False) as data:
        year = years.current_year(data.db)
        figures = compute_figures(data.db, year["id"], as_of=DEMO_TODAY, level=level)
        # A range inside the year too: its tables are shorter.
        ranged = compute_figures(data.db, year["id"], as_of=DEMO_TODAY,
                                 period_start=dt.date(2026, 10, 1), level=level)
    for name, chosen in (("year", figures), ("range", ranged)):
        path = save_report_workbook(chosen, tmp_path / f"{level}-{name}.xlsx")
        assert structural_problems(path) == []
        workbook = reopen(path)
        assert_every_sheet_has_a_table(workbook)
        assert all(len(sheet.title) <= 31 for sheet in workbook.worksheets)


def test_list_exports_and_the_roster_break_no_excel_rule(demo_copy, tmp_path):
    with open_data_file(demo_copy, write=False) as data:
        year = years.current_year(data.db)
        roster = mentor_roster(data.db, year["id"], as_of=DEMO_TODAY)
    paths = [
        export_roster(roster, tmp_path / "roster.xlsx"),
        # A title longer than a sheet name may be, with characters sheet names refuse.
        export_table(tmp_path / "list.xlsx", "Students: grade 7 [unmatched] / at risk? * yes",
                     ["Name", "Name", "", "Absence rate"],
                     [["=cmd", "A", "x", 0.12], ["Zoe", "B", None, None]],
                     {3: "percent"}),
        export_table(tmp_path / "empty.xlsx", "Meetings", ["Date", "Student"], []),
    ]
    for path in paths:
        assert structural_problems(path) == [], path.name
        assert_every_sheet_has_a_table(reopen(path))


def _rewrite(path, target, change):
    """Copy the workbook with one part's XML text changed."""
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w") as copy:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename in change:
                data = change[item.filename](data.decode()).encode()
            copy.writestr(item, data)
    return target


def test_the_checks_catch_what_excel_would_repair(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Students"
    for row in (["Name", "Grade"], ["Ana", 7], ["Ben", 8]):
        sheet.append(row)
    sheet.add_table(Table(displayName="tbl_Students", ref="A1:B3"))
    good = tmp_path / "good.xlsx"
    workbook.save(good)
    assert structural_problems(good) == []

    def broken(name, **change):
        return structural_problems(_rewrite(good, tmp_path / f"{name}.xlsx", change))

    assert any("not allowed" in p for p in broken(
        "sheet", **{"xl/workbook.xml": lambda x: x.replace('name="Students"',
                                                           'name="Students/2025"')}))
    assert any("not allowed" in p for p in broken(
        "cellname", **{"xl/tables/table1.xml": lambda x: x.replace('"tbl_Students"', '"AB12"')}))
    assert any("columns for a range" in p for p in broken(
        "width", **{"xl/tables/table1.xml": lambda x: x.replace('ref="A1:B3"', 'ref="A1:C3"')}))
    assert any("sits over" in p for p in broken(
        "header", **{"xl/tables/table1.xml": lambda x: x.replace('name="Grade"',
                                                                 'name="Year"')}))
    # Two tables on one sheet over the same cells, with the same name.
    workbook = Workbook()
    sheet = workbook.active
    for row in (["Name", "Grade"], ["Ana", 7]):
        sheet.append(row)
    sheet.add_table(Table(displayName="One", ref="A1:B2"))
    sheet.add_table(Table(displayName="Two", ref="A1:B2"))
    twice = tmp_path / "twice.xlsx"
    workbook.save(twice)
    problems = structural_problems(_rewrite(twice, tmp_path / "twice2.xlsx", {
        "xl/tables/table2.xml": lambda x: x.replace('"Two"', '"One"')}))
    assert any("overlap" in p for p in problems)
    assert any("used twice" in p for p in problems)


def test_the_checks_catch_a_chart_without_a_title_or_data(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Tiers"
    for row in (["Tier", "Mentees"], ["Severe", 3], ["Moderate", 5]):
        sheet.append(row)
    sheet.add_table(Table(displayName="tbl_Tiers", ref="A1:B3"))
    chart = BarChart()
    chart.title = "Tiers"
    chart.add_data(Reference(sheet, min_col=2, min_row=1, max_row=3), titles_from_data=True)
    sheet.add_chart(chart, "D2")
    path = tmp_path / "chart.xlsx"
    workbook.save(path)
    assert structural_problems(path) == []
    moved = _rewrite(path, tmp_path / "moved.xlsx", {
        "xl/charts/chart1.xml": lambda x: x.replace("$B$2:$B$3", "$F$2:$F$3")})
    assert any("empty cells" in p for p in structural_problems(moved))
    gone = _rewrite(path, tmp_path / "gone.xlsx", {
        "xl/charts/chart1.xml": lambda x: x.replace("'Tiers'!", "'Levels'!")})
    assert any("points at" in p for p in structural_problems(gone))
    untitled = _rewrite(path, tmp_path / "untitled.xlsx", {
        "xl/charts/chart1.xml": lambda x: re.sub(r"<title>.*?</title>", "", x, count=1)})
    assert any("no title" in p for p in structural_problems(untitled))
