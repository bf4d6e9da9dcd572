"""What the file said about each mentor and student on any past day: whether a mentor was
active, their role and screening, and whether a student was archived.

A closed year's report must not change when today's roster changes (a mentor stepping back, a
background check renewed, a student archived), so every change to those fields leaves a dated
row here. The rows are written by the storage functions that write mentors and students
(:mod:`storage.mentors`, :mod:`storage.students`), so every caller (the window, the actions, the
importers, an undo) records them; nothing else needs to remember to.

A state holds from its ``changed_on`` day until the next row's. Before a mentor's first row the
file did not know them yet (they were added later).
"""

from __future__ import annotations

import datetime as dt

import sqlite_utils

from storage.clock import day_text, now_text, today

MENTOR_STATE = ("active", "role_id", "background_check_on", "background_check_expires",
                "agreement_signed", "agreement_signed_on")


def record_mentor(db: sqlite_utils.Database, mentor_id: int,
                  on: dt.date | str | None = None) -> None:
    """Note the mentor's state as it is now in the file, from ``on`` (default today), unless it
    is already the latest state recorded."""
    row = db.execute(f"SELECT {', '.join(MENTOR_STATE)} FROM mentors WHERE id = ?",
                     [mentor_id]).fetchone()
    if row is None:
        return
    latest = db.execute(
        f"SELECT {', '.join(MENTOR_STATE)} FROM mentor_history WHERE mentor_id = ? "
        "ORDER BY changed_on DESC, id DESC LIMIT 1", [mentor_id]).fetchone()
    if latest is not None and tuple(latest) == tuple(row):
        return
    db.execute(
        "INSERT INTO mentor_history (mentor_id, changed_on, changed_at, "
        f"{', '.join(MENTOR_STATE)}) VALUES (?, ?, ?, {', '.join('?' * len(MENTOR_STATE))})",
        [mentor_id, day_text(on) or today().isoformat(), now_text(), *row])


def record_student(db: sqlite_utils.Database, student_id: int,
                   on: dt.date | str | None = None) -> None:
    """Note whether the student is archived now, from ``on`` (default today), unless it is
    already the latest state recorded."""
    row = db.execute("SELECT archived FROM students WHERE id = ?", [student_id]).fetchone()
    if row is None:
        return
    latest = db.execute(
        "SELECT archived FROM student_history WHERE student_id = ? "
        "ORDER BY changed_on DESC, id DESC LIMIT 1", [student_id]).fetchone()
    if latest is not None and latest[0] == row[0]:
        return
    db.execute("INSERT INTO student_history (student_id, changed_on, changed_at, archived) "
               "VALUES (?, ?, ?, ?)",
               [student_id, day_text(on) or today().isoformat(), now_text(), row[0]])


def mentor_states(db: sqlite_utils.Database) -> list[tuple]:
    """Every recorded mentor state, by mentor and day: (mentor_id, changed_on, active, role_id,
    background_check_on, background_check_expires, agreement_signed, agreement_signed_on)."""
    return db.execute(
        f"SELECT mentor_id, changed_on, {', '.join(MENTOR_STATE)} FROM mentor_history "
        "ORDER BY mentor_id, changed_on, id").fetchall()


def students_archived_on(db: sqlite_utils.Database, day: dt.date) -> set[int]:
    """Students whose recorded state on ``day`` was archived."""
    return {row[0] for row in db.execute(
        "SELECT h.student_id FROM student_history h WHERE h.id = ("
        " SELECT id FROM student_history l WHERE l.student_id = h.student_id "
        " AND l.changed_on <= ? ORDER BY l.changed_on DESC, l.id DESC LIMIT 1) "
        "AND h.archived = 1", [day.isoformat()])}
