"""Referrals on a real window: raised from a student's page, from Log a meeting and from the
Referrals screen (Ctrl+8), then moved along with dated notes; the filters open, due, by kind."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QUrl

from storage import matches, meetings, referrals
from tests.conftest import DEMO_TODAY
from tests.desk.conftest import wait_loaded
from tests.desk.helpers import when_dialog_opens
from ui.models.referrals import ALL, DUE, OPEN, RESOLVED


def _matched_student(window) -> dict:
    return matches.open_matches(window.desk.db, window.desk.year_id)[0]


def test_raising_a_referral_from_a_students_page(qtbot, window):
    from ui.dialogs.referral_dialog import RaiseReferralDialog

    match = _matched_student(window)
    students_screen = window.screens["students"]
    students_screen.show_student(match["student_id"])
    wait_loaded(qtbot, students_screen)
    detail = students_screen.detail
    detail.tabs.setCurrentIndex(4)  # Referrals
    before = len(referrals.referrals_of(window.desk.db, match["student_id"]))

    def fill(dialog: RaiseReferralDialog) -> None:
        # The student's own mentor is offered as the one who raised it.
        assert dialog.raised_by.currentData() == match["mentor_id"]
        dialog.kind.setCurrentIndex(dialog.kind.findData("nurse"))
        qtbot.keyClicks(dialog.need, "Falls asleep in class; may not be eating")
        assert dialog.follow_up.day() == DEMO_TODAY + dt.timedelta(days=7)
        dialog.accept()

    seen = when_dialog_opens(RaiseReferralDialog, fill)
    qtbot.mouseClick(detail.referral_button, Qt.MouseButton.LeftButton)
    assert seen
    saved = referrals.referrals_of(window.desk.db, match["student_id"])
    assert len(saved) == before + 1
    newest = saved[0]
    assert (newest["kind"], newest["need"], newest["raised_by_mentor_id"]) == (
        "nurse", "Falls asleep in class; may not be eating", match["mentor_id"])
    assert newest["opened_on"] == DEMO_TODAY.isoformat()
    assert "Falls asleep in class" in detail.referrals_view.toPlainText()
    assert "Referred" in window.statusBar().currentMessage()
    assert window.undo_action.text().startswith("&Undo Refer ")


def test_a_need_bigger_than_a_mentor_is_raised_with_the_meeting(qtbot, window):
    from ui.dialogs.log_meeting import LogMeetingDialog

    match = _matched_student(window)
    dialog = LogMeetingDialog(window.desk, window, student_id=match["student_id"])
    qtbot.addWidget(dialog)
    assert not dialog.referral_kind.isVisible()  # only the tick until it is ticked
    dialog.show()
    dialog.referral_box.setChecked(True)
    assert dialog.referral_kind.isVisible()
    dialog.accept()
    assert dialog.isVisible() and "Write the need" in dialog.problem.text()  # not saved yet
    dialog.referral_kind.setCurrentIndex(dialog.referral_kind.findData("social_worker"))
    qtbot.keyClicks(dialog.referral_need, "No heat at home")
    dialog.accept()
    meeting_id = dialog.saved_meeting_id
    assert meetings.meeting(window.desk.db, meeting_id) is not None
    (raised,) = [row for row in referrals.referrals_of(window.desk.db, match["student_id"])
                 if row["meeting_id"] == meeting_id]
    assert (raised["kind"], raised["need"], raised["raised_by_mentor_id"]) == (
        "social_worker", "No heat at home", match["mentor_id"])
    assert window.undo_action.text().endswith("and a referral")
    # One change, one undo: the meeting and its referral go together.
    window.undo_action.trigger()
    assert meetings.meeting(window.desk.db, meeting_id) is None
    assert all(row["meeting_id"] != meeting_id
               for row in referrals.referrals_of(window.desk.db, match["student_id"]))


def test_the_referrals_screen_raises_updates_and_filters(qtbot, window, frozen_clock):
    from ui.dialogs.referral_dialog import RaiseReferralDialog, UpdateReferralDialog

    qtbot.keyClick(window, Qt.Key.Key_8, Qt.KeyboardModifier.ControlModifier)
    screen = window.screens["referrals"]
    assert window.stack.currentWidget() is screen
    wait_loaded(qtbot, screen)
    match = _matched_student(window)

    def raise_one(dialog: RaiseReferralDialog) -> None:
        qtbot.keyClicks(dialog.student.lineEdit(), match["student_last_name"])
        dialog.student.setCurrentIndex(dialog.student.findData(match["student_id"]))
        dialog.kind.setCurrentIndex(dialog.kind.findData("counselor"))
        qtbot.keyClicks(dialog.need, "Grief after a loss in the family")
        dialog.opened_on.set_day(DEMO_TODAY - dt.timedelta(days=10))
        dialog.follow_up.edit.set_day(DEMO_TODAY - dt.timedelta(days=3))
        dialog.accept()

    seen = when_dialog_opens(RaiseReferralDialog, raise_one)
    qtbot.keyClick(screen.raise_button, Qt.Key.Key_Space)
    assert seen
    wait_loaded(qtbot, screen)
    row = screen.current_row()
    assert row is not None and row["need"] == "Grief after a loss in the family"
    assert row["due"]  # follow-up three days ago
    referral_id = row["id"]

    screen.show_which.setCurrentIndex(screen.show_which.findData(DUE))
    assert referral_id in [r["id"] for r in screen.proxy.visible_rows()]
    assert all(r["due"] for r in screen.proxy.visible_rows())
    screen.kind.setCurrentIndex(screen.kind.findData("nurse"))
    assert referral_id not in [r["id"] for r in screen.proxy.visible_rows()]
    screen.clear_filters()
    assert screen.show_which.currentData() == OPEN
    screen.choose(referral_id)

    frozen_clock.freeze(dt.datetime(2026, 11, 25, 9, 0))

    def move_along(dialog: UpdateReferralDialog) -> None:
        dialog.status_buttons["in_progress"].setChecked(True)
        qtbot.keyClicks(dialog.note, "Counselor met her twice")
        dialog.follow_up.edit.set_day(dt.date(2026, 12, 2))
        dialog.accept()

    seen = when_dialog_opens(UpdateReferralDialog, move_along)
    qtbot.mouseClick(screen.detail.update_button, Qt.MouseButton.LeftButton)
    assert seen
    wait_loaded(qtbot, screen)
    saved = referrals.referral(window.desk.db, referral_id)
    assert (saved["status"], saved["follow_up_on"]) == ("in_progress", "2026-12-02")
    assert saved["notes"][-1]["noted_on"] == "2026-11-25"
    assert saved["notes"][-1]["note"] == "Counselor met her twice. Follow up on 2 Dec 2026."
    assert "Counselor met her twice" in screen.detail.body.toPlainText()

    def resolve(dialog: UpdateReferralDialog) -> None:
        dialog.status_buttons["resolved"].setChecked(True)
        dialog.accept()

    when_dialog_opens(UpdateReferralDialog, resolve)
    qtbot.mouseClick(screen.detail.update_button, Qt.MouseButton.LeftButton)
    wait_loaded(qtbot, screen)
    assert referrals.referral(window.desk.db, referral_id)["status"] == "resolved"
    assert referral_id not in [r["id"] for r in screen.proxy.visible_rows()]  # Open: not now
    screen.show_which.setCurrentIndex(screen.show_which.findData(RESOLVED))
    assert referral_id in [r["id"] for r in screen.proxy.visible_rows()]
    screen.show_which.setCurrentIndex(screen.show_which.findData(ALL))
    assert screen.proxy.rowCount() == screen.model.rowCount()


def test_a_referral_is_updated_from_the_students_page(qtbot, window):
    from ui.dialogs.referral_dialog import UpdateReferralDialog

    db = window.desk.db
    row = next(r for r in referrals.referrals_in_year(db, window.desk.year_id)
               if r["status"] != "resolved")
    students_screen = window.screens["students"]
    students_screen.show_student(row["student_id"])
    wait_loaded(qtbot, students_screen)
    detail = students_screen.detail
    assert "Update…" in detail.referrals_view.toHtml()

    def note(dialog: UpdateReferralDialog) -> None:
        qtbot.keyClicks(dialog.note, "Called home; mother will come in")
        dialog.accept()

    seen = when_dialog_opens(UpdateReferralDialog, note)
    detail.referrals_view.anchorClicked.emit(QUrl(f"referral:{row['id']}"))
    assert seen
    assert referrals.referral(db, row["id"])["notes"][-1]["note"] == \
        "Called home; mother will come in"
    assert "Called home; mother will come in" in detail.referrals_view.toPlainText()


def test_an_update_that_changes_nothing_is_refused_in_the_dialog(qtbot, window):
    from ui.dialogs.referral_dialog import UpdateReferralDialog

    row = next(r for r in referrals.referrals_in_year(window.desk.db, window.desk.year_id)
               if r["status"] != "resolved")
    notes = len(referrals.referral(window.desk.db, row["id"])["notes"])
    dialog = UpdateReferralDialog(window.desk, row["id"], window)
    qtbot.addWidget(dialog)
    dialog.accept()
    assert "Nothing to change" in dialog.problem.text()
    assert len(referrals.referral(window.desk.db, row["id"])["notes"]) == notes


def test_ctrl_r_raises_a_referral_for_the_student_on_screen(qtbot, window):
    from ui.dialogs.referral_dialog import RaiseReferralDialog

    match = _matched_student(window)
    window.screens["students"].show_student(match["student_id"])
    wait_loaded(qtbot, window.screens["students"])
    seen_for = []

    def look(dialog: RaiseReferralDialog) -> None:
        seen_for.append(dialog.current_student_id())
        dialog.reject()

    when_dialog_opens(RaiseReferralDialog, look)
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert seen_for == [match["student_id"]]
