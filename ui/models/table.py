"""The shared shape of every list: a table of plain row dicts, and a filtering proxy.

Display text and sort keys are worked out once in :meth:`RowsModel.set_rows`, so ``data()`` is a
list lookup and sorting is one Python ``sort`` of precomputed keys (instant at 2,000 rows).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the row's dict
_LONG = 16  # cells with more characters than this show their text as a tooltip too

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    """One column: its title, the header's tooltip, and whether it holds numbers."""

    key: str
    title: str
    tooltip: str
    numeric: bool = False


_WHOLE_NUMBER = re.compile(r"-?[0-9]{1,3}(,[0-9]{3})*|-?[0-9]+")
_PERCENT = re.compile(r"-?[0-9]+(\.[0-9]+)?%")
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def export_value(column: Column, text: str, raw: Any) -> tuple[Any, str]:
    """(value, format) of one cell for Excel: a date where the row holds one, a whole number
    or a percentage (as a fraction) in a numeric column, else ``(text, "text")``; an empty
    cell is (None, "")."""
    if not text:
        return None, ""
    if isinstance(raw, str) and _ISO_DAY.fullmatch(raw):
        return dt.date.fromisoformat(raw), "date"
    if column.numeric and _WHOLE_NUMBER.fullmatch(text):
        return int(text.replace(",", "")), "integer"
    if column.numeric and _PERCENT.fullmatch(text):
        shown = float(text[:-1]) / 100
        # The exact rate when the row holds the one shown (more places than the screen).
        exact = isinstance(raw, (int, float)) and not isinstance(raw, bool) \
            and abs(raw - shown) < 0.0051
        return (float(raw) if exact else shown), "percent"
    return text, "text"


def _sortable(value: Any) -> tuple:
    """A key that sorts blanks last and never compares text with numbers."""
    if value is None or value == "":
        return (1, 0, "")
    if isinstance(value, (int, float)):
        return (0, value, "")
    if isinstance(value, tuple):
        return (0, 0, value)
    return (0, 0, str(value).casefold())


class RowsModel(QAbstractTableModel):
    """A read-only table over a list of row dicts; subclasses say how each cell reads."""

    COLUMNS: tuple[Column, ...] = ()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[dict] = []
        # Each row's cell texts, worked out the first time the row is asked for (a window
        # shows a few dozen rows of thousands); the sort keys at the first sort.
        self._text: list[list[str] | None] = []
        self._keys: list[list[tuple]] | None = None

    # What subclasses write ------------------------------------------------------------------

    def cell_text(self, row: dict, column: int) -> str:
        """The text shown in one cell."""
        value = row.get(self.COLUMNS[column].key)
        return "" if value is None else str(value)

    def cell_sort_value(self, row: dict, column: int) -> Any:
        """What the column sorts by (the raw value unless a subclass says otherwise)."""
        return row.get(self.COLUMNS[column].key)

    def cell_tooltip(self, row: dict, column: int) -> str | None:
        return None

    def cell_colours(self, row: dict, column: int) -> tuple[QColor, QColor] | None:
        """(background, text) colours for a cell, or None for the usual ones."""
        return None

    # The model --------------------------------------------------------------------------------

    def set_rows(self, rows: list[dict]) -> None:
        """Replace every row (one reset: the view redraws once)."""
        self.beginResetModel()
        self._rows = list(rows)
        self._text = [None] * len(self._rows)
        self._keys = None
        self.endResetModel()

    def texts(self, row: int) -> list[str]:
        """The cell texts of one row (worked out once)."""
        texts = self._text[row]
        if texts is None:
            values = self._rows[row]
            texts = self._text[row] = [self.cell_text(values, c)
                                       for c in range(len(self.COLUMNS))]
        return texts

    def _sort_keys(self) -> list[list[tuple]]:
        if self._keys is None:
            count = len(self.COLUMNS)
            self._keys = [[_sortable(self.cell_sort_value(row, c)) for c in range(count)]
                          for row in self._rows]
        return self._keys

    def rows(self) -> list[dict]:
        return list(self._rows)

    def row_at(self, row: int) -> dict:
        return self._rows[row]

    def row_of(self, predicate: Callable[[dict], bool]) -> int | None:
        """The position of the first row for which ``predicate`` is true."""
        for position, row in enumerate(self._rows):
            if predicate(row):
                return position
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.texts(row)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            tooltip = self.cell_tooltip(self._rows[row], column)
            text = self.texts(row)[column]
            if tooltip is None and len(text) > _LONG:
                return text  # the whole text of a cell too narrow for it
            return tooltip
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if self.COLUMNS[column].numeric:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            colours = self.cell_colours(self._rows[row], column)
            if colours is None:
                return None
            return colours[0] if role == Qt.ItemDataRole.BackgroundRole else colours[1]
        if role == ROW_ROLE:
            return self._rows[row]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section].title
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.COLUMNS[section].tooltip
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Reorder the rows by one column, keeping selections on the same rows."""
        if not 0 <= column < len(self.COLUMNS) or not self._rows:
            return
        self.layoutAboutToBeChanged.emit()
        reverse = order == Qt.SortOrder.DescendingOrder
        keys = self._sort_keys()
        blanks = [i for i, row_keys in enumerate(keys) if row_keys[column][0] == 1]
        filled = [i for i, row_keys in enumerate(keys) if row_keys[column][0] == 0]
        filled.sort(key=lambda i: keys[i][column], reverse=reverse)
        order_now = filled + blanks  # blanks stay last both ways
        old_to_new = {old: new for new, old in enumerate(order_now)}
        persistent = self.persistentIndexList()
        self._rows = [self._rows[i] for i in order_now]
        self._text = [self._text[i] for i in order_now]
        self._keys = [keys[i] for i in order_now]
        self.changePersistentIndexList(
            persistent,
            [self.index(old_to_new[index.row()], index.column()) for index in persistent],
        )
        self.layoutChanged.emit()


class FilterProxy(QSortFilterProxyModel):
    """Shows the rows a predicate accepts; sorting is passed to the (fast) source model."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._predicate: Callable[[dict], bool] | None = None
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder

    def set_predicate(self, predicate: Callable[[dict], bool] | None) -> None:
        """Filter by ``predicate(row)`` (None: every row)."""
        self.beginFilterChange()
        self._predicate = predicate
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802
        if self._predicate is None:
            return True
        model = self.sourceModel()
        return bool(self._predicate(model.row_at(source_row)))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort_column, self._sort_order = column, order
        model = self.sourceModel()
        if model is not None:
            model.sort(column, order)

    def resort(self) -> None:
        """Sort again after new rows arrived, as the person last asked."""
        if self._sort_column >= 0:
            self.sort(self._sort_column, self._sort_order)

    def row_at(self, proxy_row: int) -> dict:
        source = self.mapToSource(self.index(proxy_row, 0))
        return self.sourceModel().row_at(source.row())

    def proxy_row_of(self, predicate: Callable[[dict], bool]) -> int | None:
        """The visible position of the first shown row matching ``predicate``."""
        for row in range(self.rowCount()):
            if predicate(self.row_at(row)):
                return row
        return None

    def visible_rows(self) -> list[dict]:
        """The rows as shown (filtered and sorted), for printing and export."""
        return [self.row_at(row) for row in range(self.rowCount())]

    def visible_values(self) -> tuple[list[list[Any]], list[str | None]]:
        """The rows as shown, each cell as the value Excel should hold (a number, a fraction
        for a percentage, a date) where the shown text is exactly that value, else the text;
        with one format per column (see reports.formats; None for text)."""
        model = self.sourceModel()
        columns = model.COLUMNS
        texts = [[self.index(row, c).data() or "" for c in range(len(columns))]
                 for row in range(self.rowCount())]
        raws = [[self.row_at(row).get(column.key) for column in columns]
                for row in range(self.rowCount())]
        formats = []
        values: list[list[Any]] = [list(row) for row in texts]
        for c, column in enumerate(columns):
            typed = [export_value(column, texts[r][c], raws[r][c]) for r in range(len(texts))]
            kinds = {kind for value, kind in typed if value is not None}
            # A column is typed only when every filled cell is: else it stays the text shown.
            if len(kinds) == 1 and "text" not in kinds:
                formats.append(kinds.pop())
                for r, (value, _) in enumerate(typed):
                    values[r][c] = value
            else:
                formats.append(None)  # text: the export decides whether it needs wrapping
        return values, formats

    def visible_table(self) -> tuple[list[str], list[list[str]]]:
        """Headers and cell texts as shown: what "Print/Export this list" writes."""
        model = self.sourceModel()
        headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in
                   range(model.columnCount())]
        table = []
        for row in range(self.rowCount()):
            table.append([self.index(row, c).data() or "" for c in range(self.columnCount())])
        return headers, table
