"""Mentor trainings and who attended them."""

from __future__ import annotations

from collections.abc import Iterable

import sqlite_utils

from storage.clock import day_text

KINDS = ("start_of_year", "mid_year", "end_of_year", "other")


def add_training(db: sqlite_utils.Database, year_id: int, held_on: str, title: str, *,
                 kind: str = "other", required: bool = False, notes: str = "") -> int:
    """A new session in a school year; returns its id."""
    return db.execute(
        "INSERT INTO trainings (year_id, held_on, title, kind, required, notes) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [year_id, day_text(held_on), title, kind, int(required), notes],
    ).lastrowid


def update_training(db: sqlite_utils.Database, training_id: int, **changes) -> None:
    """Change a session's date, title, kind, whether it is required, or notes."""
    allowed = {"held_on", "title", "kind", "required", "notes"}
    unknown = set(changes) - allowed
    if unknown:
        raise TypeError(f"unknown training fields: {sorted(unknown)}")
    if "held_on" in changes:
        changes["held_on"] = day_text(changes["held_on"])
    if "required" in changes:
        changes["required"] = int(bool(changes["required"]))
    if changes:
        assignments = ", ".join(f"{field} = ?" for field in changes)
        db.execute(f"UPDATE trainings SET {assignments} WHERE id = ?",
                   [*changes.values(), training_id])


def delete_training(db: sqlite_utils.Database, training_id: int) -> None:
    """Remove a session and its sign-ins."""
    db.execute("DELETE FROM trainings WHERE id = ?", [training_id])


def set_attendees(db: sqlite_utils.Database, training_id: int, mentor_ids: Iterable[int]) -> None:
    with db.atomic():
        db.execute("DELETE FROM training_attendance WHERE training_id = ?", [training_id])
        for mentor_id in sorted(set(mentor_ids)):
            db.execute(
                "INSERT INTO training_attendance (training_id, mentor_id) VALUES (?, ?)",
                [training_id, mentor_id],
            )


def add_attendees(db: sqlite_utils.Database, training_id: int,
                  mentor_ids: Iterable[int]) -> list[int]:
    """Mark mentors as at a session (those already marked stay); returns the ones added."""
    added = []
    for mentor_id in sorted(set(mentor_ids)):
        cursor = db.execute("INSERT OR IGNORE INTO training_attendance (training_id, mentor_id) "
                            "VALUES (?, ?)", [training_id, mentor_id])
        if cursor.rowcount:
            added.append(mentor_id)
    return added


def remove_attendee(db: sqlite_utils.Database, training_id: int, mentor_id: int) -> None:
    """Take a mentor off a session's sign-in."""
    db.execute("DELETE FROM training_attendance WHERE training_id = ? AND mentor_id = ?",
               [training_id, mentor_id])


def training(db: sqlite_utils.Database, training_id: int) -> dict | None:
    """One session with ``attendee_ids``."""
    rows = list(db.query("SELECT * FROM trainings WHERE id = ?", [training_id]))
    if not rows:
        return None
    found = rows[0]
    found["attendee_ids"] = _attendee_ids(db, training_id)
    return found


def _attendee_ids(db: sqlite_utils.Database, training_id: int) -> list[int]:
    return [row[0] for row in db.execute(
        "SELECT mentor_id FROM training_attendance WHERE training_id = ? ORDER BY mentor_id",
        [training_id])]


def trainings_in_year(db: sqlite_utils.Database, year_id: int) -> list[dict]:
    """The year's trainings by date, each with ``attendee_ids``."""
    trainings = list(
        db.query("SELECT * FROM trainings WHERE year_id = ? ORDER BY held_on, id", [year_id])
    )
    for row in trainings:
        row["attendee_ids"] = _attendee_ids(db, row["id"])
    return trainings


def trainings_attended(db: sqlite_utils.Database, year_id: int) -> dict[int, int]:
    """How many of the year's trainings each mentor attended."""
    return dict(
        db.execute(
            "SELECT a.mentor_id, count(*) FROM training_attendance a "
            "JOIN trainings t ON t.id = a.training_id WHERE t.year_id = ? GROUP BY a.mentor_id",
            [year_id],
        ).fetchall()
    )
