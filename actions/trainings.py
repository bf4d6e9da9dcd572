"""Mentor trainings: add a session, change or delete it, and mark who came."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import sqlite_utils

from actions.changes import TRAININGS
from actions.core import Outcome, change
from analysis.years import year_of_day
from program.vocabulary import TRAINING_KINDS, day_words, join_words, plural
from storage import clock, mentors, trainings
from storage.errors import InvalidInput


def _checked(db: sqlite_utils.Database, held_on: dt.date, title: str, kind: str) -> dict:
    """The school year of a session about to be saved, or a refusal."""
    if not title.strip():
        raise InvalidInput("Give the session a title, such as \u201cWelcome and mentor "
                           "basics\u201d.")
    if kind not in TRAINING_KINDS:
        raise InvalidInput(f'"{kind}" is not a kind of training. Use one of: '
                           f"{', '.join(TRAINING_KINDS)}.")
    return year_of_day(db, held_on, "The training's date")


def _existing(db: sqlite_utils.Database, training_id: int) -> dict:
    found = trainings.training(db, training_id)
    if found is None:
        raise InvalidInput(f"There is no training number {training_id}. The numbers are in "
                           "the Trainings screen (or: training list --json).")
    return found


def add_training(db: sqlite_utils.Database, held_on: dt.date, title: str, kind: str, *,
                 required: bool = False, notes: str = "") -> Outcome:
    """Add a training session; value: its number."""
    year = _checked(db, held_on, title, kind)
    title = title.strip()
    with change(db, f"Add the training \u201c{title}\u201d", {TRAININGS},
                code="training") as step:
        training_id = trainings.add_training(db, year["id"], held_on, title, kind=kind,
                                             required=required, notes=notes.strip())
        step.note(f"Added the training \u201c{title}\u201d on {day_words(held_on)}",
                  training_id=training_id)
        step.done(f"Added the training \u201c{title}\u201d on {day_words(held_on)} "
                  f"(number {training_id}).", training_id)
    return step.outcome


def edit_training(db: sqlite_utils.Database, training_id: int, held_on: dt.date, title: str,
                  kind: str, *, required: bool, notes: str = "") -> Outcome:
    """Change a session's date, title, kind or whether it is required (same school year)."""
    saved = _existing(db, training_id)
    year = _checked(db, held_on, title, kind)
    if year["id"] != saved["year_id"]:
        raise InvalidInput(f"{day_words(held_on)} is in another school year than this session. "
                           "Add a new session in that year instead.")
    title = title.strip()
    with change(db, f"Change the training \u201c{title}\u201d", {TRAININGS},
                code="edit_training") as step:
        trainings.update_training(db, training_id, held_on=held_on, title=title, kind=kind,
                                  required=required, notes=notes.strip())
        step.note(f"Changed the training \u201c{title}\u201d", training_id=training_id)
        step.done(f"Saved the training \u201c{title}\u201d.", training_id)
    return step.outcome


def delete_training(db: sqlite_utils.Database, training_id: int) -> Outcome:
    """Delete a session and its sign-ins (Edit > Undo puts them back)."""
    saved = _existing(db, training_id)
    with change(db, f"Delete the training \u201c{saved['title']}\u201d", {TRAININGS},
                code="delete_training") as step:
        trainings.delete_training(db, training_id)
        step.note(f"Deleted the training \u201c{saved['title']}\u201d of "
                  f"{day_words(saved['held_on'])}", training_id=training_id)
        step.done(f"Deleted the training \u201c{saved['title']}\u201d.")
    return step.outcome


def _not_before_it(saved: dict) -> None:
    held_on = dt.date.fromisoformat(saved["held_on"])
    if held_on > clock.today():
        raise InvalidInput(f"\u201c{saved['title']}\u201d is on {day_words(held_on)}: mark who "
                           "came once it has been held.")


def _names(db: sqlite_utils.Database, mentor_ids: Iterable[int]) -> list[str]:
    names = []
    for mentor_id in mentor_ids:
        mentor = mentors.mentor(db, mentor_id)
        if mentor is None:
            raise InvalidInput("That mentor is no longer in the data file.")
        names.append(f"{mentor['first_name']} {mentor['last_name']}".strip())
    return names


def add_attendees(db: sqlite_utils.Database, training_id: int,
                  mentor_ids: Iterable[int]) -> Outcome:
    """Mark mentors as at a session (those already marked stay); value: the ids added."""
    saved = _existing(db, training_id)
    _not_before_it(saved)
    mentor_ids = sorted(set(mentor_ids))
    if not mentor_ids:
        raise InvalidInput("Name at least one mentor who came.")
    names = _names(db, mentor_ids)
    title = saved["title"]
    with change(db, f"Mark {plural(len(names), 'mentor')} at \u201c{title}\u201d", {TRAININGS},
                code="training_attendance") as step:
        added = trainings.add_attendees(db, training_id, mentor_ids)
        step.note(f"Marked {join_words(names)} at \u201c{title}\u201d", training_id=training_id,
                  mentor_ids=added)
        already = len(mentor_ids) - len(added)
        step.done(f"Marked {plural(len(added), 'mentor')} at \u201c{title}\u201d"
                  + (f" ({already} already marked)." if already else "."), added)
    return step.outcome


def set_attended(db: sqlite_utils.Database, training_id: int, mentor_id: int,
                 came: bool) -> Outcome:
    """Tick (or untick) one mentor on a session's sign-in."""
    saved = _existing(db, training_id)
    _not_before_it(saved)
    (name,) = _names(db, [mentor_id])
    title = saved["title"]
    verb = "Mark" if came else "Unmark"
    with change(db, f"{verb} {name} at \u201c{title}\u201d", {TRAININGS},
                code="training_attendance") as step:
        if came:
            trainings.add_attendees(db, training_id, [mentor_id])
        else:
            trainings.remove_attendee(db, training_id, mentor_id)
        step.note(f"{name} {'came to' if came else 'did not come to'} \u201c{title}\u201d",
                  training_id=training_id, mentor_id=mentor_id)
        step.done(f"{name} {'came to' if came else 'is no longer marked at'} \u201c{title}\u201d.")
    return step.outcome
