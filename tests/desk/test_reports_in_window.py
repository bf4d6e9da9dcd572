"""Reports in the main window on the demo school, as a facilitator reaches it: Ctrl+6, choose
the period and who it is for, see the preview, save it as PDF and as Excel. The figures and the
files are made off the UI thread."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QFileDialog

from tests.conftest import DEMO_TODAY
from tests.workbook_checks import assert_every_sheet_has_a_table, reopen
from tests.xlsx_structure import structural_problems


@pytest.fixture
def threads(monkeypatch):
    """Which thread made the figures and wrote each file."""
    import reports.end_of_year
    import reports.figures
    import reports.workbook

    seen: dict[str, list[threading.Thread]] = {}
    for module, name in ((reports.figures, "compute_figures"),
                         (reports.workbook, "save_report_workbook"),
                         (reports.end_of_year, "save_report_pdf")):
        original = getattr(module, name)

        def recording(*args, _original=original, _name=name, **kwargs):
            seen.setdefault(_name, []).append(threading.current_thread())
            return _original(*args, **kwargs)

        monkeypatch.setattr(module, name, recording)
    return seen


def test_the_report_is_previewed_chosen_and_saved_from_the_window(
        qtbot, window, tmp_path, frozen_clock, monkeypatch, threads):
    frozen_clock.freeze(DEMO_TODAY)
    screen = window.screens["reports"]
    with qtbot.waitSignal(screen.report_ready, timeout=60000):
        qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    assert window.current_screen() is screen
    assert screen.figures.period.as_of == DEMO_TODAY and screen.figures.students_served > 0
    # The preview shows the report's pages.
    qtbot.waitUntil(lambda: screen.preview.pageCount() >= 5, timeout=30000)
    assert "meetings held" in screen.summary.text()

    # For the program team, from 1 October.
    with qtbot.waitSignal(screen.report_ready, timeout=60000):
        screen.level.setCurrentIndex(screen.level.findData("team"))
    qtbot.mouseClick(screen.date_range, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(screen.report_ready, timeout=60000):
        screen.start_date.setDate(QDate(2026, 10, 1))
    figures = screen.figures
    assert figures.for_team and figures.period.start == dt.date(2026, 10, 1)
    assert figures.students

    pdf, workbook = tmp_path / "team report", tmp_path / "team report.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *args, **kwargs: (str(pdf), "")))
    with qtbot.waitSignal(screen.saved, timeout=60000) as saved:
        qtbot.mouseClick(screen.pdf_button, Qt.MouseButton.LeftButton)
    assert saved.args == [str(pdf) + ".pdf"]
    assert (tmp_path / "team report.pdf").read_bytes().startswith(b"%PDF")

    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *args, **kwargs: (str(workbook), "")))
    with qtbot.waitSignal(screen.saved, timeout=60000):
        qtbot.mouseClick(screen.excel_button, Qt.MouseButton.LeftButton)
    assert structural_problems(workbook) == []
    book = reopen(workbook)
    assert_every_sheet_has_a_table(book)
    assert {"Students", "By mentor"} <= set(book.sheetnames)
    assert book["Summary"]["B5"].value == figures.students_served

    # Every figure and file was made off the UI thread.
    main = threading.main_thread()
    assert set(threads) == {"compute_figures", "save_report_pdf", "save_report_workbook"}
    assert all(thread is not main for made in threads.values() for thread in made)
