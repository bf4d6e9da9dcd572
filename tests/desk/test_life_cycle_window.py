"""The school year's life cycle on a real window: the new-year wizard, Restore, Back up to,
deleting a student for good, letting a year go, the last backup in the status bar."""

from __future__ import annotations

import os
import sqlite3
from functools import partial

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from storage import backups, students, years
from storage.database import open_data_file
from tests import small_school


@pytest.fixture
def school_window(qtbot, data_file, window_data_dir):
    """The window open on the small school (2025-2026, nine students)."""
    from ui.main_window import MainWindow

    small_school.build(data_file.db)
    path = data_file.path
    data_file.close()
    main = MainWindow()
    qtbot.addWidget(main)
    main.open_file(path)
    main.show()
    main.show_screen("students")  # the window opens on This week
    screen = main.screens["students"]
    qtbot.waitUntil(lambda: screen.model.rowCount() > 0 and not screen.loader.busy)
    # The day's automatic copy is taken once the first screen is painted.
    qtbot.waitUntil(lambda: main.file_checks is not None and main.file_checks.done.is_set(),
                    timeout=30000)
    return main


def destructive_answer(monkeypatch) -> None:
    """Every question box is answered with its destructive button (Delete, Restore)."""
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)
    monkeypatch.setattr(QMessageBox, "clickedButton", lambda self: next(
        button for button in self.buttons()
        if self.buttonRole(button) == QMessageBox.ButtonRole.DestructiveRole))


def test_the_new_year_wizard_previews_then_starts_the_year(qtbot, school_window):
    from ui.dialogs.new_year_wizard import NewYearWizard
    from ui.life_cycle_commands import _year_started

    window = school_window
    wizard = NewYearWizard(window, window.desk, on_started=partial(_year_started, window))
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.set_up_page
    assert page.name.text() == "2026-2027"
    page.no_school.setPlainText("2026-11-26..2026-11-27")
    wizard.next()
    preview = wizard.preview_page
    qtbot.waitUntil(lambda: preview.ready, timeout=20000)
    rows = preview.model.rows()
    assert {"what": "Leaves (top grade)", "student": "Dunn, Cy", "mentor": "",
            "grade": "8"} in rows
    assert any(row["what"] == "Match goes on" and row["student"] == "Bell, Ana"
               for row in rows)
    assert "4 students move up a grade" in preview.summary.text()
    assert not years.year_by_name(window.desk.db, "2026-2027")  # nothing written yet
    wizard.next()  # the commit button: Start the new year
    qtbot.waitUntil(lambda: wizard.start_page.done, timeout=30000)
    assert "2026-2027 is the current year" in wizard.start_page.status.text()
    assert window.desk.year["name"] == "2026-2027"
    assert window.year_combo.currentText() == "2026-2027 (current)"
    with open_data_file(window.desk.data.path, write=False) as data:
        year = years.year_by_name(data.db, "2026-2027")
        assert len(years.non_school_days(data.db, year["id"])) == 2


def test_the_wizard_refuses_a_year_that_overlaps_with_a_sentence(qtbot, school_window):
    from ui.dialogs.new_year_wizard import NewYearWizard

    wizard = NewYearWizard(school_window, school_window.desk)
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.set_up_page
    page.name.setText("2025-2026")
    assert page.validatePage() is False
    assert "already a school year" in page.problem.text()
    page.name.setText("2026-2027")
    page.no_school.setPlainText("sometime in May")
    assert page.validatePage() is False and "sometime in May" in page.problem.text()


def test_restore_from_a_backup_reopens_on_the_chosen_copy(qtbot, school_window, monkeypatch):
    from ui import life_cycle_commands
    from ui.dialogs.restore_backup import RestoreDialog

    window = school_window
    path = window.desk.data.path
    copy = backups.manual_backup(window.desk.db, path)
    students.set_archived(window.desk.db, 1, True)  # a change after the copy
    dialog = RestoreDialog(window, path)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() >= 2, timeout=20000)
    kinds = {row["kind"] for row in dialog.model.rows()}
    assert {"Automatic", "Made by hand"} <= kinds
    assert all(row["students"] == 9 for row in dialog.model.rows())

    def choose(self) -> int:
        self.chosen = copy
        return 1

    monkeypatch.setattr(RestoreDialog, "exec", choose)
    life_cycle_commands.restore_from_backup(window)
    qtbot.waitUntil(lambda: window.desk.is_open and "Restored" in window.statusBar()
                    .currentMessage(), timeout=30000)
    assert students.student(window.desk.db, 1)["archived"] == 0
    kept = [b.kind for b in backups.backups_of(path)]
    assert "before restore" in kept and copy.exists()


def test_back_up_to_warns_about_student_records_first(qtbot, school_window, monkeypatch,
                                                       tmp_path):
    from ui import life_cycle_commands

    window = school_window
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warned.append(args[2]) or
                        QMessageBox.StandardButton.Ok)
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: told.append(args[2]))
    target = tmp_path / "stick" / "copy.sqlite"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(target), ""))
    life_cycle_commands.back_up_to(window)
    qtbot.waitUntil(lambda: bool(told), timeout=20000)
    assert "students' records" in warned[0]
    assert target.exists()
    assert window.backup_status.text() == "Last backup: today 08:00."


def test_the_status_bar_says_when_the_last_backup_was_taken(qtbot, school_window):
    # The day's backup is taken once the first screen is painted (ui/file_checks.py).
    qtbot.waitUntil(lambda: school_window.backup_status.text() == "Last backup: today 08:00.",
                    timeout=30000)


def test_deleting_a_student_for_good_from_the_menu(qtbot, school_window, monkeypatch):
    window = school_window
    screen = window.screens["students"]
    ana = students.student_by_local_id(window.desk.db, "A-1")["id"]
    screen.show_student(ana)
    qtbot.waitUntil(lambda: screen.current_student_id() == ana, timeout=10000)
    asked = []
    monkeypatch.setattr(QMessageBox, "setText", lambda self, text: asked.append(text))
    destructive_answer(monkeypatch)
    window.delete_student_action.trigger()
    assert "Delete Ana Bell (ID A-1) for good" in asked[0]
    assert "Older backups still hold" in asked[0]
    assert students.student(window.desk.db, ana) is None
    qtbot.waitUntil(lambda: screen.model.rowCount() == 8 and not screen.loader.busy,
                    timeout=20000)


def test_letting_a_past_year_go_keeps_its_report(qtbot, school_window, monkeypatch, cli,
                                                 tmp_path):
    from ui import life_cycle_commands
    from ui.dialogs.let_go_of_year import LetGoDialog

    window = school_window
    path = window.desk.data.path
    window.desk.set_data(None)
    assert cli("--db", path, *small_school.NEW_YEAR_ARGS).code == 0
    window.open_file(path)
    dialog = LetGoDialog(window, window.desk)
    qtbot.addWidget(dialog)
    assert dialog.year.currentText() == "2025-2026"
    assert "report is saved first" in dialog.question.text()

    def choose(self) -> int:
        self.chosen = "2025-2026"
        return 1

    monkeypatch.setattr(LetGoDialog, "exec", choose)
    life_cycle_commands.let_go_of_a_year(window)
    qtbot.waitUntil(lambda: "were let go" in window.statusBar().currentMessage(),
                    timeout=60000)
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT count(*) FROM saved_reports").fetchone()[0] == 1
        assert connection.execute("SELECT purged_on FROM school_years WHERE name = "
                                  "'2025-2026'").fetchone()[0] == "2026-11-24"


def test_a_read_only_file_opens_read_only_in_the_window(qtbot, demo_copy, window_data_dir):
    from ui.main_window import MainWindow

    os.chmod(demo_copy, 0o444)
    main = MainWindow()
    qtbot.addWidget(main)
    main.open_file(demo_copy)
    assert main.desk.data.read_only
    assert "Read-only." in main.backup_status.text()


def test_the_yearly_reminder_shows_once_a_year(qtbot, data_file, window_data_dir, cli,
                                               frozen_clock):
    import datetime as dt

    from ui.main_window import MainWindow

    small_school.build(data_file.db)
    path = data_file.path
    data_file.close()
    assert cli("--db", path, *small_school.NEW_YEAR_ARGS).code == 0
    frozen_clock.freeze(dt.date(2027, 7, 1))  # 2025-2026 ended over a year ago
    main = MainWindow()
    qtbot.addWidget(main)
    main.open_file(path)
    assert "2025-2026 ended over a year ago" in main.statusBar().currentMessage()
    assert "Let go of a past year's records" in main.statusBar().currentMessage()
    main.statusBar().clearMessage()
    main.desk.set_data(None)
    main.open_file(path)
    assert main.statusBar().currentMessage() == ""  # once a year is enough
