"""The matches list: every match of the year, open and closed, with how it is meeting."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlite_utils
from PySide6.QtGui import QColor

from analysis import cadence
from program.vocabulary import CLOSURE_REASONS, label
from storage import matches
from ui.models.students import fold
from ui.models.table import Column, RowsModel
from ui.words import day_words, person_name, usual_time

STUDENT, MENTOR, STARTED, USUAL, HELD, LAST, STATUS = range(7)
OPEN, CLOSED, ALL, ATTENTION = "open", "closed", "all", "attention"


def load_rows(db: sqlite_utils.Database, year_id: int,
              as_of: dt.date | None = None) -> list[dict]:
    """Every match of the year with names and its meeting rhythm as the rules judge it
    (reads only; any thread)."""
    rows = matches.matches_in_year(db, year_id)
    rhythms = {r.match_id: r for r in cadence.match_rhythm(db, year_id, as_of)}
    for row in rows:
        row["student_name"] = person_name(row, "student_")
        row["mentor_name"] = f"{row['mentor_first_name']} {row['mentor_last_name']}"
        row["is_open"] = row["ended_on"] is None
        rhythm = rhythms.get(row["id"])
        row["held"] = rhythm.held if rhythm else 0
        row["attempts"] = rhythm.attempts if rhythm else 0
        row["last_held"] = rhythm.last_held.isoformat() if rhythm and rhythm.last_held else None
        row["overdue"] = bool(rhythm and rhythm.active and rhythm.overdue)
        row["behind_target"] = bool(rhythm and rhythm.active and rhythm.behind_target)
        row["held_this_month"] = rhythm.held_this_month if rhythm else None
        row["expected_this_month"] = rhythm.expected_this_month if rhythm else None
        row["school_days_since"] = rhythm.school_days_since if rhythm else None
        row["search_text"] = fold(f"{row['student_name']} {row['student_local_id'] or ''} "
                                  f"{row['mentor_name']}")
    return rows


def status_words(row: dict) -> str:
    """Open / Overdue / Behind this month / Ended: reason."""
    if not row["is_open"]:
        reason = label(CLOSURE_REASONS, row["closure_reason"])
        return f"Ended {day_words(row['ended_on'])}: {reason}"
    if row.get("overdue"):
        days = row.get("school_days_since")
        return f"Overdue ({days} school days)" if days is not None else "Overdue"
    if row.get("behind_target"):
        return "Behind this month's target"
    return "On track"


class MatchesModel(RowsModel):
    """Matches: student, mentor, start, usual time, meetings held, last meeting, status."""

    COLUMNS = (
        Column("student_name", "Student", "The mentee"),
        Column("mentor_name", "Mentor", "The mentor"),
        Column("started_on", "Started", "The day the match began"),
        Column("usual", "Usual time", "When they usually meet"),
        Column("held", "Held", "Meetings held this year", numeric=True),
        Column("last_held", "Last meeting", "The latest meeting held"),
        Column("status", "Status", "Meeting as planned, overdue, behind this month's target, "
               "or ended (with the reason)"),
    )

    def cell_text(self, row: dict, column: int) -> str:
        if column == STARTED:
            return day_words(row["started_on"])
        if column == USUAL:
            return usual_time(row["usual_weekday"], row["usual_slot"])
        if column == LAST:
            return day_words(row["last_held"])
        if column == STATUS:
            return status_words(row)
        return super().cell_text(row, column)

    def cell_sort_value(self, row: dict, column: int) -> Any:
        if column == STUDENT:
            return fold(f"{row['student_last_name']} {row['student_first_name']}")
        if column == MENTOR:
            return fold(f"{row['mentor_last_name']} {row['mentor_first_name']}")
        if column == USUAL:
            return (row["usual_weekday"] if row["usual_weekday"] is not None else 9,
                    row["usual_slot"] or "")
        if column == STATUS:
            return (0 if row.get("overdue") else 1 if row.get("behind_target") else
                    2 if row["is_open"] else 3, row["ended_on"] or "")
        return super().cell_sort_value(row, column)

    def cell_colours(self, row: dict, column: int) -> tuple[QColor, QColor] | None:
        if column == STATUS:
            if row.get("overdue") and row["is_open"]:
                return QColor("#fde2c8"), QColor("#7a3300")
            if row.get("behind_target") and row["is_open"]:
                return QColor("#fff3cd"), QColor("#6b4e00")
        if not row["is_open"]:
            return None if column != STATUS else (QColor("#f1f3f5"), QColor("#52606d"))
        return None

    def cell_tooltip(self, row: dict, column: int) -> str | None:
        if column == STATUS and row["is_open"] and row.get("expected_this_month") is not None:
            text = (f"{row['held_this_month']} held this month; "
                    f"{row['expected_this_month']} expected by now")
            if row.get("school_days_since") is not None:
                text += f"; {row['school_days_since']} school days since the last one held"
            return text
        if column == STATUS and row["closure_note"]:
            return row["closure_note"]
        return None


class MatchFilter:
    """The matches list's filters: open / closed / needing attention, mentor, typed text."""

    def __init__(self, which: str = OPEN, mentor_id: int | None = None, text: str = "") -> None:
        self.which = which
        self.mentor_id = mentor_id
        self.tokens = fold(text).split()

    def __call__(self, row: dict) -> bool:
        if self.which == OPEN and not row["is_open"]:
            return False
        if self.which == CLOSED and row["is_open"]:
            return False
        if self.which == ATTENTION and not (row["is_open"] and (row.get("overdue")
                                                                or row.get("behind_target"))):
            return False
        if self.mentor_id is not None and row["mentor_id"] != self.mentor_id:
            return False
        return all(token in row["search_text"] for token in self.tokens)
