"""Read a Qt table model (usually the screen's filtered and sorted proxy) as headers and rows,
for :func:`reports.list_export.export_table` and :func:`reports.list_print.table_document`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QDate, QDateTime, QModelIndex, Qt

DISPLAY = Qt.ItemDataRole.DisplayRole


def model_table(model: QAbstractItemModel, *, columns: Sequence[int] | None = None,
                value_role: int | Qt.ItemDataRole | None = None
                ) -> tuple[list[str], list[list[Any]]]:
    """The headers and the visible rows of ``model``, in its current order.

    ``columns`` picks columns (default: all). ``value_role`` names a role holding the raw value
    (a number or date, so Excel gets numbers); where it gives None the shown text is used.
    """
    columns = list(range(model.columnCount())) if columns is None else list(columns)
    headers = [str(model.headerData(column, Qt.Orientation.Horizontal, DISPLAY) or "")
               for column in columns]
    rows = []
    for row in range(model.rowCount(QModelIndex())):
        values = []
        for column in columns:
            index = model.index(row, column)
            value = model.data(index, value_role) if value_role is not None else None
            if value is None:
                value = model.data(index, DISPLAY)
            values.append(_plain(value))
        rows.append(values)
    return headers, rows


def _plain(value: Any) -> Any:
    if isinstance(value, QDate):
        return dt.date(value.year(), value.month(), value.day()) if value.isValid() else None
    if isinstance(value, QDateTime):
        return value.toPython() if value.isValid() else None
    if value is None or isinstance(value, (str, int, float, dt.date)):
        return value
    return str(value)
