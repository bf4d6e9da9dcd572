"""The meetings list: one row per meeting (a group meeting lists its students together)."""

from __future__ import annotations

from typing import Any

import sqlite_utils
from PySide6.QtGui import QColor

from program.vocabulary import MEETING_KINDS, MEETING_OUTCOMES, SLOTS, label
from storage import meetings
from ui.models.students import fold
from ui.models.table import Column, RowsModel
from ui.words import day_words, person_name

DATE, STUDENTS, MENTOR, KIND, OUTCOME, MINUTES, TOPICS, NOTES = range(8)


def group_rows(rows: list[dict]) -> list[dict]:
    """Meeting-and-match rows (storage's shape) -> one row per meeting with its students."""
    by_meeting: dict[int, dict] = {}
    for row in rows:
        meeting = by_meeting.get(row["id"])
        if meeting is None:
            meeting = dict(row)
            meeting["student_ids"] = []
            meeting["match_ids"] = []
            meeting["student_names"] = []
            by_meeting[row["id"]] = meeting
        meeting["student_ids"].append(row["student_id"])
        meeting["match_ids"].append(row["match_id"])
        meeting["student_names"].append(person_name(row, "student_"))
    for meeting in by_meeting.values():
        meeting["mentor_name"] = f"{meeting['mentor_first_name']} {meeting['mentor_last_name']}"
        meeting["month"] = meeting["met_on"][:7]
        meeting["search_text"] = fold(" ".join(meeting["student_names"]) + " "
                                      + meeting["mentor_name"] + " " + (meeting["notes"] or "")
                                      + " " + (meeting["topics"] or ""))
    return list(by_meeting.values())


def load_rows(db: sqlite_utils.Database, year_id: int) -> list[dict]:
    """Every meeting of the year, newest first (reads only; any thread)."""
    return group_rows(meetings.meetings_in_year(db, year_id))


class MeetingsModel(RowsModel):
    """Meetings: date, students, mentor, kind, outcome, minutes, topics, notes."""

    COLUMNS = (
        Column("met_on", "Date", "The day of the meeting"),
        Column("students", "Students", "Who met (several for a group meeting)"),
        Column("mentor_name", "Mentor", "The mentor"),
        Column("kind", "Kind", "One-to-one, group, activity, family contact, or a check-in on "
               "an absent day"),
        Column("outcome", "Outcome", "Held, student absent, or cancelled (only held meetings "
               "count toward the target)"),
        Column("minutes", "Minutes", "How long it lasted", numeric=True),
        Column("topics", "Topics", "What was talked about"),
        Column("notes", "Notes", "The mentor's notes"),
    )

    def cell_text(self, row: dict, column: int) -> str:
        if column == DATE:
            return day_words(row["met_on"], with_weekday=True)
        if column == STUDENTS:
            return ", ".join(row["student_names"])
        if column == KIND:
            return label(MEETING_KINDS, row["kind"])
        if column == OUTCOME:
            return label(MEETING_OUTCOMES, row["outcome"])
        if column == NOTES:
            return (row["notes"] or "").replace("\n", " ")
        return super().cell_text(row, column)

    def cell_sort_value(self, row: dict, column: int) -> Any:
        if column == DATE:
            return (row["met_on"], row["id"])
        if column == STUDENTS:
            return fold(", ".join(row["student_names"]))
        return super().cell_sort_value(row, column)

    def cell_tooltip(self, row: dict, column: int) -> str | None:
        if column == NOTES and row["notes"]:
            return row["notes"]
        if column == DATE and row.get("slot"):
            return label(SLOTS, row["slot"])
        return None

    def cell_colours(self, row: dict, column: int) -> tuple[QColor, QColor] | None:
        if column == OUTCOME and row["outcome"] != "held":
            return QColor("#fff3cd"), QColor("#6b4e00")
        return None


class MeetingFilter:
    """The meetings list's filters: month, mentor, typed text."""

    def __init__(self, month: str | None = None, mentor_id: int | None = None,
                 text: str = "", match_id: int | None = None) -> None:
        self.month = month
        self.mentor_id = mentor_id
        self.match_id = match_id
        self.tokens = fold(text).split()

    def __call__(self, row: dict) -> bool:
        if self.month and row["month"] != self.month:
            return False
        if self.mentor_id is not None and row["mentor_id"] != self.mentor_id:
            return False
        if self.match_id is not None and self.match_id not in row["match_ids"]:
            return False
        return all(token in row["search_text"] for token in self.tokens)
