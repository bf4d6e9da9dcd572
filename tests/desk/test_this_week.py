"""This week on the real window, over tests/week_fixture.py's school as of Wed 19 Nov 2025:
every list with its count, rows that open their student or mentor, closing the match of a
student who left in one click, and the weekly notes (print, copy, email draft)."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices, QGuiApplication

from analysis.week import LIST_NAMES, this_week
from storage import matches
from tests.desk.conftest import open_window, wait_loaded
from tests.desk.helpers import when_dialog_opens
from tests.week_fixture import DAY

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def week_window(qtbot, school_file, window_data_dir, frozen_clock):
    frozen_clock.freeze(dt.datetime.combine(DAY, dt.time(8, 0)))
    path, ids = school_file
    main = open_window(qtbot, path)
    yield main, ids
    main.close()


def heading(window, name: str) -> str:
    return window.screens["this_week"].lists[name].heading.text()


def test_the_window_opens_on_this_week_with_each_list_and_its_count(week_window):
    window, _ = week_window
    screen = window.screens["this_week"]
    assert window.stack.currentWidget() is screen
    assert window.navigation.current_key() == "this_week"
    week = this_week(window.desk.db, DAY)
    for name in LIST_NAMES:
        section = screen.lists[name]
        assert section.model.rowCount() == len(getattr(week, name)) > 0
        assert section.heading.text().endswith(f"({len(getattr(week, name))})")
        assert section.table.isVisible() and not section.calm.isVisible()
    assert heading(window, "absent_this_week") == "Mentees absent this week (2)"
    absent = screen.lists["absent_this_week"]
    assert [absent.proxy.row_at(r)["student"] for r in range(2)] == ["Fay Tate", "Ada Zane"]
    assert absent.proxy.row_at(1)["dates"] == "Mon 17 Nov and Wed 19 Nov"
    assert "Mon 17 Nov 2025 to Wed 19 Nov 2025 · 2025-2026" in screen.when.text()


def test_an_empty_list_says_plainly_that_all_is_well(qtbot, school_file, window_data_dir,
                                                     frozen_clock):
    # Wednesday 3 Sep, the second day of the year: nobody is overdue, absent or flagged yet.
    frozen_clock.freeze(dt.datetime(2025, 9, 3, 8, 0))
    window = open_window(qtbot, school_file[0])
    overdue = window.screens["this_week"].lists["overdue_matches"]
    assert overdue.heading.text() == "Matches overdue for a meeting (0)"
    assert overdue.calm.isVisible() and not overdue.table.isVisible()
    assert overdue.calm.text() == "All is well: every open match has met recently."
    window.close()


def test_rows_open_their_student_or_mentor_by_mouse_and_keyboard(qtbot, week_window):
    window, ids = week_window
    screen = window.screens["this_week"]
    absent = screen.lists["absent_this_week"].table
    rect = absent.visualRect(absent.model().index(1, 0))
    qtbot.mouseClick(absent.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert absent.currentIndex().row() == 1
    # A double-click (offscreen Qt's QTest sends no usable one: the view's own signal).
    absent.doubleClicked.emit(absent.currentIndex())
    students = window.screens["students"]
    assert window.stack.currentWidget() is students
    qtbot.waitUntil(lambda: students.current_student_id() == ids.students["ada"])
    window.show_screen("this_week")
    missed = screen.lists["missed_required_training"].table
    missed.setFocus()
    missed.setCurrentIndex(missed.model().index(0, 0))
    qtbot.keyClick(missed, Qt.Key.Key_Return)
    mentors = window.screens["mentors"]
    assert window.stack.currentWidget() is mentors
    qtbot.waitUntil(lambda: mentors.current_id() == ids.mentors["ana"])


def test_a_student_who_left_has_their_match_closed_in_one_click(qtbot, week_window):
    window, ids = week_window
    screen = window.screens["this_week"]
    left = screen.lists["left_school_still_matched"]
    button = left.table.indexWidget(left.proxy.index(0, 3))
    assert button.text() == "Close: student moved"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    record = matches.match(window.desk.db, ids.matches["eve"])
    # Eve's exit date is Mon 17 Nov: her last school day, Fri 14 Nov, ends the match.
    assert (record["ended_on"], record["closure_reason"]) == ("2025-11-14", "student_moved")
    wait_loaded(qtbot, screen)
    assert heading(window, "left_school_still_matched").endswith("(0)")
    assert left.calm.isVisible()
    # Ana now has one open match: no longer over her capacity of one.
    assert heading(window, "over_capacity").endswith("(0)")
    assert "Closed the match of Eve Vance" in window.statusBar().currentMessage()
    window.undo_action.trigger()
    assert matches.match(window.desk.db, ids.matches["eve"])["ended_on"] is None


def test_the_weekly_note_prints_copies_and_opens_an_email_draft(qtbot, week_window, tmp_path,
                                                                monkeypatch):
    from PySide6.QtPrintSupport import QPrinter

    import ui.printing as printing
    from ui.dialogs.mentor_note import MentorNoteDialog

    window, ids = week_window
    screen = window.screens["this_week"]
    # A row of Ben's chosen: the notes open on Ben.
    not_cleared = screen.lists["not_cleared"].table
    not_cleared.setFocus()
    not_cleared.setCurrentIndex(not_cleared.model().index(0, 0))
    opened_urls, printed, done = [], [], []
    monkeypatch.setattr(QDesktopServices, "openUrl",
                        staticmethod(lambda url: opened_urls.append(url.toString()) or True))
    pdf = tmp_path / "note.pdf"

    def to_file(parent, document, decor, **kwargs):
        printer = QPrinter()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(pdf))
        printed.append(document.toPlainText())
        from reports.pdf import render

        return printing.print_pages(parent, lambda device: render(document, device, decor),
                                    printer=printer)

    monkeypatch.setattr(printing, "print_document", to_file)

    def use(dialog: MentorNoteDialog) -> None:
        qtbot.waitUntil(lambda: dialog.note is not None and dialog.copy_button.isEnabled())
        assert dialog.mentor.currentText() == "Ben Ortiz"
        assert "Bea Young" in dialog.view.toPlainText()
        assert "Ada Zane" not in dialog.view.toPlainText()
        qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
        assert QGuiApplication.clipboard().text().startswith("Weekly mentoring note for Ben")
        qtbot.mouseClick(dialog.email_button, Qt.MouseButton.LeftButton)
        dialog.mentor.setCurrentIndex(dialog.mentor.findText("Ana Reyes"))
        qtbot.waitUntil(lambda: dialog.note is not None and dialog.note.mentor_name ==
                        "Ana Reyes" and dialog.print_button.isEnabled())
        qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
        done.append(dialog.status.text())
        dialog.reject()

    seen = when_dialog_opens(MentorNoteDialog, use)
    qtbot.mouseClick(screen.notes_button, Qt.MouseButton.LeftButton)
    assert seen
    (url,) = opened_urls
    parts = urlsplit(url)
    assert (parts.scheme, parts.path) == ("mailto", "bortiz@hillview.example.org")
    body = parse_qs(parts.query)["body"][0]
    assert "Bea Young" in body and "Fay Tate" in body and "Ada Zane" not in body
    assert printed and "Ada Zane" in printed[0] and "Bea Young" not in printed[0]
    assert pdf.read_bytes().startswith(b"%PDF")
    assert done == ["Sent Ana Reyes's note to the printer."]
