"""Matches: a mentor paired with a student for (part of) a school year."""

from __future__ import annotations

import sqlite_utils

from storage.clock import day_text

CLOSURE_REASONS = ("planned_end", "student_moved", "mentor_left", "mismatch", "other")

_MATCH_COLUMNS = (
    "x.*, s.local_id AS student_local_id, s.first_name AS student_first_name, "
    "s.last_name AS student_last_name, s.preferred_name AS student_preferred_name, "
    "m.first_name AS mentor_first_name, m.last_name AS mentor_last_name, "
    "y.name AS year_name"
)
_MATCH_JOINS = (
    "FROM matches x JOIN students s ON s.id = x.student_id "
    "JOIN mentors m ON m.id = x.mentor_id JOIN school_years y ON y.id = x.year_id"
)


def add_match(
    db: sqlite_utils.Database,
    mentor_id: int,
    student_id: int,
    year_id: int,
    started_on: str,
    *,
    usual_weekday: int | None = None,
    usual_slot: str | None = None,
    batch_id: int | None = None,
) -> int:
    """Pair a mentor and a student from ``started_on``; returns the match id."""
    return db.execute(
        "INSERT INTO matches (mentor_id, student_id, year_id, started_on, usual_weekday, "
        "usual_slot, batch_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [mentor_id, student_id, year_id, day_text(started_on), usual_weekday, usual_slot,
         batch_id],
    ).lastrowid


def continue_match(db: sqlite_utils.Database, old: dict, year_id: int, started_on: str) -> int:
    """The same mentor and student in a new school year: a new match from ``started_on``,
    linked to last year's (so their history reads as one); returns the new match's id."""
    return db.execute(
        "INSERT INTO matches (mentor_id, student_id, year_id, started_on, usual_weekday, "
        "usual_slot, continues_match_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [old["mentor_id"], old["student_id"], year_id, day_text(started_on),
         old["usual_weekday"], old["usual_slot"], old["id"]],
    ).lastrowid


def close_match(db: sqlite_utils.Database, match_id: int, ended_on: str, reason: str,
                note: str = "") -> None:
    """End a match; the history keeps it."""
    db.execute(
        "UPDATE matches SET ended_on = ?, closure_reason = ?, closure_note = ? WHERE id = ?",
        [day_text(ended_on), reason, note, match_id],
    )


def reopen_match(db: sqlite_utils.Database, match_id: int) -> None:
    db.execute(
        "UPDATE matches SET ended_on = NULL, closure_reason = NULL, closure_note = '' "
        "WHERE id = ?",
        [match_id],
    )


def set_usual_slot(db: sqlite_utils.Database, match_id: int, weekday: int | None,
                   slot: str | None) -> None:
    db.execute(
        "UPDATE matches SET usual_weekday = ?, usual_slot = ? WHERE id = ?",
        [weekday, slot, match_id],
    )


def match(db: sqlite_utils.Database, match_id: int) -> dict | None:
    rows = list(db.query(f"SELECT {_MATCH_COLUMNS} {_MATCH_JOINS} WHERE x.id = ?", [match_id]))
    return rows[0] if rows else None


def matches_in_year(db: sqlite_utils.Database, year_id: int) -> list[dict]:
    """Every match of a year, open and closed, with student and mentor names."""
    return list(
        db.query(
            f"SELECT {_MATCH_COLUMNS} {_MATCH_JOINS} WHERE x.year_id = ? "
            "ORDER BY x.started_on, x.id",
            [year_id],
        )
    )


def matches_of_student(db: sqlite_utils.Database, student_id: int) -> list[dict]:
    return list(
        db.query(
            f"SELECT {_MATCH_COLUMNS} {_MATCH_JOINS} WHERE x.student_id = ? "
            "ORDER BY x.started_on DESC, x.id DESC",
            [student_id],
        )
    )


def matches_of_mentor(db: sqlite_utils.Database, mentor_id: int,
                      year_id: int | None = None) -> list[dict]:
    year_clause = "AND x.year_id = ?" if year_id is not None else ""
    params = [mentor_id] + ([year_id] if year_id is not None else [])
    return list(
        db.query(
            f"SELECT {_MATCH_COLUMNS} {_MATCH_JOINS} WHERE x.mentor_id = ? {year_clause} "
            "ORDER BY x.started_on DESC, x.id DESC",
            params,
        )
    )


def open_matches(db: sqlite_utils.Database, year_id: int) -> list[dict]:
    return [row for row in matches_in_year(db, year_id) if row["ended_on"] is None]


def open_match_counts(db: sqlite_utils.Database, year_id: int) -> dict[int, int]:
    """How many open matches each mentor has this year (their current load)."""
    return dict(
        db.execute(
            "SELECT mentor_id, count(*) FROM matches WHERE year_id = ? AND ended_on IS NULL "
            "GROUP BY mentor_id",
            [year_id],
        ).fetchall()
    )
