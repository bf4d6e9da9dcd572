"""Mentors: add, edit, step back or return, delete one who never mentored, availability."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sqlite_utils

from actions.changes import MENTORS
from actions.core import Outcome, change
from program.vocabulary import person_name
from storage import availability, mentors
from storage.errors import InvalidInput


def add_mentor(db: sqlite_utils.Database, values: dict[str, Any]) -> Outcome:
    """Add a staff member who will mentor; value: the new id."""
    if not _has_name(values):
        raise InvalidInput("Type the mentor's first or last name.")
    name = person_name(values)
    with change(db, f"Add {name}", {MENTORS}, code="add_mentor") as step:
        mentor_id = mentors.add_mentor(db, **values)
        step.note(f"Added the mentor {name}", mentor_id=mentor_id)
        step.done(f"Added {name}.", mentor_id)
    return step.outcome


def edit_mentor(db: sqlite_utils.Database, mentor_id: int, values: dict[str, Any]) -> Outcome:
    """Change a mentor's details, screening, capacity or whether they mentor this year."""
    name = person_name({**_existing(db, mentor_id), **values})
    with change(db, f"Edit {name}", {MENTORS}, code="edit_mentor") as step:
        mentors.update_mentor(db, mentor_id, **values)
        step.note(f"Changed the details of {name}", mentor_id=mentor_id)
        step.done(f"Saved {name}.", mentor_id)
    return step.outcome


def set_mentor_active(db: sqlite_utils.Database, mentor_id: int, active: bool) -> Outcome:
    """A mentor steps back (keeps their history, gets no new mentees) or returns."""
    name = person_name(_existing(db, mentor_id))
    title = f"{'Bring back' if active else 'Archive'} {name}"
    with change(db, title, {MENTORS}, code="restore_mentor" if active else "archive_mentor") \
            as step:
        mentors.update_mentor(db, mentor_id, active=active)
        step.note(f"{name} {'mentors again' if active else 'stepped back'}", mentor_id=mentor_id)
        step.done(f"{name} {'is mentoring again' if active else 'stepped back from mentoring'}.")
    return step.outcome


def delete_mentor(db: sqlite_utils.Database, mentor_id: int) -> Outcome:
    """Delete a mentor added by mistake; one who has had mentees is archived instead."""
    record = _existing(db, mentor_id)
    name = person_name(record)
    if mentors.has_history(db, mentor_id):
        raise InvalidInput(
            f"{name} has had mentees, so deleting them would take those matches and meetings "
            "out of the history and the reports. Untick \"Mentoring this year\" instead.")
    with change(db, f"Delete {name}", {MENTORS}, code="delete_mentor") as step:
        mentors.delete_mentor(db, mentor_id)
        step.note(f"Deleted the mentor {name}", mentor_id=mentor_id)
        step.done(f"Deleted {name}.")
    return step.outcome


def set_mentor_availability(db: sqlite_utils.Database, mentor_id: int,
                            grid: Iterable[tuple[int, str]]) -> Outcome:
    """When the mentor can meet (weekday and time of day)."""
    name = person_name(_existing(db, mentor_id))
    with change(db, f"Change when {name} can meet", {MENTORS}, code="availability") as step:
        availability.replace(db, "mentor", mentor_id, grid)
        step.note(f"Changed when {name} can meet", mentor_id=mentor_id)
        step.done("Saved when the mentor can meet.")
    return step.outcome


def _existing(db: sqlite_utils.Database, mentor_id: int) -> dict:
    record = mentors.mentor(db, mentor_id)
    if record is None:
        raise InvalidInput("That mentor is no longer in the data file.")
    return record


def _has_name(values: dict[str, Any]) -> bool:
    return any(str(values.get(key) or "").strip() for key in ("first_name", "last_name"))
