"""Mentor trainings and who attended them."""

from __future__ import annotations

from collections.abc import Iterable

import sqlite_utils

from storage.clock import day_text

KINDS = ("start_of_year", "mid_year", "end_of_year", "other")


def add_training(db: sqlite_utils.Database, year_id: int, held_on: str, title: str, *,
                 kind: str = "other", required: bool = False, notes: str = "") -> int:
    return db.execute(
        "INSERT INTO trainings (year_id, held_on, title, kind, required, notes) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [year_id, day_text(held_on), title, kind, int(required), notes],
    ).lastrowid


def update_training(db: sqlite_utils.Database, training_id: int, **changes) -> None:
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
    db.execute("DELETE FROM trainings WHERE id = ?", [training_id])


def set_attendees(db: sqlite_utils.Database, training_id: int, mentor_ids: Iterable[int]) -> None:
    with db.atomic():
        db.execute("DELETE FROM training_attendance WHERE training_id = ?", [training_id])
        for mentor_id in sorted(set(mentor_ids)):
            db.execute(
                "INSERT INTO training_attendance (training_id, mentor_id) VALUES (?, ?)",
                [training_id, mentor_id],
            )


def trainings_in_year(db: sqlite_utils.Database, year_id: int) -> list[dict]:
    """The year's trainings by date, each with ``attendee_ids``."""
    trainings = list(
        db.query("SELECT * FROM trainings WHERE year_id = ? ORDER BY held_on, id", [year_id])
    )
    for training in trainings:
        training["attendee_ids"] = [
            row[0] for row in db.execute(
                "SELECT mentor_id FROM training_attendance WHERE training_id = ?",
                [training["id"]])
        ]
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
