"""Mentors offered for one student in the matching dialog, best first, with the reasons."""

from __future__ import annotations

from typing import Any

import sqlite_utils
from PySide6.QtGui import QColor

from storage import availability, matches, mentors
from ui.models.students import fold
from ui.models.table import Column, RowsModel

RANK, MENTOR, ROLE, LOAD, REASONS, SCREENING = range(6)


def load_candidates(db: sqlite_utils.Database, student_id: int, year_id: int) -> list[dict]:
    """Active mentors with room for another mentee (reads only; any thread)."""
    load = matches.open_match_counts(db, year_id)
    grids = availability.get_all(db, "mentor")
    rows = []
    for mentor in mentors.all_mentors(db, active_only=True):
        taken = load.get(mentor["id"], 0)
        if taken >= mentor["capacity"]:
            continue
        rows.append({
            "mentor_id": mentor["id"],
            "mentor_name": f"{mentor['first_name']} {mentor['last_name']}",
            "sort_name": fold(f"{mentor['last_name']} {mentor['first_name']}"),
            "role": mentor["role"] or "",
            "mentees": taken,
            "capacity": mentor["capacity"],
            "slots": grids.get(mentor["id"], set()),
            "shared_slots": [],
            "reasons": "",
            "cleared": None,
            "score": None,
        })
    rows.sort(key=lambda row: row["sort_name"])
    for rank, row in enumerate(rows, start=1):
        row["rank"] = rank
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
