"""A mentee's goals: add one, note progress, mark it met or set it aside."""

from __future__ import annotations

import datetime as dt

import sqlite_utils

from actions.changes import GOALS
from actions.core import Outcome, change
from program.vocabulary import GOAL_STATUSES, label, person_name
from storage import goals, students
from storage.errors import InvalidInput


def add_goal(db: sqlite_utils.Database, student_id: int, text: str, on: dt.date) -> Outcome:
    """A goal the mentee will work on; value: its id."""
    text = text.strip()
    if not text:
        raise InvalidInput("Type what the student will work on.")
    record = students.student(db, student_id)
    if record is None:
        raise InvalidInput("That student is no longer in the data file.")
    name = person_name(record)
    with change(db, f"Add a goal for {name}", {GOALS}, code="goal") as step:
        goal_id = goals.add_goal(db, student_id, text, on)
        step.note(f"Added a goal for {name}", student_id=student_id, goal_id=goal_id)
        step.done(f"Added the goal for {name}.", goal_id)
    return step.outcome


def add_progress_note(db: sqlite_utils.Database, goal_id: int, note: str, on: dt.date) -> Outcome:
    """A dated note on how a goal is going; value: its id."""
    note = note.strip()
    if not note:
        raise InvalidInput("Type how the goal is going.")
    name = _owner(db, goal_id)
    with change(db, f"Add a progress note for {name}", {GOALS}, code="goal_note") as step:
        note_id = goals.add_progress_note(db, goal_id, on, note)
        step.note(f"Noted progress on a goal of {name}", goal_id=goal_id)
        step.done("Saved the progress note.", note_id)
    return step.outcome


def set_goal_status(db: sqlite_utils.Database, goal_id: int, status: str, on: dt.date) -> Outcome:
    """A goal is met, set aside, or worked on again."""
    if status not in GOAL_STATUSES:
        raise InvalidInput("Choose what became of the goal.")
    name = _owner(db, goal_id)
    words = label(GOAL_STATUSES, status).lower()
    with change(db, f"Mark {name}'s goal {words}", {GOALS}, code="goal_status") as step:
        goals.set_goal_status(db, goal_id, status, on)
        step.note(f"Marked a goal of {name} {words}", goal_id=goal_id, status=status)
        step.done(f"The goal is now {words}.")
    return step.outcome


def _owner(db: sqlite_utils.Database, goal_id: int) -> str:
    record = goals.owner_of(db, goal_id)
    if record is None:
        raise InvalidInput("That goal is no longer in the data file.")
    return person_name(record)
