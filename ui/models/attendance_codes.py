"""Attendance codes a file uses that MentorDesk does not know yet, and what each means."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from program.vocabulary import ATTENDANCE_STATUSES
from ui.models.choice_table import ChoiceTableModel
from ui.models.import_columns import CHOICES_ROLE, KEY_ROLE

CODE, ROWS, MEANS = range(3)
NOT_CHOSEN = ""

Index = QModelIndex | QPersistentModelIndex


class UnknownCodesModel(ChoiceTableModel):
    """Code, how many rows use it, and the status chosen for it (editable)."""

    TITLES = ("Code", "Rows", "Means")
    TOOLTIPS = ("The code as the file writes it", "How many rows use it",
                "What the code means; choose one for every code")
    CHOICE_COLUMN = MEANS

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[dict] = []
        self._choices: list[tuple[str, str]] = list(ATTENDANCE_STATUSES.items())

    def set_codes(self, codes: list[tuple[str, int]],
                  choices: list[tuple[str, str]] | None = None) -> None:
        """The codes (with how many rows use each) and the meanings to choose from (by
        default the attendance statuses)."""
        self.beginResetModel()
        self._rows = [{"code": code, "rows": rows, "status": NOT_CHOSEN} for code, rows in codes]
        if choices is not None:
            self._choices = list(choices)
        self.endResetModel()

    def chosen(self) -> dict[str, str]:
        """code -> status, for every code with a status chosen."""
        return {row["code"]: row["status"] for row in self._rows if row["status"]}

    def all_chosen(self) -> bool:
        return bool(self._rows) and all(row["status"] for row in self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == CODE:
                return row["code"] or "(blank)"
            if column == ROWS:
                return str(row["rows"])
            return dict(self._choices).get(row["status"], "Choose…")
        if role in (Qt.ItemDataRole.EditRole, KEY_ROLE) and column == MEANS:
            return row["status"]
        if role == CHOICES_ROLE:
            return [(NOT_CHOSEN, "Choose…")] + self._choices
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.TOOLTIPS[column]
        return None

    def setData(self, index: Index, value: Any,  # noqa: N802 - Qt override
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != MEANS or role != Qt.ItemDataRole.EditRole:
            return False
        self._rows[index.row()]["status"] = str(value or "")
        self.dataChanged.emit(index, index)
        return True
