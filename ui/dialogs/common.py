"""Pieces the dialogs share: a date field that may be empty, the button row, form helpers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)


def resize_within_screen(widget: QWidget, width: int, height: int) -> None:
    """Start at ``width`` x ``height``, or smaller on a small screen (or at 150% scaling)."""
    screen = widget.screen()
    if screen is not None:
        room = screen.availableGeometry()
        width, height = min(width, int(room.width() * 0.95)), min(height, int(room.height() * 0.9))
    widget.resize(width, height)


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


class DateField(QDateEdit):
    """A date with a calendar pop-up, shown as people write it."""

    def __init__(self, day: dt.date, name: str, tooltip: str) -> None:
        super().__init__(to_qdate(day))
        self.setCalendarPopup(True)
        self.setDisplayFormat("ddd d MMM yyyy")
        self.setAccessibleName(name)
        self.setToolTip(tooltip)

    def day(self) -> dt.date:
        return from_qdate(self.date())

    def set_day(self, day: dt.date) -> None:
        self.setDate(to_qdate(day))


class OptionalDate(QWidget):
    """A date that may be left out: a tick box in front of the date."""

    def __init__(self, label: str, day: dt.date | None, default: dt.date, tooltip: str) -> None:
        super().__init__()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.check = QCheckBox(label)
        self.check.setToolTip(tooltip)
        self.check.setAccessibleName(label)
        self.edit = DateField(day or default, f"{label}: date", tooltip)
        self.check.setChecked(day is not None)
        self.edit.setEnabled(day is not None)
        self.check.toggled.connect(self.edit.setEnabled)
        layout.addWidget(self.check)
        layout.addWidget(self.edit)
        layout.addStretch(1)
        self.setFocusProxy(self.check)

    def day(self) -> dt.date | None:
        return self.edit.day() if self.check.isChecked() else None


def day_or_none(text: str | None) -> dt.date | None:
    """A stored date (ISO text) as a date; None for none."""
    return dt.date.fromisoformat(text) if text else None


def line_edit(text: str | None, name: str, tooltip: str, placeholder: str = "") -> QLineEdit:
    """A one-line text field with its accessible name and tooltip."""
    edit = QLineEdit(text or "")
    edit.setAccessibleName(name)
    edit.setToolTip(tooltip)
    if placeholder:
        edit.setPlaceholderText(placeholder)
    return edit


def choice(name: str, tooltip: str, choices: list[tuple[str, Any]],
           current: Any = None) -> QComboBox:
    """A drop-down of words with their stored values, ``current`` chosen (else the first)."""
    combo = QComboBox()
    combo.setAccessibleName(name)
    combo.setToolTip(tooltip)
    for text, value in choices:
        combo.addItem(text, value)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


def notes_field(text: str | None, tooltip: str, lines: int = 3) -> QPlainTextEdit:
    """A few lines of free text; Tab moves on to the next field."""
    edit = QPlainTextEdit(text or "")
    edit.setAccessibleName("Notes")
    edit.setToolTip(tooltip)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(edit.fontMetrics().height() * lines + 12)
    return edit


def ok_cancel(dialog, ok_text: str, ok_tooltip: str,
              cancel_tooltip: str = "Close without saving anything") -> QDialogButtonBox:
    """Save / Cancel buttons wired to the dialog's accept and reject (the Save button is
    ``buttons.button(QDialogButtonBox.StandardButton.Ok)``)."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(ok_text)
    ok.setToolTip(ok_tooltip)
    ok.setAccessibleName(ok_text)
    ok.setObjectName("primary")
    cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
    cancel.setToolTip(cancel_tooltip)
    cancel.setAccessibleName("Cancel")
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def plain(text: str) -> str:
    """Text from a form field, trimmed."""
    return (text or "").strip()

