"""File > Print this list / Export this list, and a mentee's profile, from any screen."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog

from tests.workbook_checks import assert_every_sheet_has_a_table, assert_no_formulas, reopen

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

HEADERS = ["Name", "Grade", "Absence rate"]
ROWS = [["=cmd|' /C calc'!A0", "7", "12.5%"], ["Lee, Sam", "6", "3.0%"]]


def test_export_list_writes_the_rows_as_shown_after_asking_where(qtbot, monkeypatch, tmp_path):
    from ui.printing import export_list

    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *args, **kwargs: (str(tmp_path / "students"), "")))
    written = []
    path = export_list(None, "Students – grade 7", HEADERS, ROWS, written.append,
                       school_name="Small Test School")
    assert path == tmp_path / "students.xlsx"
    qtbot.waitUntil(lambda: bool(written), timeout=20000)
    workbook = reopen(written[0])
    assert_every_sheet_has_a_table(workbook)
    assert_no_formulas(workbook)
    assert workbook.active["A5"].value == "'=cmd|' /C calc'!A0"


def test_print_list_prints_a_titled_table(qapp, tmp_path):
    from ui.printing import print_list

    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "list.pdf"))
    assert print_list(None, "Students", HEADERS, ROWS, printer=printer)
    assert (tmp_path / "list.pdf").read_bytes().startswith(b"%PDF")


def test_a_mentees_profile_prints_from_the_students_page(qapp, data_file, tmp_path):
    from tests.report_fixture import build_small_school
    from ui.printing import print_profile, profile_pages

    school = build_small_school(data_file.db)
    profile, document, _ = profile_pages(data_file.db, school.student_ids["m3"], school.year_id,
                                         as_of=dt.date(2025, 10, 27))
    assert profile.mentor == "Thaddeus Yelverton"
    assert "Thaddeus Yelverton" in document.toPlainText()
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "profile.pdf"))
    assert print_profile(None, data_file.db, school.student_ids["m3"], school.year_id,
                         printer=printer)
    assert (tmp_path / "profile.pdf").read_bytes().startswith(b"%PDF")
