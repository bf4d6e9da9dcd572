"""Settings on a real window (Ctrl+0): every declared setting is there with its help; a change
is saved as typed and shows in History; grades refuse a lowest above the top; a calendar day is
closed and opened with the keyboard; the logo, the codes, the roles and topics lists."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QMessageBox

from storage import attendance, lookups, settings, years
from tests.conftest import DEMO_TODAY
from ui.models.settings import MEANS


@pytest.fixture
def screen(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    shown = window.screens["settings"]
    assert window.stack.currentWidget() is shown
    return shown


@pytest.fixture
def warnings(monkeypatch) -> list[str]:
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: said.append(text))
    return said


def test_every_declared_setting_is_on_the_screen_with_its_words_and_help(screen):
    from ui.screens.settings import GROUPS

    shown = {key for keys in GROUPS.values() for key in keys}
    assert shown == set(settings.SETTINGS_BY_KEY)
    # Each has a control of its own, but the logo (a picture) and the current year (the years
    # list): both have theirs on the screen too.
    assert set(screen.fields) == shown - {"school_logo", "current_year"}
    for key, field in screen.fields.items():
        declared = settings.SETTINGS_BY_KEY[key]
        assert field.help.text() == declared.help
        assert field.control.accessibleName() == declared.label
    assert screen.logo.help.text() == settings.SETTINGS_BY_KEY["school_logo"].help
    assert screen.fields["top_grade"].control.text() == "Grade 8"


def test_a_changed_setting_is_saved_shows_in_history_and_undoes(qtbot, window, screen):
    screen.show_tab("Meetings")
    spin = screen.fields["overdue_after_school_days"].control
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, "12")
    assert settings.get(window.desk.db, "overdue_after_school_days") == 10  # not until Enter
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    assert settings.get(window.desk.db, "overdue_after_school_days") == 12
    assert "is now 12" in window.statusBar().currentMessage()
    screen.show_tab("History")
    newest = screen.history.rows()[0]
    assert newest["summary"] == "Overdue after this many school days set to 12"
    assert screen.history_table.model().index(0, 1).data() == newest["summary"]
    window.undo_action.trigger()
    assert settings.get(window.desk.db, "overdue_after_school_days") == 10
    assert spin.value() == 10
    assert screen.history.rows()[0]["action"] == "undo"


def test_the_lowest_grade_cannot_go_above_the_top(qtbot, window, screen, warnings):
    spin = screen.fields["lowest_grade"].control
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, "Grade 9")
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    assert warnings and "cannot be above the top grade (Grade 8)" in warnings[0]
    assert settings.get(window.desk.db, "lowest_grade") == 6
    assert spin.value() == 6 and spin.text() == "Grade 6"
    spin.selectAll()
    qtbot.keyClicks(spin, "K")
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    assert settings.get(window.desk.db, "lowest_grade") == 0
    assert spin.text() == "Kindergarten"


def test_a_school_day_is_closed_and_opened_on_the_calendar(qtbot, window, screen):
    screen.show_tab("School years")
    page = screen.years_page
    db = window.desk.db
    year_id = window.desk.year_id
    assert page.chosen_year()["id"] == year_id
    calendar = page.calendar
    assert calendar.day() == DEMO_TODAY  # MentorDesk's today, not the computer's
    day = DEMO_TODAY - dt.timedelta(days=1)  # Monday 23 November: a school day
    assert day not in years.non_school_day_set(db, year_id)
    calendar.setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Left)  # arrows move the chosen day
    assert calendar.day() == day
    assert "a school day" in page.day_words.text()
    qtbot.keyClicks(page.reason, "Water main break")
    calendar.setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # Enter closes it
    assert years.non_school_days(db, year_id) and \
        {"day": day.isoformat(), "label": "Water main break"} in years.non_school_days(db, year_id)
    assert "no school" in page.day_words.text() and "Water main break" in page.day_words.text()
    assert calendar.dateTextFormat(calendar.selectedDate()).background().color() == \
        QColor("#fde2c8")
    assert "Close Mon 23 Nov 2026" in window.undo_action.text()
    screen.show_tab("History")
    assert screen.history.rows()[0]["summary"].startswith("Mon 23 Nov 2026 is now a day without")
    screen.show_tab("School years")
    calendar.setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # and Enter opens it again
    assert day not in years.non_school_day_set(db, year_id)
    assert "a school day" in page.day_words.text()


def test_a_weekend_cannot_be_closed(qtbot, window, screen):
    screen.show_tab("School years")
    page = screen.years_page
    page.calendar.choose(dt.date(2026, 11, 28))
    assert "weekend" in page.day_words.text()
    assert not page.toggle_button.isEnabled()


def test_the_logo_is_a_picture_chosen_from_a_file(qtbot, window, screen, tmp_path, monkeypatch):
    picture = tmp_path / "crest.png"
    image = QImage(120, 60, QImage.Format.Format_RGB32)
    image.fill(QColor("#2f6690"))
    assert image.save(str(picture))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(picture), ""))
    qtbot.mouseClick(screen.logo.choose_button, Qt.MouseButton.LeftButton)
    assert settings.get(window.desk.db, "school_logo") == str(picture)
    assert not screen.logo.preview.pixmap().isNull()
    qtbot.mouseClick(screen.logo.clear_button, Qt.MouseButton.LeftButton)
    assert settings.get(window.desk.db, "school_logo") == ""


def test_a_file_that_is_not_a_picture_is_refused(qtbot, window, screen, tmp_path, monkeypatch,
                                                 warnings):
    fake = tmp_path / "crest.png"
    fake.write_text("not a picture")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(fake), ""))
    qtbot.mouseClick(screen.logo.choose_button, Qt.MouseButton.LeftButton)
    assert warnings and "not a picture MentorDesk can read" in warnings[0]
    assert settings.get(window.desk.db, "school_logo") == ""


def test_what_a_code_means_is_changed_in_the_table_and_a_code_added(qtbot, window, screen):
    screen.show_tab("Attendance")
    codes = screen.codes.codes()
    row = next(n for n, c in enumerate(codes) if c["code"] == "L")
    assert screen.codes.setData(screen.codes.index(row, MEANS), "absent_excused")
    assert attendance.code_map(window.desk.db)["L"] == "absent_excused"
    qtbot.keyClicks(screen.new_code, "VIRT")
    screen.new_status.setCurrentIndex(screen.new_status.findData("present"))
    qtbot.keyClick(screen.new_code, Qt.Key.Key_Tab)
    screen._add_code()
    assert attendance.code_map(window.desk.db)["VIRT"] == "present"
    assert screen.new_code.text() == ""


def test_topics_are_added_renamed_and_retired(qtbot, window, screen, monkeypatch):
    screen.show_tab("Meetings")
    topics = screen.topics
    answers = iter([("Chess club", True), ("Chess and games", True)])
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: next(answers))
    qtbot.mouseClick(topics.add_button, Qt.MouseButton.LeftButton)
    entry = topics.chosen()
    assert entry["name"] == "Chess club" and entry["active"]
    qtbot.mouseClick(topics.rename_button, Qt.MouseButton.LeftButton)
    assert topics.chosen()["name"] == "Chess and games"
    qtbot.mouseClick(topics.retire_button, Qt.MouseButton.LeftButton)
    assert not topics.chosen()["active"]
    assert "Chess and games" not in [e["name"] for e in lookups.entries(window.desk.db, "topics")]
    assert topics.back_button.isEnabled()
    qtbot.mouseClick(topics.back_button, Qt.MouseButton.LeftButton)
    assert "Chess and games" in [e["name"] for e in lookups.entries(window.desk.db, "topics")]


def test_a_school_year_is_added_with_the_next_years_weekdays(qtbot, window, screen):
    from tests.desk.helpers import when_dialog_opens
    from ui.dialogs.year_dialog import YearDialog

    screen.show_tab("School years")
    page = screen.years_page

    def check_and_save(dialog: YearDialog) -> None:
        assert dialog.name.text() == "2027-2028"
        # 52 weeks after this year's first and last day: the same weekdays.
        assert (dialog.first_day.day(), dialog.last_day.day()) == (dt.date(2027, 9, 7),
                                                                   dt.date(2028, 6, 9))
        dialog.accept()

    seen = when_dialog_opens(YearDialog, check_and_save)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert seen
    added = years.year_by_name(window.desk.db, "2027-2028")
    assert added is not None and page.chosen_year()["id"] == added["id"]
    assert page.calendar.day() == dt.date(2027, 9, 7)  # its calendar, from its first day


def test_the_title_and_the_year_switcher_follow_the_settings(qtbot, window, screen):
    name = screen.fields["school_name"].control
    name.setFocus()
    name.selectAll()
    qtbot.keyClicks(name, "Lakeside Middle School")
    qtbot.keyClick(name, Qt.Key.Key_Return)
    assert settings.get(window.desk.db, "school_name") == "Lakeside Middle School"
    assert window.windowTitle().startswith("Lakeside Middle School")
    assert window.school_label.text() == "Lakeside Middle School"
    from actions import years as year_actions
    from ui.operations import perform

    perform(window, window.desk, lambda db: year_actions.save_year(
        db, "2027-2028", dt.date(2027, 9, 7), dt.date(2028, 6, 9)))
    names = [window.year_combo.itemText(i) for i in range(window.year_combo.count())]
    assert names[0] == "2027-2028 (current)"  # the newest year becomes the current one
    window.year_combo.setCurrentIndex(0)
    assert window.desk.year["name"] == "2027-2028"
    window.undo_action.trigger()  # the year goes: the window goes back to a year it has
    assert years.year_by_name(window.desk.db, "2027-2028") is None
    assert window.desk.year["name"] == "2026-2027"
    assert [window.year_combo.itemText(i) for i in range(window.year_combo.count())] == [
        "2026-2027 (current)", "2025-2026"]


def test_the_share_of_class_periods_that_makes_an_absent_day_is_set_here(qtbot, window, screen):
    screen.show_tab("Attendance")
    spin = screen.fields["attendance.period_absent_share"].control
    assert spin.value() == 0.5
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, "0.4")
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    assert settings.get(window.desk.db, "attendance.period_absent_share") == 0.4
    periods = screen.fields["periods_per_day"].control
    periods.setFocus()
    periods.selectAll()
    qtbot.keyClicks(periods, "7")
    qtbot.keyClick(periods, Qt.Key.Key_Return)
    assert settings.get(window.desk.db, "periods_per_day") == 7
    screen.grab().save("/tmp/mentordesk-renders/settings-attendance-periods.png")
