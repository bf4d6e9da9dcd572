"""Nominations: accept a nominated student into the program, or decline the nomination."""

from __future__ import annotations

import sqlite_utils

from actions.changes import NOMINATIONS
from actions.core import Outcome, change
from program.vocabulary import person_name
from storage import nominations, students
from storage.errors import InvalidInput


def _named(db: sqlite_utils.Database, nomination_id: int) -> tuple[dict, str]:
    record = nominations.nomination(db, nomination_id)
    if record is None:
        raise InvalidInput("That nomination is no longer in the data file.")
    return record, person_name(students.student(db, record["student_id"]) or {})


def accept_nomination(db: sqlite_utils.Database, nomination_id: int) -> Outcome:
    """Take a nominated student into the program (they wait for a mentor)."""
    record, name = _named(db, nomination_id)
    with change(db, f"Accept the nomination of {name}", {NOMINATIONS},
                code="accept_nomination") as step:
        nominations.set_status(db, nomination_id, "accepted")
        step.note(f"Accepted the nomination of {name}", nomination_id=nomination_id)
        step.done(f"Accepted {name}: they wait for a mentor now.")
    return step.outcome


def waitlist_nomination(db: sqlite_utils.Database, nomination_id: int) -> Outcome:
    """Keep a nominated student on the waiting list (no place for them yet)."""
    record, name = _named(db, nomination_id)
    with change(db, f"Waitlist {name}", {NOMINATIONS}, code="waitlist_nomination") as step:
        nominations.set_status(db, nomination_id, "waitlisted")
        step.note(f"Put {name} on the waiting list", nomination_id=nomination_id)
        step.done(f"{name} is on the waiting list.")
    return step.outcome


def decline_nomination(db: sqlite_utils.Database, nomination_id: int, note: str = "") -> Outcome:
    """Decline a nomination (the student does not join the program this year)."""
    record, name = _named(db, nomination_id)
    with change(db, f"Decline the nomination of {name}", {NOMINATIONS},
                code="decline_nomination") as step:
        changes = {"status": "declined"}
        if note.strip():
            changes["notes"] = (record["notes"] + "\n" if record["notes"] else "") + note.strip()
        nominations.update_nomination(db, nomination_id, **changes)
        step.note(f"Declined the nomination of {name}", nomination_id=nomination_id)
        step.done(f"Declined the nomination of {name}.")
    return step.outcome
