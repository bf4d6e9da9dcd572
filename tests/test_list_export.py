"""Exporting an on-screen list to Excel: safe, formatted, printable, written atomically."""

from __future__ import annotations

import datetime as dt

import pytest

from reports.list_export import export_table
from reports.saving import CannotSave, write_atomically
from tests.workbook_checks import assert_every_sheet_has_a_table, assert_no_formulas, reopen

HEADERS = ["Name", "ID", "Grade", "Absence rate", "Last meeting", "Notes"]


def sample_rows():
    return [
        ["=HYPERLINK(\"http://evil.example\",\"click\")", "000123", 7, 0.125,
         dt.date(2026, 1, 5), "+1 call home"],
        ["Ruiz, Ana", "-2", 8, None, None, "@SUM(A1:A3)"],
        ["Lee, Sam", "000777", 6, 0.05, dt.date(2026, 2, 9), "likes chess\nand soccer"],
    ]


def test_exported_list_is_one_table_with_header_filters_and_frozen_header(tmp_path):
    path = export_table(tmp_path / "students.xlsx", "Students", HEADERS, sample_rows(),
                        {"Absence rate": "percent"}, school_name="Eastside Middle School")
    workbook = reopen(path)
    assert workbook.sheetnames == ["Students"]
    sheet = workbook["Students"]
    assert_every_sheet_has_a_table(workbook)
    (table,) = sheet.tables.values()
    assert table.ref == "A4:F7"
    assert table.tableStyleInfo.name
    assert sheet.freeze_panes == "A5"
    assert sheet["A1"].value == "Students"
    assert "Eastside Middle School" in sheet["A2"].value


def test_user_text_never_becomes_a_formula(tmp_path):
    path = export_table(tmp_path / "students.xlsx", "Students", HEADERS, sample_rows())
    workbook = reopen(path)
    assert_no_formulas(workbook)
    sheet = workbook.active
    assert sheet["A5"].value == "'=HYPERLINK(\"http://evil.example\",\"click\")"
    assert sheet["B6"].value == "'-2"
    assert sheet["F6"].value == "'@SUM(A1:A3)"
    # IDs keep their leading zeros: they are text.
    assert sheet["B5"].value == "000123"


def test_columns_get_number_percent_and_date_formats(tmp_path):
    path = export_table(tmp_path / "students.xlsx", "Students", HEADERS, sample_rows(),
                        {"Absence rate": "percent"})
    sheet = reopen(path).active
    assert sheet["C5"].number_format == "#,##0"
    assert sheet["D5"].number_format == "0.0%"
    assert sheet["D5"].value == pytest.approx(0.125)
    assert sheet["E5"].is_date and sheet["E5"].number_format == "d mmm yyyy"
    assert sheet.column_dimensions["A"].width > sheet.column_dimensions["C"].width


def test_sheet_prints_one_page_wide_with_the_header_on_every_page(tmp_path):
    path = export_table(tmp_path / "students.xlsx", "Students", HEADERS, sample_rows())
    sheet = reopen(path).active
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.page_setup.fitToWidth == 1
    assert sheet.page_setup.fitToHeight == 0
    assert sheet.print_title_rows == "$4:$4"
    assert "&P" in sheet.oddFooter.center.text


def test_a_wide_list_prints_landscape_and_a_narrow_one_portrait(tmp_path):
    wide = export_table(tmp_path / "wide.xlsx", "Wide", [f"Column heading {n}" for n in range(12)],
                        [["x" * 20] * 12])
    narrow = export_table(tmp_path / "narrow.xlsx", "Narrow", ["Name", "Grade"], [["Ana", 6]])
    assert reopen(wide).active.page_setup.orientation == "landscape"
    assert reopen(narrow).active.page_setup.orientation == "portrait"


def test_an_empty_list_still_makes_a_valid_table(tmp_path):
    path = export_table(tmp_path / "none.xlsx", "Students", HEADERS, [])
    workbook = reopen(path)
    assert_every_sheet_has_a_table(workbook)
    assert workbook.active["A5"].value == "(none)"


def test_blank_and_repeated_headers_are_made_unique(tmp_path):
    path = export_table(tmp_path / "odd.xlsx", "Odd: list/[1]", ["Name", "", "name", "=x"],
                        [["a", "b", "c", "d"]])
    workbook = reopen(path)
    assert_every_sheet_has_a_table(workbook)
    assert_no_formulas(workbook)
    assert workbook.sheetnames == ["Odd  list  1"]


def test_a_failed_export_leaves_the_previous_file_untouched(tmp_path):
    target = tmp_path / "report.xlsx"
    target.write_bytes(b"the old report")

    def broken(temporary):
        temporary.write_bytes(b"half")
        raise OSError(28, "No space left on device")

    with pytest.raises(CannotSave, match="disk is not full"):
        write_atomically(target, broken)
    assert target.read_bytes() == b"the old report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.xlsx"]


def test_exporting_into_a_missing_folder_is_refused_in_plain_words(tmp_path):
    with pytest.raises(CannotSave, match="does not exist"):
        export_table(tmp_path / "nowhere" / "x.xlsx", "Students", HEADERS, [])
