"""Every control a facilitator can reach has a tooltip and an accessible name; Tab moves through
the Students screen in reading order."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QWidget,
)

from storage import matches
from tests.desk.conftest import wait_loaded

CONTROLS = (QAbstractButton, QComboBox, QLineEdit, QAbstractItemView, QAbstractSpinBox,
            QPlainTextEdit)


def _unnamed(root: QWidget) -> list[str]:
    problems = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or isinstance(widget, (QTabBar, QHeaderView)):
            continue  # tab and column titles carry their own tooltips
        if widget.parent() is not None and isinstance(widget.parent(), (QComboBox,
                                                                        QAbstractSpinBox)):
            continue  # a combo box's or spin box's own line edit
        if type(widget).__name__ in ("QLineEdit",) and isinstance(
                widget.parent(), QComboBox):
            continue
        if not widget.isVisibleTo(root):
            continue
        if widget.objectName().startswith("qt_") or type(widget).__module__ != "PySide6.QtWidgets" \
                and not type(widget).__module__.startswith("ui."):
            continue
        text = getattr(widget, "text", lambda: "")()
        if not widget.toolTip() and not (isinstance(widget, QAbstractButton)
                                         and widget.parent() is not None
                                         and type(widget.parent()).__name__ == "QDialogButtonBox"
                                         and text in ("Cancel", "&Cancel")):
            problems.append(f"no tooltip: {type(widget).__name__} {text!r} "
                            f"{widget.accessibleName()!r}")
        if not widget.accessibleName() and not text:
            problems.append(f"no accessible name: {type(widget).__name__} {widget.toolTip()!r}")
    return problems


def test_every_screen_names_its_controls(qtbot, window):
    problems = []
    for key, screen in window.screens.items():
        window.show_screen(key)
        wait_loaded(qtbot, screen)
        table = getattr(screen, "table", None)
        if table is not None and table.model().rowCount():
            table.selectRow(0)
        problems += [f"{key}: {p}" for p in _unnamed(screen)]
    problems += [f"top bar: {p}" for p in _unnamed(window.top_bar)]
    settings_screen = window.screens["settings"]
    window.show_screen("settings")
    for index in range(settings_screen.tabs.count()):
        settings_screen.tabs.setCurrentIndex(index)
        name = settings_screen.tabs.tabText(index)
        problems += [f"settings, {name}: {p}" for p in _unnamed(settings_screen)]
    assert problems == [], "\n".join(problems)


def test_every_dialog_names_its_controls(qtbot, window):
    from ui.dialogs.close_match import CloseMatchDialog
    from ui.dialogs.log_meeting import LogMeetingDialog
    from ui.dialogs.match_dialog import MatchDialog
    from ui.dialogs.mentor_editor import MentorEditor
    from ui.dialogs.referral_dialog import RaiseReferralDialog, UpdateReferralDialog
    from ui.dialogs.student_editor import StudentEditor
    from ui.dialogs.suggest_all import SuggestAllDialog
    from ui.dialogs.training_dialog import TrainingEditor
    from ui.dialogs.year_dialog import YearDialog

    match = matches.open_matches(window.desk.db, window.desk.year_id)[0]
    meeting = LogMeetingDialog(window.desk, window, student_id=match["student_id"])
    meeting.referral_box.setChecked(True)  # the referral's fields too
    referral_id = window.desk.db.execute("SELECT min(id) FROM referrals").fetchone()[0]
    training_id = window.desk.db.execute("SELECT min(id) FROM trainings").fetchone()[0]
    dialogs = [
        meeting,
        RaiseReferralDialog(window.desk, window),
        RaiseReferralDialog(window.desk, window, student_id=match["student_id"]),
        UpdateReferralDialog(window.desk, referral_id, window),
        TrainingEditor(window.desk, training_id, window),
        YearDialog(window.desk, window.desk.year_id, window),
        LogMeetingDialog(window.desk, window, student_id=match["student_id"]),
        StudentEditor(window.desk, match["student_id"], window),
        MentorEditor(window.desk, match["mentor_id"], window),
        CloseMatchDialog(window.desk, match["id"], window),
        MatchDialog(window.desk, match["student_id"], window),
        SuggestAllDialog(window.desk, window),
    ]
    problems = []
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        problems += [f"{type(dialog).__name__}: {p}" for p in _unnamed(dialog)]
        dialog.close()
    assert problems == [], "\n".join(problems)


def test_tab_moves_through_the_students_filters_in_order(qtbot, window):
    screen = window.screens["students"]
    screen.search.setFocus()
    order = []
    for _ in range(6):
        order.append(window.focusWidget())
        qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
    assert order[:6] == [screen.search, screen.grade, screen.tier, screen.who, screen.concern,
                         screen.table]


@pytest.mark.parametrize(("key", "names"), [
    ("mentors", ["search", "which", "table"]),
    ("matches", ["search", "which", "mentor", "table"]),
    ("meetings", ["search", "month", "mentor", "edit_button", "delete_button", "table"]),
    ("referrals", ["search", "show_which", "kind", "table"]),
])
def test_tab_moves_through_each_lists_filters_in_reading_order(qtbot, window, key, names):
    window.show_screen(key)
    screen = window.screens[key]
    wait_loaded(qtbot, screen)
    from ui.screens.base import select_row

    select_row(screen.table, 0)  # the meeting buttons are enabled with a meeting chosen
    assert screen.current_id() is not None
    screen.search.setFocus()
    order = []
    for _ in names:
        order.append(window.focusWidget())
        qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
    assert order == [getattr(screen, name) for name in names]
