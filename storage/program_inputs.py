"""Bulk loads of what the program's rules need beyond attendance: matches, meetings, mentors,
nominations, trainings and referrals of one school year, as plain rows."""

from __future__ import annotations

import sqlite_utils


def matched_student_ids(db: sqlite_utils.Database, year_id: int) -> set[int]:
    """Students with a match (open or closed) in the year."""
    return {row[0] for row in db.execute(
        "SELECT DISTINCT student_id FROM matches WHERE year_id = ?", [year_id])}


def match_dates(db: sqlite_utils.Database,
                year_id: int) -> list[tuple[int, int, int, str, str | None]]:
    """(match_id, mentor_id, student_id, started_on, ended_on) of every match in the year."""
    return db.execute(
        "SELECT id, mentor_id, student_id, started_on, ended_on FROM matches "
        "WHERE year_id = ? ORDER BY id",
        [year_id],
    ).fetchall()


def year_of_match(db: sqlite_utils.Database, match_id: int) -> int | None:
    """The school year a match belongs to."""
    row = db.execute("SELECT year_id FROM matches WHERE id = ?", [match_id]).fetchone()
    return row[0] if row else None
