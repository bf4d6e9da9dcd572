"""Edit > Undo and Redo on a real window: each names the change and takes it back whole."""

from __future__ import annotations

from PySide6.QtCore import Qt

from program.vocabulary import person_name
from storage import matches, meetings, students
from tests.desk.conftest import wait_loaded
from tests.desk.helpers import when_dialog_opens
from ui.screens.base import select_row


def test_undo_names_a_logged_meeting_takes_it_back_and_redo_makes_it_again(qtbot, window):
    from ui.dialogs.log_meeting import LogMeetingDialog

    db = window.desk.db
    assert not window.undo_action.isEnabled() and window.undo_action.text() == "&Undo"
    match = matches.open_matches(db, window.desk.year_id)[0]
    before = len(meetings.meetings_of_match(db, match["id"]))
    name = person_name(match, "student_")

    def fill(dialog: LogMeetingDialog) -> None:
        dialog.choose_student(match["student_id"])
        dialog.minutes.setValue(20)
        dialog.accept()

    seen = when_dialog_opens(LogMeetingDialog, fill)
    qtbot.keyClick(window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert seen
    assert len(meetings.meetings_of_match(db, match["id"])) == before + 1
    assert window.undo_action.isEnabled()
    assert window.undo_action.text() == f"&Undo Log a meeting with {name}"

    window.undo_action.trigger()  # Edit > Undo (Ctrl+Z is pressed in the test below)
    assert len(meetings.meetings_of_match(db, match["id"])) == before
    assert window.statusBar().currentMessage() == f"Undid: Log a meeting with {name}."
    assert window.redo_action.isEnabled()
    assert window.redo_action.text() == f"&Redo Log a meeting with {name}"
    assert not window.undo_action.isEnabled()

    window.redo_action.trigger()
    assert len(meetings.meetings_of_match(db, match["id"])) == before + 1
    assert window.undo_action.text() == f"&Undo Log a meeting with {name}"
    assert not window.redo_action.isEnabled()


def test_undoing_an_archive_brings_the_student_back_into_the_list(qtbot, window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *args, **kwargs: QMessageBox.StandardButton.Yes))
    screen = window.screens["students"]
    wait_loaded(qtbot, screen)
    select_row(screen.table, 0)
    student_id = screen.current_student_id()
    total = screen.model.rowCount()
    screen.set_archived(student_id, True)
    assert students.student(window.desk.db, student_id)["archived"] == 1
    qtbot.waitUntil(lambda: screen.proxy.rowCount() == total - 1 or screen.model.rowCount()
                    != total)
    record = students.student(window.desk.db, student_id)
    assert window.undo_action.text() == f"&Undo Archive {person_name(record)}"
    window.undo_action.trigger()
    assert students.student(window.desk.db, student_id)["archived"] == 0
    wait_loaded(qtbot, screen)
    assert screen.show_student(student_id)


def test_twenty_changes_in_the_window_go_back_one_by_one(qtbot, window):
    from actions import goals as goal_actions
    from storage import clock
    from ui.operations import perform

    db = window.desk.db
    student_id = students.students_in_year(db, window.desk.year_id)[0]["id"]
    goals_before = db.execute("SELECT count(*) FROM goals").fetchone()[0]
    for number in range(20):
        perform(window, window.desk, lambda db, n=number: goal_actions.add_goal(
            db, student_id, f"Goal {n}", clock.today()))
    assert db.execute("SELECT count(*) FROM goals").fetchone()[0] == goals_before + 20
    for _ in range(20):
        assert window.undo_action.isEnabled()
        qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert db.execute("SELECT count(*) FROM goals").fetchone()[0] == goals_before
    assert not window.undo_action.isEnabled()
