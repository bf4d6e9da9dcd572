"""Log a meeting (Ctrl+M, single and group, with goal progress), the Meetings screen's filters,
editing, and delete with undo."""

from __future__ import annotations

from PySide6.QtCore import Qt

from storage import goals, lookups, matches, meetings
from tests.conftest import DEMO_TODAY
from tests.desk.conftest import wait_loaded
from tests.desk.helpers import when_dialog_opens
from ui.models import meetings as meeting_rows
from ui.screens.base import select_row


def _mentor_with_two(window) -> list[dict]:
    by_mentor: dict[int, list[dict]] = {}
    for match in matches.open_matches(window.desk.db, window.desk.year_id):
        by_mentor.setdefault(match["mentor_id"], []).append(match)
    return next(group for group in by_mentor.values() if len(group) >= 2)


def test_ctrl_m_logs_a_meeting_for_the_student_found_by_typing(qtbot, window):
    from ui.dialogs.log_meeting import LogMeetingDialog

    db = window.desk.db
    match = matches.open_matches(db, window.desk.year_id)[0]
    before = len(meetings.meetings_of_match(db, match["id"]))
    topic = lookups.entries(db, "topics")[0]

    def fill(dialog: LogMeetingDialog) -> None:
        dialog.student.lineEdit().clear()
        qtbot.keyClicks(dialog.student.lineEdit(), match["student_last_name"][:4])
        dialog.choose_student(match["student_id"])
        assert dialog.current_match()["id"] == match["id"]
        assert dialog.met_on.day() == DEMO_TODAY
        if match["usual_slot"]:
            assert dialog.slot.currentData() == match["usual_slot"]
        dialog.minutes.setValue(25)
        dialog.topic_checks[topic["id"]].setChecked(True)
        qtbot.keyClicks(dialog.notes, "Talked about the science fair.")
        dialog.outcome_buttons["held"].setChecked(True)
        dialog.accept()

    seen = when_dialog_opens(LogMeetingDialog, fill)
    qtbot.keyClick(window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert seen
    logged = meetings.meetings_of_match(db, match["id"])
    assert len(logged) == before + 1
    newest = logged[0]
    assert newest["met_on"] == DEMO_TODAY.isoformat()
    assert newest["minutes"] == 25 and newest["notes"] == "Talked about the science fair."
    assert newest["topics"] == topic["name"] and newest["outcome"] == "held"
    assert "Logged the meeting" in window.statusBar().currentMessage()


def test_a_group_meeting_is_logged_once_for_several_mentees(qtbot, window):
    from ui.dialogs.log_meeting import LogMeetingDialog

    first, second = _mentor_with_two(window)[:2]
    dialog = LogMeetingDialog(window.desk, window, student_id=first["student_id"])
    qtbot.addWidget(dialog)
    dialog.set_group([second["student_id"]])
    assert dialog.kind.currentData() == "group"
    dialog.accept()
    saved = meetings.meeting(window.desk.db, dialog.saved_meeting_id)
    assert sorted(saved["match_ids"]) == sorted([first["id"], second["id"]])
    assert saved["kind"] == "group" and saved["mentor_id"] == first["mentor_id"]


def test_progress_on_a_goal_is_kept_with_the_goal(qtbot, window):
    from ui.dialogs.log_meeting import LogMeetingDialog

    db = window.desk.db
    match = next(m for m in matches.open_matches(db, window.desk.year_id)
                 if any(g["status"] == "working" for g in goals.goals_of(db, m["student_id"])))
    dialog = LogMeetingDialog(window.desk, window, student_id=match["student_id"])
    qtbot.addWidget(dialog)
    goal_id, edit = next(iter(dialog.goal_edits.items()))
    edit.setText("Read every night this week.")
    dialog.accept()
    notes = next(g for g in goals.goals_of(db, match["student_id"]) if g["id"] == goal_id)["notes"]
    assert notes[-1]["note"] == "Read every night this week."
    assert notes[-1]["meeting_id"] == dialog.saved_meeting_id


def test_a_meeting_without_a_chosen_student_is_refused_in_words(qtbot, window):
    from ui.dialogs.log_meeting import LogMeetingDialog

    dialog = LogMeetingDialog(window.desk, window)
    qtbot.addWidget(dialog)
    dialog.accept()
    assert "Choose the student" in dialog.problem.text()
    assert dialog.result() == 0


def test_meetings_filter_by_month_and_mentor_and_sort(qtbot, window):
    window.show_screen("meetings")
    screen = window.screens["meetings"]
    wait_loaded(qtbot, screen)
    total = screen.proxy.rowCount()
    month = screen.month.itemData(1)
    screen.month.setCurrentIndex(1)
    assert 0 < screen.proxy.rowCount() < total
    assert all(row["met_on"].startswith(month) for row in screen.proxy.visible_rows())
    mentor_id = screen.proxy.row_at(0)["mentor_id"]
    screen.mentor.setCurrentIndex(screen.mentor.findData(mentor_id))
    assert all(row["mentor_id"] == mentor_id for row in screen.proxy.visible_rows())
    screen.month.setCurrentIndex(0)
    screen.mentor.setCurrentIndex(0)
    assert screen.proxy.rowCount() == total
    screen.table.sortByColumn(meeting_rows.DATE, Qt.SortOrder.AscendingOrder)
    dates = [row["met_on"] for row in screen.proxy.visible_rows()]
    assert dates == sorted(dates)
    screen.table.sortByColumn(meeting_rows.MINUTES, Qt.SortOrder.DescendingOrder)
    minutes = [row["minutes"] for row in screen.proxy.visible_rows() if row["minutes"]]
    assert minutes == sorted(minutes, reverse=True)


def test_deleting_a_meeting_can_be_undone(qtbot, window):
    window.show_screen("meetings")
    screen = window.screens["meetings"]
    wait_loaded(qtbot, screen)
    select_row(screen.table, 0)
    meeting_id = screen.current_meeting_id()
    saved = meetings.meeting(window.desk.db, meeting_id)
    total = screen.model.rowCount()
    qtbot.mouseClick(screen.delete_button, Qt.MouseButton.LeftButton)
    assert meetings.meeting(window.desk.db, meeting_id) is None
    qtbot.waitUntil(lambda: screen.model.rowCount() == total - 1)
    assert screen.banner.isVisible() and "Undo" in screen.banner.text()
    assert window.undo_action.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    back = meetings.meeting(window.desk.db, meeting_id)
    assert back == saved
    qtbot.waitUntil(lambda: screen.model.rowCount() == total)
    wait_loaded(qtbot, screen)
    assert screen.current_meeting_id() == meeting_id
    assert not window.undo_action.isEnabled()


def test_editing_a_meeting_changes_it(qtbot, window):
    from ui.dialogs.log_meeting import LogMeetingDialog

    window.show_screen("meetings")
    screen = window.screens["meetings"]
    wait_loaded(qtbot, screen)
    select_row(screen.table, 2)
    meeting_id = screen.current_meeting_id()

    def change(dialog: LogMeetingDialog) -> None:
        assert not dialog.student.isEnabled()
        dialog.outcome_buttons["cancelled"].setChecked(True)
        dialog.notes.setPlainText("Assembly ran long.")
        dialog.accept()

    seen = when_dialog_opens(LogMeetingDialog, change)
    qtbot.mouseClick(screen.edit_button, Qt.MouseButton.LeftButton)
    assert seen
    record = meetings.meeting(window.desk.db, meeting_id)
    assert record["outcome"] == "cancelled" and record["notes"] == "Assembly ran long."
    wait_loaded(qtbot, screen)
    row = screen.proxy.proxy_row_of(lambda r: r["id"] == meeting_id)
    assert screen.proxy.index(row, meeting_rows.OUTCOME).data() == "Cancelled"


def test_the_meetings_models_pass_the_model_tester(qtmodeltester, qtbot, window):
    window.show_screen("meetings")
    screen = window.screens["meetings"]
    wait_loaded(qtbot, screen)
    qtmodeltester.check(screen.model)
    qtmodeltester.check(screen.proxy)
