"""Pieces the dialogs share: a date field that may be empty, the button row, form helpers."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QWidget,
)


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


def line_edit(text: str, name: str, tooltip: str, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit(text or "")
    edit.setAccessibleName(name)
    edit.setToolTip(tooltip)
    if placeholder:
        edit.setPlaceholderText(placeholder)
    return edit


def ok_cancel(dialog, ok_text: str, ok_tooltip: str) -> QDialogButtonBox:
    """Save / Cancel buttons wired to the dialog's accept and reject."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(ok_text)
    ok.setToolTip(ok_tooltip)
    ok.setAccessibleName(ok_text)
    ok.setObjectName("primary")
    cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
    cancel.setToolTip("Close without saving anything")
    cancel.setAccessibleName("Cancel")
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def plain(text: str) -> str:
    """Text from a form field, trimmed."""
    return (text or "").strip()


ALIGN_TOP = Qt.AlignmentFlag.AlignTop
