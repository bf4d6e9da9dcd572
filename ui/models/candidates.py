"""Mentors offered for one student in the matching dialog, best first, with the reasons."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlite_utils
from PySide6.QtGui import QColor

from analysis import matching
from storage import availability, mentors
from ui.models.students import fold
from ui.models.table import Column, RowsModel

RANK, MENTOR, ROLE, LOAD, REASONS, SCREENING = range(6)


def load_candidates(db: sqlite_utils.Database, student_id: int, year_id: int,
                    on: dt.date | None = None) -> list[dict]:
    """The matching rules' suggestions for one student, best first (reads only; any thread)."""
    grids = availability.get_all(db, "mentor")
    roles = {row["id"]: row["role"] or "" for row in mentors.all_mentors(db)}
    rows = []
    for rank, suggestion in enumerate(matching.suggestions_for(db, student_id, year_id, on),
                                      start=1):
        rows.append({
            "rank": rank,
            "mentor_id": suggestion.mentor_id,
            "mentor_name": suggestion.mentor_name,
            "sort_name": fold(suggestion.mentor_name),
            "role": roles.get(suggestion.mentor_id, ""),
            "mentees": suggestion.load,
            "capacity": suggestion.capacity,
            "slots": grids.get(suggestion.mentor_id, set()),
            "shared_slots": list(suggestion.shared_times) if suggestion.times_known else [],
            "reasons": suggestion.reason_text,
            "cleared": suggestion.cleared,
            "score": suggestion.score,
        })
    return rows


class CandidatesModel(RowsModel):
    """Mentors for one student: rank, name, role, load, reasons, screening."""

    COLUMNS = (
        Column("rank", "#", "Best suggestion first", numeric=True),
        Column("mentor_name", "Mentor", "The mentor"),
        Column("role", "Role", "Their job in the school"),
        Column("mentees", "Mentees", "Mentees now / the most they will take", numeric=True),
        Column("reasons", "Why", "Why this mentor suits the student"),
        Column("cleared", "Screening", "Background check and agreement: mentors not cleared "
               "can be matched, but only after you confirm"),
    )

    def cell_text(self, row: dict, column: int) -> str:
        if column == LOAD:
            return f"{row['mentees']} / {row['capacity']}"
        if column == SCREENING:
            return {True: "Cleared", False: "Not cleared", None: ""}[row["cleared"]]
        return super().cell_text(row, column)

    def cell_sort_value(self, row: dict, column: int) -> Any:
        if column == MENTOR:
            return row["sort_name"]
        if column == SCREENING:
            return {True: 0, False: 1, None: 2}[row["cleared"]]
        return super().cell_sort_value(row, column)

    def cell_tooltip(self, row: dict, column: int) -> str | None:
        if column == REASONS and row["reasons"]:
            return row["reasons"]
        return None

    def cell_colours(self, row: dict, column: int) -> tuple[QColor, QColor] | None:
        if column == SCREENING and row["cleared"] is False:
            return QColor("#fff3cd"), QColor("#6b4e00")
        return None
