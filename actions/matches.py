"""Matches: pair a student with a mentor, change mentor, close a match, save suggestions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import sqlite_utils

from actions.changes import MATCHES, NOMINATIONS
from actions.core import Outcome, change
from program.vocabulary import CLOSURE_REASONS, label, person_name, plural
from program.waiting import old_match_last_day
from storage import matches, mentors, nominations, students
from storage.errors import InvalidInput


@dataclass(frozen=True)
class NewMatch:
    """A student and the mentor to pair them with, from a day, at a usual time (optional)."""

    student_id: int
    mentor_id: int
    starts: dt.date
    usual_weekday: int | None = None
    usual_slot: str | None = None


def _pair(db: sqlite_utils.Database, year_id: int, new: NewMatch) -> int:
    """The match itself, and the rule that goes with it: it accepts the open nominations."""
    match_id = matches.add_match(db, new.mentor_id, new.student_id, year_id, new.starts,
                                 usual_weekday=new.usual_weekday, usual_slot=new.usual_slot)
    nominations.accept_open_nominations(db, new.student_id, year_id)
    return match_id


def _names(db: sqlite_utils.Database, student_id: int, mentor_id: int) -> tuple[str, str]:
    student, mentor = students.student(db, student_id), mentors.mentor(db, mentor_id)
    if student is None or mentor is None:
        raise InvalidInput("That student or mentor is no longer in the data file.")
    return person_name(student), person_name(mentor)


def match_student(db: sqlite_utils.Database, year_id: int, new: NewMatch) -> Outcome:
    """Pair a waiting student with a mentor; value: the new match's id."""
    student, mentor = _names(db, new.student_id, new.mentor_id)
    if any(row["ended_on"] is None and row["year_id"] == year_id
           for row in matches.matches_of_student(db, new.student_id)):
        raise InvalidInput(f"{student} already has a mentor. Use Change mentor instead.")
    with change(db, f"Match {student} with {mentor}", {MATCHES, NOMINATIONS},
                code="match") as step:
        match_id = _pair(db, year_id, new)
        step.note(f"Matched {student} with {mentor}", match_id=match_id)
        step.done(f"Matched {student} with {mentor}.", match_id)
    return step.outcome


def change_mentor(db: sqlite_utils.Database, old_match_id: int, new: NewMatch,
                  reason: str) -> Outcome:
    """End the student's match and start one with another mentor the next day."""
    old = _existing(db, old_match_id)
    student, mentor = _names(db, new.student_id, new.mentor_id)
    if reason not in CLOSURE_REASONS:
        raise InvalidInput("Choose why the old match ends.")
    started = dt.date.fromisoformat(old["started_on"])
    if new.starts < started:
        raise InvalidInput(f"The new match cannot start before the old one began "
                           f"({started:%d %b %Y}).")
    with change(db, f"Change {student}'s mentor to {mentor}", {MATCHES, NOMINATIONS},
                code="change_mentor") as step:
        matches.close_match(db, old_match_id, old_match_last_day(started, new.starts), reason,
                            "Changed mentor.")
        match_id = _pair(db, old["year_id"], new)
        step.note(f"Changed {student}'s mentor to {mentor}", old_match_id=old_match_id,
                  match_id=match_id)
        step.done(f"{student}'s mentor is now {mentor}.", match_id)
    return step.outcome


def close_match(db: sqlite_utils.Database, match_id: int, last_day: dt.date, reason: str,
                note: str = "") -> Outcome:
    """End a match on its last day, with a reason; the history keeps it."""
    record = _existing(db, match_id)
    if reason not in CLOSURE_REASONS:
        raise InvalidInput("Choose why the match ends.")
    if last_day < dt.date.fromisoformat(record["started_on"]):
        raise InvalidInput("A match cannot end before it began. Check the last day.")
    student = person_name(record, "student_")
    mentor = person_name(record, "mentor_")
    with change(db, f"Close the match of {student} with {mentor}", {MATCHES},
                code="close_match") as step:
        matches.close_match(db, match_id, last_day, reason, note)
        step.note(f"Closed the match of {student} with {mentor}", match_id=match_id,
                  reason=reason)
        step.done(f"Closed the match of {student} with {mentor} "
                  f"({label(CLOSURE_REASONS, reason).lower()}).")
    return step.outcome


def save_suggested_matches(db: sqlite_utils.Database, year_id: int,
                           chosen: Iterable[NewMatch]) -> Outcome:
    """Save the suggested matches the facilitator ticked, together; value: the new ids."""
    chosen = list(chosen)
    if not chosen:
        raise InvalidInput("Tick at least one suggested match to save.")
    title = f"Save {plural(len(chosen), 'suggested match', 'suggested matches')}"
    with change(db, title, {MATCHES, NOMINATIONS}, code="match") as step:
        made = [_pair(db, year_id, new) for new in chosen]
        step.note(f"Saved {plural(len(made), 'match', 'matches')} from Suggest matches",
                  match_ids=made)
        step.done(f"Saved {plural(len(made), 'new match', 'new matches')}.", made)
    return step.outcome


def set_usual_time(db: sqlite_utils.Database, match_id: int, weekday: int | None,
                   slot: str | None) -> Outcome:
    """When the mentor and student usually meet."""
    record = _existing(db, match_id)
    student = person_name(record, "student_")
    with change(db, f"Change when {student} usually meets", {MATCHES},
                code="usual_time") as step:
        matches.set_usual_slot(db, match_id, weekday, slot)
        step.note(f"Changed when {student} usually meets their mentor", match_id=match_id)
        step.done("Saved the usual meeting time.")
    return step.outcome


def _existing(db: sqlite_utils.Database, match_id: int) -> dict:
    record = matches.match(db, match_id)
    if record is None:
        raise InvalidInput("That match is no longer in the data file.")
    return record
