"""Meetings: log one (for one mentee or a group), edit it, delete it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

import sqlite_utils

from actions.changes import GOALS, MEETINGS, REFERRALS
from actions.core import Outcome, change
from actions.referrals import NewReferral, check_referral, to_whom, write_referral
from program.vocabulary import MEETING_OUTCOMES, day_words, join_words, label, person_name
from storage import goals, matches, meetings
from storage.errors import InvalidInput


@dataclass(frozen=True)
class MeetingForm:
    """What Log a meeting gathers (also what the meetings import and the check-in form give)."""

    met_on: dt.date
    slot: str | None = None
    minutes: int | None = None
    kind: str = "one_to_one"
    outcome: str = "held"
    notes: str = ""
    topic_ids: tuple[int, ...] = ()
    # Progress noted on the mentee's goals at this meeting: goal id -> the note.
    goal_notes: dict[int, str] = field(default_factory=dict)

    def stored(self) -> dict:
        return {"slot": self.slot, "minutes": self.minutes, "kind": self.kind,
                "outcome": self.outcome, "notes": self.notes.strip(),
                "topic_ids": list(self.topic_ids)}


def _students(records: list[dict]) -> str:
    return join_words([person_name(record, "student_") for record in records])


def _matches_of(db: sqlite_utils.Database, match_ids: Iterable[int]) -> list[dict]:
    records = [matches.match(db, match_id) for match_id in match_ids]
    if not records or any(record is None for record in records):
        raise InvalidInput("Choose the student from the list. Only students with a mentor can "
                           "have a meeting logged.")
    return records


def log_meeting(db: sqlite_utils.Database, match_ids: Iterable[int], form: MeetingForm,
                referral: NewReferral | None = None) -> Outcome:
    """Log a meeting of one mentor with one mentee (or several: a group); value: its id.

    ``referral``: a need bigger than a mentor can meet, raised together with the meeting
    (linked to it, dated the day of the meeting): one change, one undo.
    """
    records = _matches_of(db, list(match_ids))
    if len({record["mentor_id"] for record in records}) > 1:
        raise InvalidInput("A group meeting is with one mentor's mentees only.")
    for record in records:
        if form.met_on < dt.date.fromisoformat(record["started_on"]):
            raise InvalidInput(
                f"The match of {person_name(record, 'student_')} began on "
                f"{day_words(record['started_on'])}; a meeting cannot be before that. "
                "Check the date.")
    who = _students(records)
    kinds = {MEETINGS, GOALS}
    title = f"Log a meeting with {who}"
    year = None
    if referral is not None:
        if referral.student_id not in {record["student_id"] for record in records}:
            raise InvalidInput("A referral raised at a meeting is for a student who was there.")
        referral = replace(referral, opened_on=form.met_on,
                           raised_by_mentor_id=records[0]["mentor_id"])
        _, year = check_referral(db, referral)
        kinds.add(REFERRALS)
        title += " and a referral"
    with change(db, title, kinds, code="meeting") as step:
        meeting_id = meetings.add_meeting(db, records[0]["mentor_id"],
                                          [record["id"] for record in records], form.met_on,
                                          **form.stored())
        for goal_id, note in form.goal_notes.items():
            if note.strip():
                goals.add_progress_note(db, goal_id, form.met_on, note.strip(), meeting_id)
        step.note(f"Logged the meeting of {day_words(form.met_on)} with {who}",
                  meeting_id=meeting_id)
        referred = ""
        if referral is not None:
            referral_id = write_referral(db, replace(referral, meeting_id=meeting_id),
                                         year["id"])
            step.note(f"Logged the meeting of {day_words(form.met_on)} with {who} and raised "
                      f"referral {referral_id}", referral_id=referral_id)
            referred = f" Raised referral {referral_id} to {to_whom(referral.kind)}."
        step.done(f"Logged the meeting with {who} "
                  f"({label(MEETING_OUTCOMES, form.outcome).lower()}).{referred}", meeting_id)
    return step.outcome


def edit_meeting(db: sqlite_utils.Database, meeting_id: int, form: MeetingForm) -> Outcome:
    """Change a logged meeting (its day, time, length, kind, outcome, topics, notes)."""
    saved = meetings.meeting(db, meeting_id)
    if saved is None:
        raise InvalidInput("That meeting is no longer in the data file.")
    who = _students(_matches_of(db, saved["match_ids"]))
    with change(db, f"Edit the meeting with {who}", {MEETINGS}, code="edit_meeting") as step:
        meetings.update_meeting(db, meeting_id, met_on=form.met_on, **form.stored())
        step.note(f"Changed the meeting of {day_words(form.met_on)} with {who}",
                  meeting_id=meeting_id)
        step.done(f"Saved the meeting with {who} "
                  f"({label(MEETING_OUTCOMES, form.outcome).lower()}).", meeting_id)
    return step.outcome


def delete_meeting(db: sqlite_utils.Database, meeting_id: int) -> Outcome:
    """Delete a logged meeting; Edit > Undo puts it back with its topics and goal notes."""
    saved = meetings.meeting(db, meeting_id)
    if saved is None:
        raise InvalidInput("That meeting is no longer in the data file.")
    who = _students(_matches_of(db, saved["match_ids"]))
    with change(db, f"Delete the meeting with {who}", {MEETINGS, GOALS},
                code="delete_meeting") as step:
        meetings.delete_meeting(db, meeting_id)
        step.note(f"Deleted the meeting of {day_words(saved['met_on'])} with {who}",
                  meeting_id=meeting_id)
        step.done(f"Deleted the meeting of {day_words(saved['met_on'])} with {who}.")
    return step.outcome
