"""Matching and the Matches screen: match from a suggestion, consent asked first, close a match."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from storage import matches, mentors, nominations, students
from tests.desk.conftest import wait_loaded
from tests.desk.helpers import when_dialog_opens
from ui.models import matches as match_rows
from ui.models import students as student_rows
from ui.screens.base import select_row


def _waiting_student(qtbot, window) -> int:
    screen = window.screens["students"]
    screen.who.setCurrentIndex(screen.who.findData(student_rows.WAITING))
    assert screen.proxy.rowCount() > 0
    select_row(screen.table, 0)
    return screen.current_student_id()


def test_matching_a_waiting_student_from_a_suggestion(qtbot, window, monkeypatch):
    from ui.dialogs.match_dialog import MatchDialog

    student_id = _waiting_student(qtbot, window)
    screen = window.screens["students"]
    db = window.desk.db
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[1]) or
                        QMessageBox.StandardButton.Yes)
    chosen = {}

    def choose(dialog: MatchDialog) -> None:
        qtbot.waitUntil(lambda: dialog.model.rowCount() > 0)
        select_row(dialog.table, 0)
        chosen.update(dialog.chosen())
        dialog.slot.setCurrentIndex(dialog.slot.findData("lunch"))
        dialog.weekday.setCurrentIndex(dialog.weekday.findData(2))
        assert dialog.match_button.text() == f"Match with {chosen['mentor_name']}"
        qtbot.mouseClick(dialog.match_button, Qt.MouseButton.LeftButton)

    load_before = matches.open_match_counts(db, window.desk.year_id)
    seen = when_dialog_opens(MatchDialog, choose)
    qtbot.mouseClick(screen.detail.match_button, Qt.MouseButton.LeftButton)
    assert seen
    record = next(m for m in matches.matches_of_student(db, student_id) if m["ended_on"] is None)
    assert record["mentor_id"] == chosen["mentor_id"]
    assert (record["usual_weekday"], record["usual_slot"]) == (2, "lunch")
    if students.student(db, student_id)["consent_status"] != "given":
        assert asked and "consent" in asked[0].lower()
    load_after = matches.open_match_counts(db, window.desk.year_id)
    assert load_after[chosen["mentor_id"]] == load_before.get(chosen["mentor_id"], 0) + 1
    this_year = [n for n in nominations.nominations_of(db, student_id)
                 if n["year_id"] == window.desk.year_id]
    assert all(n["status"] in ("accepted", "declined") for n in this_year)
    # The list shows the new mentor at once and the mentors screen the new load.
    wait_loaded(qtbot, screen)
    assert screen.detail.current_match is not None
    window.show_screen("mentors")
    mentors_screen = window.screens["mentors"]
    wait_loaded(qtbot, mentors_screen)
    row = mentors_screen.model.row_at(mentors_screen.model.row_of(
        lambda r: r["id"] == chosen["mentor_id"]))
    assert row["mentees"] == load_after[chosen["mentor_id"]]


def test_declining_the_consent_question_makes_no_match(qtbot, window, monkeypatch):
    from ui.dialogs.match_dialog import MatchDialog

    screen = window.screens["students"]
    screen.who.setCurrentIndex(screen.who.findData(student_rows.WAITING))
    row = screen.proxy.proxy_row_of(lambda r: r["consent_status"] != "given")
    select_row(screen.table, row)
    student_id = screen.current_student_id()
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.No)
    dialog = MatchDialog(window.desk, student_id, window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0)
    dialog.accept()
    assert not [m for m in matches.matches_of_student(window.desk.db, student_id)
                if m["ended_on"] is None]


def test_changing_mentor_closes_the_old_match(qtbot, window, monkeypatch):
    from ui.dialogs.match_dialog import MatchDialog

    screen = window.screens["students"]
    select_row(screen.table, screen.proxy.proxy_row_of(lambda r: r["match_id"] is not None))
    student_id = screen.current_student_id()
    old = screen.detail.current_match
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog = MatchDialog(window.desk, student_id, window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0)
    other = dialog.proxy.proxy_row_of(lambda r: r["mentor_id"] != old["mentor_id"])
    select_row(dialog.table, other)
    dialog.close_reason.setCurrentIndex(dialog.close_reason.findData("mismatch"))
    dialog.accept()
    closed = matches.match(window.desk.db, old["id"])
    assert closed["ended_on"] is not None and closed["closure_reason"] == "mismatch"
    open_now = [m for m in matches.matches_of_student(window.desk.db, student_id)
                if m["ended_on"] is None]
    assert len(open_now) == 1 and open_now[0]["mentor_id"] != old["mentor_id"]


def test_closing_a_match_with_a_reason_keeps_it_in_the_history(qtbot, window):
    from ui.dialogs.close_match import CloseMatchDialog

    window.show_screen("matches")
    screen = window.screens["matches"]
    wait_loaded(qtbot, screen)
    select_row(screen.table, 0)
    match_id = screen.current_match_id()
    open_before = screen.proxy.rowCount()

    def close(dialog: CloseMatchDialog) -> None:
        dialog.reason.setCurrentIndex(dialog.reason.findData("student_moved"))
        qtbot.keyClicks(dialog.note, "Family moved to Denver.")
        dialog.accept()

    seen = when_dialog_opens(CloseMatchDialog, close)
    qtbot.mouseClick(screen.detail.close_button, Qt.MouseButton.LeftButton)
    assert seen
    record = matches.match(window.desk.db, match_id)
    assert record["closure_reason"] == "student_moved"
    assert record["closure_note"] == "Family moved to Denver."
    wait_loaded(qtbot, screen)
    # Ended matches leave the "open" list but the history (All) keeps them.
    assert screen.current_match_id() == match_id
    assert "Student moved" in screen.detail.facts.text()
    screen.which.setCurrentIndex(screen.which.findData(match_rows.OPEN))
    assert screen.proxy.rowCount() == open_before - 1
    screen.which.setCurrentIndex(screen.which.findData(match_rows.CLOSED))
    assert screen.proxy.proxy_row_of(lambda r: r["id"] == match_id) is not None


def test_matches_filters_and_sorting(qtbot, window):
    window.show_screen("matches")
    screen = window.screens["matches"]
    wait_loaded(qtbot, screen)
    screen.which.setCurrentIndex(screen.which.findData(match_rows.ALL))
    everything = screen.proxy.rowCount()
    screen.which.setCurrentIndex(screen.which.findData(match_rows.CLOSED))
    assert all(not r["is_open"] for r in screen.proxy.visible_rows())
    screen.which.setCurrentIndex(screen.which.findData(match_rows.ALL))
    mentor = mentors.all_mentors(window.desk.db)[0]
    screen.mentor.setCurrentIndex(screen.mentor.findData(mentor["id"]))
    assert all(r["mentor_id"] == mentor["id"] for r in screen.proxy.visible_rows())
    screen.mentor.setCurrentIndex(0)
    assert screen.proxy.rowCount() == everything
    screen.table.sortByColumn(match_rows.STARTED, Qt.SortOrder.DescendingOrder)
    starts = [r["started_on"] for r in screen.proxy.visible_rows()]
    assert starts == sorted(starts, reverse=True)


def test_match_a_waiting_student_goes_to_the_waiting_list(qtbot, window):
    window.show_screen("matches")
    screen = window.screens["matches"]
    qtbot.mouseClick(screen.waiting_button, Qt.MouseButton.LeftButton)
    students_screen = window.screens["students"]
    assert window.stack.currentWidget() is students_screen
    assert students_screen.who.currentData() == student_rows.WAITING


def test_the_matches_models_pass_the_model_tester(qtmodeltester, qtbot, window):
    window.show_screen("matches")
    screen = window.screens["matches"]
    wait_loaded(qtbot, screen)
    select_row(screen.table, 0)
    qtmodeltester.check(screen.model)
    qtmodeltester.check(screen.proxy)
    qtmodeltester.check(screen.detail.meetings_model)
