"""The import window's column list: each column of the file, examples, and what it is read as.

The third column is editable (a drop-down of the kind's fields); a field goes to one column at
most, so choosing it for one column takes it off any other.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from importing.fields import Field
from importing.headers import Mapping, Table, sample_values
from ui.models.choice_table import ChoiceTableModel

HEADER, EXAMPLES, MEANING = range(3)
LEAVE_OUT = "Not imported"
CHOICES_ROLE = Qt.ItemDataRole.UserRole + 2  # [(key, label)] for the drop-down
KEY_ROLE = Qt.ItemDataRole.UserRole + 3

Index = QModelIndex | QPersistentModelIndex


class ColumnMappingModel(ChoiceTableModel):
    """One row per column of the table found on a sheet."""

    mapping_changed = Signal()

    TITLES = ("Column in the file", "Examples", "MentorDesk reads it as")
    TOOLTIPS = ("The column's name in the spreadsheet",
                "The first few values in that column",
                "What MentorDesk takes the column to hold; choose another, or Not imported")
    CHOICE_COLUMN = MEANING

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._table: Table | None = None
        self._fields: tuple[Field, ...] = ()
        self._samples: list[str] = []
        self._mapping: Mapping = {}

    def set_table(self, table: Table, fields: tuple[Field, ...]) -> None:
        self.beginResetModel()
        self._table = table
        self._fields = tuple(spec for spec in fields if not spec.key.startswith("ignore"))
        # One example a line: "Rivera, Ana" is one name, not two.
        self._samples = ["\n".join(sample_values(table, column))
                         for column in range(len(table.headers))]
        self._mapping = {column: key for column, key in table.mapping.items()
                         if not key.startswith("ignore")}
        self.endResetModel()

    def mapping(self) -> Mapping:
        return dict(self._mapping)

    def label_of(self, key: str | None) -> str:
        for spec in self._fields:
            if spec.key == key:
                return spec.label
        return LEAVE_OUT

    def choices(self) -> list[tuple[str, str]]:
        return [("", LEAVE_OUT)] + [(spec.key, spec.label) for spec in self._fields]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        if parent.isValid() or self._table is None:
            return 0
        return len(self._table.headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self._table is None:
            return None
        row, column = index.row(), index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == HEADER:
                return self._table.headers[row] or f"(column {row + 1}, no name)"
            if column == EXAMPLES:
                return self._samples[row]
            return self.label_of(self._mapping.get(row))
        if role == Qt.ItemDataRole.EditRole and column == MEANING:
            return self._mapping.get(row, "")
        if role == KEY_ROLE:
            return self._mapping.get(row, "")
        if role == CHOICES_ROLE:
            return self.choices()
        if role == Qt.ItemDataRole.ForegroundRole and column == MEANING and \
                row not in self._mapping:
            return QColor("#7b8794")
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == MEANING:
                return "Double-click (or press F2) to choose what this column holds."
            return self.TOOLTIPS[column]
        return None

    def setData(self, index: Index, value: Any,  # noqa: N802 - Qt override
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != MEANING or role != Qt.ItemDataRole.EditRole:
            return False
        key = str(value or "")
        row = index.row()
        changed_rows = {row}
        if key:
            for other, other_key in list(self._mapping.items()):
                if other_key == key and other != row:
                    del self._mapping[other]
                    changed_rows.add(other)
            self._mapping[row] = key
        else:
            self._mapping.pop(row, None)
        for changed in changed_rows:
            cell = self.index(changed, MEANING)
            self.dataChanged.emit(cell, cell)
        self.mapping_changed.emit()
        return True
