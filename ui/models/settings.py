"""The Settings screen's lists: the school years, the attendance codes (what each means can be
changed in place) and the history of changes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import sqlite_utils
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from analysis.years import school_calendar
from program.vocabulary import ATTENDANCE_STATUSES
from storage import activity, attendance, years
from ui.models.choice_table import ChoiceTableModel
from ui.models.import_columns import CHOICES_ROLE, KEY_ROLE
from ui.models.table import Column, RowsModel
from ui.words import day_words

Index = QModelIndex | QPersistentModelIndex


def year_rows(db: sqlite_utils.Database) -> list[dict]:
    """Every school year, newest first, with its count of school days and whether current."""
    current = years.current_year(db)
    rows = list(reversed(years.all_years(db)))
    for row in rows:
        row["school_days"] = len(school_calendar(db, row["id"]).days)
        row["current"] = bool(current and current["id"] == row["id"])
    return rows


class YearsModel(RowsModel):
    """School years: name, first and last day, school days, days without school, current."""

    COLUMNS = (
        Column("name", "Year", "The school year's name"),
        Column("first_day", "First day", "The first day students are in school"),
        Column("last_day", "Last day", "The last day students are in school"),
        Column("school_days", "School days", "Weekdays from the first to the last day, less "
               "the days without school", numeric=True),
        Column("non_school_days", "Days off", "Days without school marked on the calendar",
               numeric=True),
        Column("current", "Current", "The year MentorDesk opens on"),
    )

    def cell_text(self, row: dict, column: int) -> str:
        if column in (1, 2):
            return day_words(row[self.COLUMNS[column].key])
        if column == 5:
            return "current" if row["current"] else ""
        return super().cell_text(row, column)


def history_rows(db: sqlite_utils.Database, limit: int = 500) -> list[dict]:
    """The newest changes first (the activity log)."""
    return activity.recent(db, limit)


class HistoryModel(RowsModel):
    """The history of changes: when, and what was done."""

    COLUMNS = (
        Column("at", "When", "The day and time of the change"),
        Column("summary", "What was done", "Imports, changes, undos, backups, ..."),
    )

    def cell_text(self, row: dict, column: int) -> str:
        if column == 0:
            moment = dt.datetime.fromisoformat(row["at"])
            return f"{day_words(moment.date(), with_weekday=True)} {moment:%H:%M}"
        return super().cell_text(row, column)


CODE, MEANS, LABEL = range(3)


class CodesModel(ChoiceTableModel):
    """The school's attendance codes: the code, what it means (a drop-down), its description;
    a change asks ``on_change(code, status, label)`` to save it (False: refused)."""

    TITLES = ("Code", "Means", "Description")
    TOOLTIPS = ("The code as the school's attendance export writes it",
                "What the code means for MentorDesk (double-click or F2 to change it)",
                "The school's own words for the code (double-click or F2 to change)")
    CHOICE_COLUMN = MEANS

    def __init__(self, on_change: Callable[[str, str, str], bool], parent=None) -> None:
        super().__init__(parent)
        self.on_change = on_change
        self._rows: list[dict] = []

    def set_codes(self, db: sqlite_utils.Database) -> None:
        self.beginResetModel()
        self._rows = attendance.codes(db)
        self.endResetModel()

    def codes(self) -> list[dict]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == LABEL:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == CODE:
                return row["code"] or "(blank)"
            if column == MEANS:
                return ATTENDANCE_STATUSES.get(row["status"], row["status"])
            return row["label"]
        if role == Qt.ItemDataRole.EditRole:
            return row["status"] if column == MEANS else row["label"] if column == LABEL \
                else row["code"]
        if role == KEY_ROLE and column == MEANS:
            return row["status"]
        if role == CHOICES_ROLE:
            return list(ATTENDANCE_STATUSES.items())
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.TOOLTIPS[column]
        return None

    def setData(self, index: Index, value: Any,  # noqa: N802 - Qt override
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or \
                index.column() not in (MEANS, LABEL):
            return False
        row = self._rows[index.row()]
        status = str(value) if index.column() == MEANS else row["status"]
        label = str(value).strip() if index.column() == LABEL else row["label"]
        if (status, label) == (row["status"], row["label"]):
            return False
        if not self.on_change(row["code"], status, label):
            return False
        row["status"], row["label"] = status, label
        self.dataChanged.emit(index.siblingAtColumn(CODE), index.siblingAtColumn(LABEL))
        return True
