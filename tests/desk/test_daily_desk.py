"""The desk as a new user meets it: where the keyboard goes (a file opened, a dialog closed, an
import, the demo), typing in a list, Open recent and the way back from the demo, closing a match
with a reason chosen on purpose, nominations decided on the profile, Suggest all and screening,
Log a meeting's suggested day, and figures and values that fit."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog

from storage import matches, nominations
from tests.desk.conftest import open_window, wait_loaded
from tests.desk.helpers import when_dialog_opens
from tests.week_fixture import DAY
from ui.screens.base import select_row

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def focused(window):
    """The widget of the window that has (or, the window being inactive offscreen, will get)
    the keyboard."""
    widget = QApplication.focusWidget()
    if widget is not None and widget.window() is window:
        return widget
    return window.focusWidget()


# Where the keyboard goes -----------------------------------------------------------------------


def test_after_a_file_opens_the_keyboard_is_in_this_weeks_first_list(qtbot, demo_copy,
                                                                     window_data_dir):
    window = open_window(qtbot, demo_copy)
    qtbot.waitUntil(lambda: focused(window) is not None)
    overdue = window.screens["this_week"].lists["overdue_matches"].table
    qtbot.waitUntil(lambda: focused(window) is overdue)
    assert focused(window) is not window.year_combo
    # Typing there goes to the window's Find box, not to the year or the list.
    qtbot.keyClicks(overdue, "zim")
    assert window.search.text() == "zim" and focused(window) is window.search
    window.close()


def test_after_a_dialog_closes_the_keyboard_is_back_where_it_was(qtbot, window):
    from ui.dialogs.log_meeting import LogMeetingDialog

    screen = window.screens["students"]
    screen.table.setFocus()
    select_row(screen.table, 2)
    chosen = screen.current_student_id()
    seen = when_dialog_opens(LogMeetingDialog, lambda dialog: dialog.reject())
    qtbot.keyClick(window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert seen
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window
                    and focused(window) is screen.table)
    # Ctrl+F then reaches the Find box, and typing there leaves the chosen student alone.
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert focused(window) is window.search
    qtbot.keyClicks(window.search, "ada")
    assert screen.current_student_id() == chosen


def test_when_the_button_that_opened_a_dialog_is_gone_the_keyboard_goes_to_the_list(
        qtbot, window):
    from ui.dialogs.student_editor import StudentEditor

    screen = window.screens["students"]
    select_row(screen.table, 0)
    screen.detail.edit_button.setFocus()

    def close(dialog: StudentEditor) -> None:
        screen.detail.set_showing(False)  # the student's details (and the button) went away
        dialog.reject()

    seen = when_dialog_opens(StudentEditor, close)
    qtbot.mouseClick(screen.detail.edit_button, Qt.MouseButton.LeftButton)
    assert seen
    qtbot.waitUntil(lambda: focused(window) is screen.table)


def test_typing_in_a_list_filters_it_instead_of_jumping_to_another_student(qtbot, window):
    screen = window.screens["students"]
    select_row(screen.table, 0)
    first = screen.current_student_id()
    screen.table.setFocus()
    qtbot.keyClicks(screen.table, "zz")
    assert screen.search.text() == "zz" and focused(window) is screen.search
    assert screen.current_student_id() in (first, None)  # never another student unseen


def test_after_an_import_the_keyboard_is_on_the_screens_list(qtbot, window, tmp_path,
                                                             monkeypatch):
    from tests.spreadsheets import csv_file
    from ui.dialogs.import_wizard import ImportWizard

    roster = csv_file(tmp_path / "new students.csv",
                      [["Student ID", "Last Name", "First Name", "Grade"],
                       ["990001", "Quintero", "Paz", "7"]])
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *args, **kwargs: (str(roster), "")))
    window.year_combo.setFocus()  # the worst place to be left: typing changes the year

    def run(wizard: ImportWizard) -> None:
        qtbot.mouseClick(wizard.file_page.choose, Qt.MouseButton.LeftButton)
        # The file chosen, one summary page with Import (a roster it is sure of).
        qtbot.waitUntil(lambda: wizard.currentId() == wizard.SUMMARY and not wizard.busy
                        and wizard.summary_page.is_complete(), timeout=30000)
        qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)  # Import
        qtbot.waitUntil(wizard.import_page.is_complete, timeout=30000)
        qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)  # Done

    seen = when_dialog_opens(ImportWizard, run)
    window.import_action.trigger()
    assert seen
    screen = window.screens["students"]
    wait_loaded(qtbot, screen)
    qtbot.waitUntil(lambda: focused(window) is screen.table)


def test_after_the_demo_opens_the_keyboard_is_in_this_week_and_one_click_goes_back(
        qtbot, school_file, window_data_dir, frozen_clock, monkeypatch):
    from ui import file_commands
    from ui.app import demo_file_path

    frozen_clock.freeze(dt.datetime.combine(DAY, dt.time(8, 0)))
    own, _ = school_file
    window = open_window(qtbot, own)
    assert not window.own_school_button.isVisible()
    assert not window.own_school_action.isEnabled()
    window.demo_action.trigger()
    qtbot.waitUntil(lambda: window.desk.is_open and window.desk.data.path == demo_file_path(),
                    timeout=60000)
    week = window.screens["this_week"]
    wait_loaded(qtbot, week)
    assert window.stack.currentWidget() is week
    qtbot.waitUntil(lambda: week.isAncestorOf(focused(window)))
    assert window.own_school_button.isVisible() and window.own_school_action.isEnabled()
    # File > Open recent lists the school's own file.
    file_commands.fill_recent_menu(window)
    assert [a.toolTip() for a in window.recent_menu.actions()] == [str(own)]
    qtbot.mouseClick(window.own_school_button, Qt.MouseButton.LeftButton)
    assert window.desk.data.path == own
    assert not window.own_school_button.isVisible()
    assert "Hillview Middle School" in window.windowTitle()
    file_commands.fill_recent_menu(window)
    recent = window.recent_menu.actions()
    assert [a.toolTip() for a in recent] == [str(demo_file_path())]
    recent[0].trigger()
    assert window.desk.data.path == demo_file_path()
    window.close()


# Closing a match, nominations, Suggest all -----------------------------------------------------


def test_closing_a_match_asks_for_a_reason_and_chooses_none(qtbot, window):
    from ui.dialogs.close_match import CloseMatchDialog

    match = matches.open_matches(window.desk.db, window.desk.year_id)[0]
    dialog = CloseMatchDialog(window.desk, match["id"], window)
    assert dialog.reason.currentIndex() == -1 and dialog.reason.currentData() is None
    assert dialog.reason.placeholderText() == "Choose why the match ends"
    dialog.accept()
    assert not dialog.problem.isHidden()
    assert "Choose why the match ends" in dialog.problem.text()
    assert matches.match(window.desk.db, match["id"])["ended_on"] is None
    dialog.reason.setCurrentIndex(dialog.reason.findData("mismatch"))
    dialog.accept()
    assert matches.match(window.desk.db, match["id"])["closure_reason"] == "mismatch"


def test_the_profile_shows_nominations_and_decides_them(qtbot, window, monkeypatch):
    from storage import students as student_store

    db = window.desk.db
    screen = window.screens["students"]
    waiting = next(s for s in student_store.students_in_year(db, window.desk.year_id)
                   if any(n["status"] == "new" and n["year_id"] == window.desk.year_id
                          for n in nominations.nominations_of(db, s["id"])))
    screen.show_student(waiting["id"])
    qtbot.waitUntil(lambda: screen.detail.student_id == waiting["id"])
    box = screen.detail.nominations
    nomination = box.chosen()
    assert nomination["year_id"] == window.desk.year_id and nomination["status"] == "new"
    # Teacher, date, reasons and the teacher's note, as the profile shows them.
    shown = box.text.text()
    assert nomination["nominated_by"] in shown and "Why: " in shown
    if nomination["notes"]:
        assert "Teacher's note" in shown
    qtbot.mouseClick(box.waitlist_button, Qt.MouseButton.LeftButton)
    assert nominations.nomination(db, nomination["id"])["status"] == "waitlisted"
    qtbot.mouseClick(box.accept_button, Qt.MouseButton.LeftButton)
    assert nominations.nomination(db, nomination["id"])["status"] == "accepted"
    monkeypatch.setattr(QInputDialog, "getText",
                        staticmethod(lambda *a, **k: ("Family declined the program.", True)))
    qtbot.mouseClick(box.decline_button, Qt.MouseButton.LeftButton)
    declined = nominations.nomination(db, nomination["id"])
    assert declined["status"] == "declined" and "Family declined" in declined["notes"]
    assert not box.decline_button.isEnabled()
    window.undo_action.trigger()
    assert nominations.nomination(db, nomination["id"])["status"] == "accepted"


def test_suggest_all_leaves_out_mentors_not_cleared_unless_asked(qtbot, window):
    from analysis.matching import mentor_options
    from ui.dialogs.suggest_all import SuggestAllDialog

    not_cleared = {m.mentor_id for m in mentor_options(window.desk.db, window.desk.year_id)
                   if not m.cleared}
    assert not_cleared
    dialog = SuggestAllDialog(window.desk, window)
    qtbot.waitUntil(lambda: not dialog.loader.busy and dialog.model.rowCount() > 0,
                    timeout=30000)
    assert not {row["mentor_id"] for row in dialog.model.rows()} & not_cleared
    assert dialog.left_out.isVisibleTo(dialog) and "not cleared" in dialog.left_out.text()
    dialog.include_not_cleared.setChecked(True)
    qtbot.waitUntil(lambda: not dialog.loader.busy and any(
        row["mentor_id"] in not_cleared for row in dialog.model.rows()), timeout=30000)
    assert not dialog.left_out.isVisibleTo(dialog)
    dialog.reject()


def test_log_a_meeting_offers_the_students_suggested_day(qtbot, school_file, window_data_dir,
                                                         frozen_clock):
    from ui.dialogs.log_meeting import LogMeetingDialog

    # Friday 21 Nov 2025: Bea misses Thursdays most, so Wednesday the 19th is offered.
    frozen_clock.freeze(dt.datetime(2025, 11, 21, 8, 0))
    path, ids = school_file
    window = open_window(qtbot, path)
    dialog = LogMeetingDialog(window.desk, window, student_id=ids.students["bea"])
    assert dialog.met_on.day() == dt.date(2025, 11, 19)
    assert dialog.advice.text() == "Suggested day: Meet on Wednesday: Bea misses Thursdays most."
    dialog.choose_student(ids.students["ada"])  # no pattern: today
    assert dialog.met_on.day() == dt.date(2025, 11, 21) and not dialog.advice.isVisibleTo(dialog)
    dialog.reject()
    window.close()


# Figures and values that fit -------------------------------------------------------------------


def test_an_overdue_match_never_shows_nothing_expected_this_month(qtbot, window):
    window.show_screen("matches")
    screen = window.screens["matches"]
    wait_loaded(qtbot, screen)
    overdue = [row for row in screen.model.rows() if row["is_open"] and row["overdue"]]
    assert overdue
    for row in overdue:
        assert row["expected_this_month"] > row["held_this_month"]
        screen.show_match(row["id"])
        assert "Overdue" in screen.detail.facts.text()
        assert f"({row['expected_this_month']} expected by now)" in screen.detail.facts.text()
        assert "(0 expected by now)" not in screen.detail.facts.text()


def _fits(view, column: int) -> bool:
    metrics = view.fontMetrics()
    model = view.model()
    widest = max(metrics.horizontalAdvance(str(model.index(r, column).data() or ""))
                 for r in range(model.rowCount()))
    return view.columnWidth(column) >= widest + 8


def test_long_values_fit_their_columns(qtbot, house_style, window):
    from ui.models.matches import USUAL
    from ui.models.students import TIER

    students = window.screens["students"]
    assert _fits(students.table, TIER)  # "At risk, early warning"
    window.show_screen("matches")
    matches_screen = window.screens["matches"]
    wait_loaded(qtbot, matches_screen)
    assert _fits(matches_screen.table, USUAL)  # "Monday before school"


@pytest.fixture
def house_style(qapp):
    """MentorDesk's own look (font, padding) for a test that measures, put back after."""
    from ui.style import apply_style

    style, sheet, font, palette = (qapp.style().name(), qapp.styleSheet(), qapp.font(),
                                   qapp.palette())
    apply_style(qapp)
    yield
    qapp.setStyleSheet(sheet)
    qapp.setStyle(style)
    qapp.setFont(font)
    qapp.setPalette(palette)


def test_at_1440_wide_the_concern_column_is_in_view(qtbot, house_style, window):
    from ui.models.students import REASONS

    window.resize(1440, 900)
    screen = window.screens["students"]
    qtbot.waitUntil(lambda: screen.splitter.width() > 1200)
    screen._split_fitted = False
    screen._fit_split()
    qtbot.wait(10)
    header = screen.table.horizontalHeader()
    right_edge = header.sectionViewportPosition(REASONS) + header.sectionSize(REASONS)
    assert right_edge <= screen.table.viewport().width()


def test_at_1280_wide_the_trainings_column_is_in_view(qtbot, house_style, window):
    from ui.models.mentors import TRAININGS

    window.resize(1280, 800)
    window.show_screen("mentors")
    screen = window.screens["mentors"]
    wait_loaded(qtbot, screen)
    qtbot.waitUntil(lambda: screen.splitter.width() > 1050)
    screen._split_fitted = False
    screen._fit_split()
    qtbot.wait(10)
    header = screen.table.horizontalHeader()
    right_edge = header.sectionViewportPosition(TRAININGS) + header.sectionSize(TRAININGS)
    assert right_edge <= screen.table.viewport().width() + 1


def test_the_find_suggestions_are_as_wide_as_their_longest_line(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.search, "a")
    popup = window.search.completer_.popup()
    qtbot.waitUntil(popup.isVisible)
    metrics = popup.fontMetrics()
    widest = max(metrics.horizontalAdvance(window.search.results.entry(r)["text"])
                 for r in range(window.search.results.rowCount()))
    assert popup.viewport().width() >= widest
