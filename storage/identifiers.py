"""The IDs a student is known by besides the one MentorDesk shows (``students.local_id``)."""

from __future__ import annotations

import sqlite_utils

# Field key in a file -> the kind of ID it holds.
KINDS = ("student_number", "sis_id", "state_id", "sourced_id", "other")


def all_identifiers(db: sqlite_utils.Database) -> list[tuple[str, str, int]]:
    """(kind, value, student id) of every kept identifier."""
    return db.execute("SELECT kind, value, student_id FROM student_identifiers").fetchall()


def shown_ids(db: sqlite_utils.Database) -> list[tuple[int, str, str]]:
    """(student id, the ID shown, what kind of ID it is) of every student with one."""
    return db.execute("SELECT id, local_id, id_kind FROM students "
                      "WHERE local_id IS NOT NULL").fetchall()


def add_identifier(db: sqlite_utils.Database, student_id: int, kind: str, value: str,
                   batch_id: int | None = None) -> None:
    """Keep one more ID for a student."""
    db.execute("INSERT INTO student_identifiers (kind, value, student_id, batch_id) "
               "VALUES (?, ?, ?, ?)", [kind, value, student_id, batch_id])


def identifiers_of(db: sqlite_utils.Database, student_id: int) -> list[dict]:
    """A student's kept IDs, by kind."""
    return list(db.query("SELECT kind, value FROM student_identifiers WHERE student_id = ? "
                         "ORDER BY kind, value", [student_id]))
