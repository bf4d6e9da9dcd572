"""The Reports screen, driven as a facilitator would: preview, period, level, print, save."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog

from storage.database import open_data_file
from tests.report_fixture import AS_OF, build_small_school
from tests.workbook_checks import assert_every_sheet_has_a_table, assert_no_formulas, reopen


@pytest.fixture
def screen(qtbot, data_file, monkeypatch, frozen_clock):
    from ui.desk import Desk
    from ui.screens.reports import ReportsScreen

    build_small_school(data_file.db)
    frozen_clock.freeze(AS_OF)
    desk = Desk()
    desk.set_data(open_data_file(data_file.path, write=False))
    view = ReportsScreen(desk)
    qtbot.addWidget(view)
    view.resize(1100, 800)
    with qtbot.waitSignal(view.report_ready, timeout=30000):
        view.show()
    yield view
    desk.set_data(None)


def save_as(monkeypatch, path):
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *args, **kwargs: (str(path), "")))


def test_opening_the_screen_makes_the_report_of_the_year_so_far(screen):
    assert screen.figures.students_served == 8
    assert screen.figures.period.as_of == AS_OF
    assert "8 students served" in screen.summary.text()
    assert "14 meetings held" in screen.summary.text()
    # For administrators, as their report prints it.
    assert "fewer than 5 left chronic absence" in screen.summary.text()
    assert screen.document is not None and screen.print_button.isEnabled()
    assert not screen.start_date.isEnabled()


def test_choosing_the_program_team_remakes_the_report_with_mentors(qtbot, screen):
    with qtbot.waitSignal(screen.report_ready, timeout=30000):
        screen.level.setCurrentIndex(screen.level.findData("team"))
    assert screen.figures.for_team and screen.figures.by_mentor is not None


def test_a_date_range_reports_only_what_happened_in_it(qtbot, screen):
    qtbot.mouseClick(screen.date_range, Qt.MouseButton.LeftButton)
    assert screen.start_date.isEnabled()
    with qtbot.waitSignal(screen.report_ready, timeout=30000):
        screen.start_date.setDate(QDate(2025, 10, 7))
    assert screen.figures.period.start == dt.date(2025, 10, 7)
    assert screen.figures.meetings_held == 7  # the lunch group of two is one meeting
    assert screen.figures.mentee_meetings_held == 8


def test_a_first_day_after_the_last_is_explained_not_run(qtbot, screen):
    screen.date_range.setChecked(True)
    screen.end_date.setDate(QDate(2025, 9, 10))
    screen.start_date.setDate(QDate(2025, 10, 1))
    screen.make_report()
    assert "first day is after the last day" in screen.problem.text()
    assert not screen.busy


def test_save_as_excel_writes_the_workbook_in_the_background(qtbot, screen, monkeypatch,
                                                             tmp_path):
    target = tmp_path / "report.xlsx"
    save_as(monkeypatch, target)
    with qtbot.waitSignal(screen.saved, timeout=30000) as saved:
        qtbot.mouseClick(screen.excel_button, Qt.MouseButton.LeftButton)
    assert saved.args == [str(target)]
    workbook = reopen(target)
    assert_every_sheet_has_a_table(workbook)
    assert_no_formulas(workbook)
    assert workbook["Summary"]["B5"].value == 8


def test_save_as_pdf_adds_the_ending_and_writes_the_pages(qtbot, screen, monkeypatch, tmp_path):
    save_as(monkeypatch, tmp_path / "report")
    with qtbot.waitSignal(screen.saved, timeout=30000) as saved:
        screen.save_pdf()
    assert saved.args == [str(tmp_path / "report.pdf")]
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")


def test_cancelling_the_save_dialog_writes_nothing(screen, monkeypatch, tmp_path):
    before = set(tmp_path.iterdir())
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *args, **kwargs: ("", "")))
    assert screen.save_excel() is None and screen.save_pdf() is None
    assert set(tmp_path.iterdir()) == before


def test_printing_sends_every_page_to_the_printer(screen, tmp_path):
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert screen.print_report(printer)
    assert (tmp_path / "printed.pdf").read_bytes().startswith(b"%PDF")


def test_the_mentor_roster_prints_and_saves(qtbot, screen, monkeypatch, tmp_path):
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "roster-printed.pdf"))
    assert screen.print_roster(printer)
    save_as(monkeypatch, tmp_path / "roster.xlsx")
    with qtbot.waitSignal(screen.saved, timeout=30000):
        screen.save_roster_excel()
    rows = [[cell.value for cell in row] for row in reopen(tmp_path / "roster.xlsx")
            .active.iter_rows(min_row=5)]
    assert rows[0][:2] == ["Santino Abernethy", "Paraprofessional"]
    assert [row[5] for row in rows if row[0] == "Marisol Wetherby"] == [
        "'=HYPERLINK(\"http://evil.example\",\"click\") Adeyemi-Fairweather",
        "'+1 Beatrix Brightwater"]
