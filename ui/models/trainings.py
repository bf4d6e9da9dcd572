"""The Trainings screen's lists: the year's sessions, a checklist of mentors to tick who came,
and the mentors who missed a required session with no make-up yet."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import sqlite_utils
from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from analysis.trainings import missed_required_sessions
from program.vocabulary import TRAINING_KINDS, label
from storage import mentors, trainings
from ui.models.table import Column, RowsModel
from ui.words import day_words

DATE, TITLE, KIND, REQUIRED, CAME = range(5)
Index = QModelIndex | QPersistentModelIndex


def load_rows(db: sqlite_utils.Database, year_id: int, as_of: dt.date) -> list[dict]:
    """The year's sessions by date, each with who came, whether it has been held, and the
    mentors who missed it (a required one) with no make-up by ``as_of`` (reads only)."""
    people = mentors.all_mentors(db)
    active = sum(1 for row in people if row["active"])
    missed: dict[int, list] = {}
    for item in missed_required_sessions(db, year_id, as_of):
        missed.setdefault(item.training_id, []).append(item)
    rows = trainings.trainings_in_year(db, year_id)
    for row in rows:
        row["held"] = row["held_on"] <= as_of.isoformat()
        row["missed"] = missed.get(row["id"], [])
        row["mentors"] = people  # the checklist's mentors (one list shared by every row)
        row["active_mentors"] = active
    return rows


class TrainingsModel(RowsModel):
    """Sessions: date, title, kind, required, how many came."""

    COLUMNS = (
        Column("held_on", "Date", "The day of the session"),
        Column("title", "Title", "What the session is"),
        Column("kind", "Kind", "Start of year, mid-year, end of year or other (a later session "
               "of the same kind makes up for a missed one)"),
        Column("required", "Required", "Every mentor must come (or make it up)"),
        Column("came", "Came", "Mentors marked as there", numeric=True),
    )

    def cell_text(self, row: dict, column: int) -> str:
        if column == DATE:
            return day_words(row["held_on"], with_weekday=True)
        if column == KIND:
            return label(TRAINING_KINDS, row["kind"])
        if column == REQUIRED:
            return "Required" if row["required"] else "Optional"
        if column == CAME:
            return str(len(row["attendee_ids"])) if row["held"] else "not held yet"
        return super().cell_text(row, column)

    def cell_sort_value(self, row: dict, column: int) -> Any:
        if column == CAME:
            return len(row["attendee_ids"]) if row["held"] else None
        return super().cell_sort_value(row, column)

    def cell_colours(self, row: dict, column: int) -> tuple[QColor, QColor] | None:
        if column == REQUIRED and row["required"] and row["missed"]:
            return QColor("#fde2c8"), QColor("#7a3300")
        return None

    def cell_tooltip(self, row: dict, column: int) -> str | None:
        if column == REQUIRED and row["missed"]:
            return (f"{len(row['missed'])} active mentors missed it and have not made it up "
                    "yet (listed below)")
        return None


class MissedModel(RowsModel):
    """Mentors who missed a required session with no make-up yet, one row per session."""

    COLUMNS = (
        Column("mentor_name", "Mentor", "The mentor who missed it"),
        Column("title", "Session", "The required session they missed"),
        Column("held_on", "Held", "The day it was held"),
        Column("kind", "Make up at", "A later session of this kind counts as the make-up"),
    )

    def cell_text(self, row: dict, column: int) -> str:
        if column == 2:
            return day_words(row["held_on"])
        if column == 3:
            return f"a later {label(TRAINING_KINDS, row['kind']).lower()} session"
        return super().cell_text(row, column)


def missed_rows(sessions: list[dict]) -> list[dict]:
    """The sessions' missed items as rows of the missed list (id: mentor and session)."""
    return [{"id": (item.mentor_id, item.training_id), "mentor_id": item.mentor_id,
             "mentor_name": item.mentor_name, "title": item.title,
             "held_on": item.held_on.isoformat(), "kind": item.kind}
            for row in sessions for item in row["missed"]]


class AttendeesModel(QAbstractListModel):
    """A checklist of mentors (active ones, and anyone already marked): ticking one asks
    ``on_tick(mentor_id, came)`` to save it (False: refused); the list shows what was saved."""

    def __init__(self, on_tick: Callable[[int, bool], bool], parent=None) -> None:
        super().__init__(parent)
        self.on_tick = on_tick
        self._mentors: list[dict] = []
        self._came: set[int] = set()
        self.editable = False

    def set_session(self, row: dict | None) -> None:
        self.beginResetModel()
        if row is None:
            self._mentors, self._came, self.editable = [], set(), False
        else:
            self._came = set(row["attendee_ids"])
            self._mentors = [m for m in row["mentors"] if m["active"] or m["id"] in self._came]
            self.editable = bool(row["held"])
        self.endResetModel()

    def mentor_ids(self) -> list[int]:
        return [m["id"] for m in self._mentors]

    def came(self) -> set[int]:
        return set(self._came)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        return 0 if parent.isValid() else len(self._mentors)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        mentor = self._mentors[index.row()]
        name = f"{mentor['first_name']} {mentor['last_name']}".strip()
        if not mentor["active"]:
            name += " (not active)"
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return name
        if role == Qt.ItemDataRole.CheckStateRole:
            return (Qt.CheckState.Checked if mentor["id"] in self._came
                    else Qt.CheckState.Unchecked)
        if role == Qt.ItemDataRole.ToolTipRole:
            return (f"{name} came (untick if not)" if mentor["id"] in self._came
                    else f"Tick if {name} came")
        if role == Qt.ItemDataRole.UserRole:
            return mentor["id"]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsSelectable
        if self.editable:
            flags |= Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: Index, value: Any,  # noqa: N802 - Qt override
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole or not self.editable:
            return False
        came = Qt.CheckState(value) == Qt.CheckState.Checked
        mentor_id = self._mentors[index.row()]["id"]
        if not self.on_tick(mentor_id, came):
            return False  # refused: the tick stays as saved
        if came:
            self._came.add(mentor_id)
        else:
            self._came.discard(mentor_id)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True
