"""A mentee's goals and the dated progress notes on them."""

from __future__ import annotations

import sqlite_utils

from storage.clock import day_text

STATUSES = ("working", "met", "set_aside")


def add_goal(db: sqlite_utils.Database, student_id: int, text: str, set_on: str,
             status: str = "working") -> int:
    return db.execute(
        "INSERT INTO goals (student_id, text, set_on, status) VALUES (?, ?, ?, ?)",
        [student_id, text, day_text(set_on), status],
    ).lastrowid


def set_goal_status(db: sqlite_utils.Database, goal_id: int, status: str, on: str) -> None:
    db.execute(
        "UPDATE goals SET status = ?, status_changed_on = ? WHERE id = ?",
        [status, day_text(on), goal_id],
    )


def update_goal_text(db: sqlite_utils.Database, goal_id: int, text: str) -> None:
    db.execute("UPDATE goals SET text = ? WHERE id = ?", [text, goal_id])


def add_progress_note(db: sqlite_utils.Database, goal_id: int, noted_on: str, note: str,
                      meeting_id: int | None = None) -> int:
    return db.execute(
        "INSERT INTO goal_notes (goal_id, noted_on, note, meeting_id) VALUES (?, ?, ?, ?)",
        [goal_id, day_text(noted_on), note, meeting_id],
    ).lastrowid


def goals_of(db: sqlite_utils.Database, student_id: int) -> list[dict]:
    """A student's goals, newest first, each with its ``notes`` (oldest first)."""
    goals = list(
        db.query(
            "SELECT * FROM goals WHERE student_id = ? ORDER BY set_on DESC, id DESC", [student_id]
        )
    )
    for goal in goals:
        goal["notes"] = list(
            db.query(
                "SELECT * FROM goal_notes WHERE goal_id = ? ORDER BY noted_on, id", [goal["id"]]
            )
        )
    return goals


def owner_of(db: sqlite_utils.Database, goal_id: int) -> dict | None:
    """The student whose goal this is (their name fields and id), or None."""
    rows = list(db.query(
        "SELECT s.id, s.first_name, s.last_name, s.preferred_name FROM goals g "
        "JOIN students s ON s.id = g.student_id WHERE g.id = ?", [goal_id]))
    return rows[0] if rows else None
