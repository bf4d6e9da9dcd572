"""A new, empty data file: the window asks for the school year first (no empty screens), then
shows the screens, each saying plainly what to do next."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from storage import years
from tests.desk.conftest import wait_loaded
from ui.start_page import likely_year


@pytest.fixture
def new_window(qtbot, tmp_path, window_data_dir):
    from ui.main_window import MainWindow

    main = MainWindow()
    qtbot.addWidget(main)
    main.open_file(tmp_path / "new school.sqlite", create=True)
    main.show()
    return main


def test_a_new_file_shows_how_to_set_up_the_school_year_not_empty_screens(new_window):
    assert new_window.stack.currentWidget() is new_window.start_page
    assert not new_window.navigation.isEnabled()
    assert not new_window.print_action.isEnabled()
    assert not new_window.log_meeting_action.isEnabled()
    assert new_window.backup_action.isEnabled()
    new_window.go_actions["students"].trigger()  # Ctrl+1 does not lead to an empty screen
    assert new_window.stack.currentWidget() is new_window.start_page
    assert "Add a student" in new_window.start_page.next_steps.text()


def test_adding_the_school_year_opens_the_screens_with_next_steps(qtbot, new_window):
    page = new_window.start_page
    qtbot.keyClicks(page.school, "Lakeview Middle School")
    page.name.clear()
    qtbot.keyClicks(page.name, "2026-2027")
    page.first_day.set_day(dt.date(2026, 9, 8))
    page.last_day.set_day(dt.date(2027, 6, 11))
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    year = years.current_year(new_window.desk.db)
    assert (year["name"], year["first_day"], year["last_day"]) == (
        "2026-2027", "2026-09-08", "2027-06-11")
    students = new_window.screens["students"]
    assert new_window.stack.currentWidget() is students
    assert new_window.navigation.isEnabled() and new_window.log_meeting_action.isEnabled()
    assert new_window.year_combo.currentText() == "2026-2027 (current)"
    assert new_window.windowTitle() == "Lakeview Middle School – 2026-2027 – MentorDesk"
    wait_loaded(qtbot, students)
    assert students.empty_note.isVisible()
    assert "no students in 2026-2027" in students.empty_note.text()
    assert "Add a student" in students.empty_note.text()


def test_a_year_that_ends_before_it_starts_is_refused_in_words(qtbot, new_window):
    page = new_window.start_page
    page.first_day.set_day(dt.date(2026, 9, 8))
    page.last_day.set_day(dt.date(2026, 6, 11))
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert not page.problem.isHidden() and "Check the two dates" in page.problem.text()
    assert years.all_years(new_window.desk.db) == []
    assert new_window.stack.currentWidget() is page


def test_the_suggested_year_is_the_one_around_today_on_school_days():
    name, first, last = likely_year(dt.date(2026, 11, 24))
    assert name == "2026-2027" and first.year == 2026 and last.year == 2027
    assert first.weekday() < 5 and last.weekday() < 5
    assert likely_year(dt.date(2027, 3, 1))[0] == "2026-2027"
