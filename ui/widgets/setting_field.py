"""One declared setting on the Settings screen: its words, a control of its type, its help text.

A change is saved at once through actions.settings.change_setting; a refusal is explained and
the control goes back to the value stored.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from program.vocabulary import GRADE_LONG, grade_words
from storage import settings as stored_settings

GRADE_KEYS = ("lowest_grade", "top_grade")


class GradeSpin(QSpinBox):
    """A grade as people say it: "Pre-kindergarten", "Kindergarten", "Grade 6"."""

    def textFromValue(self, value: int) -> str:  # noqa: N802 - Qt override
        return grade_words(value, long=True)

    def valueFromText(self, text: str) -> int:  # noqa: N802 - Qt override
        grade = _grade_typed(text)
        return self.value() if grade is None else grade

    def validate(self, text: str, position: int) -> object:  # noqa: N802 - Qt override
        grade = _grade_typed(text)
        ok = grade is not None and self.minimum() <= grade <= self.maximum()
        return (QValidator.State.Acceptable if ok else QValidator.State.Intermediate,
                text, position)


def _grade_typed(text: str) -> int | None:
    """ "K", "Kindergarten", "PK", "6", "Grade 6" -> the grade number (None: not a grade)."""
    typed = text.strip().casefold()
    for grade, words in GRADE_LONG.items():
        if typed in (words.casefold(), grade_words(grade).casefold()):
            return grade
    digits = typed.removeprefix("grade").strip()
    try:
        return int(digits)
    except ValueError:
        return None


class SettingField(QWidget):
    """The control for one setting; ``save_requested(key, value)`` when the person changes it."""

    save_requested = Signal(str, object)

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.declared = stored_settings.SETTINGS_BY_KEY[key]
        self.stored: Any = self.declared.default
        self.control = self._make_control()
        self.control.setAccessibleName(self.declared.label)
        self.control.setToolTip(self.declared.help)
        self.setFocusProxy(self.control)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.control, 1 if isinstance(self.control, QLineEdit) else 0)
        if not isinstance(self.control, QLineEdit):
            row.addStretch(1)
        self.help = help_label(self.declared.help)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 4)
        column.setSpacing(2)
        column.addLayout(row)
        column.addWidget(self.help)

    def _make_control(self) -> QWidget:
        declared = self.declared
        if declared.kind is bool:
            box = QCheckBox(declared.label)
            box.toggled.connect(lambda on: self._changed(on))
            return box
        if declared.kind is int:
            spin = GradeSpin() if self.key in GRADE_KEYS else QSpinBox()
            spin.setRange(int(declared.minimum if declared.minimum is not None else -1000),
                          int(declared.maximum if declared.maximum is not None else 1000))
            spin.setKeyboardTracking(False)  # typed digits count on Enter or leaving the box
            spin.valueChanged.connect(lambda value: self._changed(value))
            spin.setMinimumWidth(spin.fontMetrics().horizontalAdvance("Pre-kindergarten") + 40
                                 if self.key in GRADE_KEYS else 0)
            return spin
        if declared.kind is float:  # a share, such as the class periods missed for an absence
            spin = QDoubleSpinBox()
            spin.setDecimals(2)
            spin.setSingleStep(0.05)
            spin.setRange(float(declared.minimum if declared.minimum is not None else 0),
                          float(declared.maximum if declared.maximum is not None else 1000))
            spin.setKeyboardTracking(False)
            spin.valueChanged.connect(lambda value: self._changed(round(value, 2)))
            return spin
        edit = QLineEdit()
        edit.editingFinished.connect(lambda: self._changed(edit.text().strip()))
        return edit

    def show_value(self, value: Any) -> None:
        """Show the stored value (quietly: no save)."""
        self.stored = value
        control = self.control
        control.blockSignals(True)
        if isinstance(control, QCheckBox):
            control.setChecked(bool(value))
        elif isinstance(control, QSpinBox):
            control.setValue(int(value))
        elif isinstance(control, QDoubleSpinBox):
            control.setValue(float(value))
        else:
            control.setText(str(value or ""))
        control.blockSignals(False)

    def _changed(self, value: Any) -> None:
        if value != self.stored:
            self.save_requested.emit(self.key, value)


def help_label(text: str) -> QLabel:
    """A setting's help text, under its control."""
    label = QLabel(text)
    label.setObjectName("hint")
    label.setWordWrap(True)
    return label


def add_setting_rows(form: QFormLayout, fields: list[SettingField],
                     words: Callable[[str], str] | None = None) -> None:
    """Each field with its words on the left (a tick box carries its own; ``words(key)`` may
    add an Alt+letter), its help underneath the control."""
    for field in fields:
        declared = field.declared
        if declared.kind is bool:
            form.addRow("", field)
        else:
            form.addRow(words(declared.key) if words else declared.label, field)
            label = form.labelForField(field)
            if isinstance(label, QLabel):
                label.setBuddy(field.control)
