"""Students: add, edit, archive or restore, and when they can meet."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sqlite_utils

from actions.changes import STUDENTS
from actions.core import Outcome, change
from program.vocabulary import person_name
from storage import availability, students
from storage.errors import InvalidInput


def _enroll(db: sqlite_utils.Database, student_id: int, year_id: int | None,
            enrollment: dict[str, Any] | None) -> None:
    if year_id is None or enrollment is None:
        return
    kept = students.enrollment(db, student_id, year_id) or {}
    students.set_enrollment(
        db, student_id, year_id, grade=enrollment.get("grade"),
        homeroom=enrollment.get("homeroom", ""),
        entry_date=enrollment.get("entry_date", kept.get("entry_date")),
        exit_date=enrollment.get("exit_date", kept.get("exit_date")),
        batch_id=kept.get("batch_id"))


def add_student(db: sqlite_utils.Database, profile: dict[str, Any], *,
                year_id: int | None = None,
                enrollment: dict[str, Any] | None = None) -> Outcome:
    """Add a student (and their place in the year: grade, homeroom); value: the new id."""
    name = person_name(profile)
    if not _has_name(profile):
        raise InvalidInput("Type the student's first or last name.")
    with change(db, f"Add {name}", {STUDENTS}, code="add_student") as step:
        student_id = students.add_student(db, **profile)
        _enroll(db, student_id, year_id, enrollment)
        step.note(f"Added the student {name}", student_id=student_id)
        step.done(f"Added {name}.", student_id)
    return step.outcome


def edit_student(db: sqlite_utils.Database, student_id: int, profile: dict[str, Any], *,
                 year_id: int | None = None,
                 enrollment: dict[str, Any] | None = None) -> Outcome:
    """Change a student's details (and their grade and homeroom in the year)."""
    record = _existing(db, student_id)
    name = person_name({**record, **profile})
    with change(db, f"Edit {name}", {STUDENTS}, code="edit_student") as step:
        students.update_student(db, student_id, **profile)
        _enroll(db, student_id, year_id, enrollment)
        step.note(f"Changed the details of {name}", student_id=student_id)
        step.done(f"Saved {name}.", student_id)
    return step.outcome


def archive_student(db: sqlite_utils.Database, student_id: int, archived: bool = True) -> Outcome:
    """Archive (hide from the lists, keeping everything) or restore a student."""
    name = person_name(_existing(db, student_id))
    verb = "Archive" if archived else "Restore"
    with change(db, f"{verb} {name}", {STUDENTS}, code="archive" if archived else "restore") \
            as step:
        students.set_archived(db, student_id, archived)
        step.note(f"{verb}d {name}", student_id=student_id)
        step.done(f"Archived {name}. Tick \"Show archived\" to find and restore them."
                  if archived else f"Restored {name}.", student_id)
    return step.outcome


def set_student_availability(db: sqlite_utils.Database, student_id: int,
                             grid: Iterable[tuple[int, str]]) -> Outcome:
    """When the student can meet (weekday and time of day)."""
    name = person_name(_existing(db, student_id))
    with change(db, f"Change when {name} can meet", {STUDENTS}, code="availability") as step:
        availability.replace(db, "student", student_id, grid)
        step.note(f"Changed when {name} can meet", student_id=student_id)
        step.done("Saved when the student can meet.")
    return step.outcome


def _existing(db: sqlite_utils.Database, student_id: int) -> dict:
    record = students.student(db, student_id)
    if record is None:
        raise InvalidInput("That student is no longer in the data file.")
    return record


def _has_name(values: dict[str, Any]) -> bool:
    return any(str(values.get(key) or "").strip() for key in ("first_name", "last_name"))
