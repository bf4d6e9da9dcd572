"""Bulk loads of what the program's rules need beyond attendance: matches, meetings, mentors,
nominations, trainings and referrals of one school year, as plain rows."""

from __future__ import annotations

import sqlite_utils


def matched_student_ids(db: sqlite_utils.Database, year_id: int) -> set[int]:
    """Students with a match (open or closed) in the year."""
    return {row[0] for row in db.execute(
        "SELECT DISTINCT student_id FROM matches WHERE year_id = ?", [year_id])}
