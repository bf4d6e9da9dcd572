"""The sheets of a workbook to import, each ticked or not."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal

Index = QModelIndex | QPersistentModelIndex


class SheetChoiceModel(QAbstractListModel):
    """One row per sheet: its name and size, ticked to import it; sheets without a table for
    the chosen kind cannot be ticked."""

    choice_changed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[dict] = []

    def set_sheets(self, sheets: list[dict]) -> None:
        """``sheets``: dicts with name, rows (data rows), usable (a table was found), why."""
        self.beginResetModel()
        self._rows = [{**sheet, "ticked": sheet["usable"]} for sheet in sheets]
        self.endResetModel()

    def ticked(self) -> list[str]:
        return [row["name"] for row in self._rows if row["ticked"]]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if not row["usable"]:
                return f"{row['name']}  ({row['why']})"
            return f"{row['name']}  ({row['rows']} {'row' if row['rows'] == 1 else 'rows'})"
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if row["ticked"] else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            return (f"Import the rows of the sheet \"{row['name']}\"" if row["usable"]
                    else row["why"])
        return None

    def setData(self, index: Index, value: Any,  # noqa: N802 - Qt override
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole:
            return False
        row = self._rows[index.row()]
        if not row["usable"]:
            return False
        row["ticked"] = Qt.CheckState(value) == Qt.CheckState.Checked
        self.dataChanged.emit(index, index, [role])
        self.choice_changed.emit()
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if not self._rows[index.row()]["usable"]:
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable)
