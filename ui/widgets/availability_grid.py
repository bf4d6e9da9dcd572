"""The weekday x slot grid (before school, planning period, lunch, after school), clickable."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QToolButton, QWidget

from program.vocabulary import SLOTS as SLOT_WORDS
from program.vocabulary import WEEKDAYS
from storage.availability import SLOTS
from ui.words import WEEKDAYS_SHORT

Grid = set[tuple[int, str]]

_BUTTON_STYLE = """
QToolButton { background: #ffffff; border: 1px solid #c7d0d9; border-radius: 3px;
              min-width: 44px; min-height: 22px; color: #52606d; }
QToolButton:checked { background: #2f6690; border-color: #24506f; color: white; font-weight: 600; }
QToolButton:focus { border: 2px solid #f0b429; }
QToolButton:disabled { color: #52606d; }
QToolButton:checked:disabled { background: #5b88ad; color: white; }
"""


class AvailabilityGrid(QWidget):
    """When someone can meet: a button per weekday and slot; pressed means free."""

    changed = Signal(set)  # the new grid, after a click

    def __init__(self, who: str = "this person", parent: QWidget | None = None, *,
                 editable: bool = True) -> None:
        super().__init__(parent)
        self._who = who
        self._buttons: dict[tuple[int, str], QToolButton] = {}
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setHorizontalSpacing(4)
        layout.setVerticalSpacing(3)
        for column, day in enumerate(WEEKDAYS_SHORT, start=1):
            label = QLabel(day)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setToolTip(WEEKDAYS[column - 1])
            layout.addWidget(label, 0, column)
        for row, slot in enumerate(SLOTS, start=1):
            label = QLabel(SLOT_WORDS[slot])
            layout.addWidget(label, row, 0)
            for weekday in range(5):
                button = QToolButton()
                button.setCheckable(True)
                button.setStyleSheet(_BUTTON_STYLE)
                button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
                button.toggled.connect(lambda on, b=button: b.setText("Free" if on else ""))
                button.clicked.connect(self._clicked)
                self._buttons[(weekday, slot)] = button
                layout.addWidget(button, row, weekday + 1)
        layout.setColumnStretch(6, 1)
        self.set_who(who)
        self.set_editable(editable)

    def set_who(self, who: str) -> None:
        """Name the person in tooltips and accessible names ("Ana can meet Monday lunch")."""
        self._who = who
        self.setAccessibleName(f"When {who} can meet")
        for (weekday, slot), button in self._buttons.items():
            when = f"{WEEKDAYS[weekday]}, {SLOT_WORDS[slot].lower()}"
            button.setAccessibleName(when)
            button.setToolTip(f"{when}: pressed means {who} is free then. Click to change.")

    def set_editable(self, editable: bool) -> None:
        for button in self._buttons.values():
            button.setEnabled(editable)

    def set_grid(self, grid: Grid) -> None:
        """Show ``grid`` (no ``changed`` signal)."""
        for key, button in self._buttons.items():
            button.blockSignals(True)
            button.setChecked(key in grid)
            button.setText("Free" if key in grid else "")
            button.blockSignals(False)

    def grid(self) -> Grid:
        return {key for key, button in self._buttons.items() if button.isChecked()}

    def button(self, weekday: int, slot: str) -> QToolButton:
        return self._buttons[(weekday, slot)]

    def _clicked(self) -> None:
        self.changed.emit(self.grid())
