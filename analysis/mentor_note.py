"""A mentor's weekly note: for each of their mentees, absences this week, school days since the
last meeting held, goals to follow up, open referrals the mentor raised, and the suggested
meeting day. Only the mentor's own mentees (matched with them on the day) appear: no other
student's data is read into a note.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlite_utils

from analysis import cadence
from analysis.attendance import load_student_days
from analysis.attendance import rules as attendance_rules
from analysis.week import year_of_day
from analysis.years import school_calendar
from program.attendance import assess_student, enrolled_days
from program.meeting_advice import MeetingAdvice
from program.vocabulary import person_name, usual_time_words
from program.week import (
    OPEN_REFERRAL_STATUSES,
    absent_days,
    name_key,
    open_on,
    school_days_this_week,
    week_start,
)
from storage import goals, matches, mentors, referrals, settings, students, years
from storage.errors import InvalidInput


@dataclass(frozen=True)
class NoteGoal:
    text: str
    set_on: dt.date
    latest_note: str  # the newest progress note ("" when none)


@dataclass(frozen=True)
class NoteReferral:
    kind: str
    status: str
    opened_on: dt.date
    follow_up: dt.date | None
    need: str


@dataclass(frozen=True)
class NoteMentee:
    """One of the mentor's mentees, as the note tells it."""

    student_id: int
    name: str
    first_name: str
    grade: int | None
    usual_time: str
    absent_dates: tuple[dt.date, ...]
    last_held: dt.date | None
    school_days_since: int
    overdue: bool
    goals: tuple[NoteGoal, ...]
    referrals: tuple[NoteReferral, ...]
    advice: MeetingAdvice | None


@dataclass(frozen=True)
class MentorNote:
    """Everything one mentor's weekly note says."""

    mentor_id: int
    mentor_name: str
    mentor_first_name: str
    mentor_email: str
    school_name: str
    year_name: str
    day: dt.date
    week_from: dt.date
    overdue_after: int
    mentees: tuple[NoteMentee, ...]


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text[:10]) if text else None


def mentor_by_email(db: sqlite_utils.Database, email: str) -> dict:
    """The one mentor with this email; an unknown (or shared) email is refused with a sentence."""
    found = mentors.mentors_by_email(db, email)
    if not found:
        raise InvalidInput(f'No mentor has the email "{email.strip()}". Check the spelling, or '
                           "see the Mentors screen for each mentor's email.")
    if len(found) > 1:
        names = ", ".join(f"{row['first_name']} {row['last_name']}" for row in found)
        raise InvalidInput(f'More than one mentor has the email "{email.strip()}" ({names}). '
                           "Give each mentor their own email on the Mentors screen first.")
    return found[0]


def mentors_with_mentees(db: sqlite_utils.Database, year_id: int, day: dt.date) -> list[dict]:
    """Mentors with at least one match open on the day, by last name."""
    ids = {m["mentor_id"] for m in matches.matches_in_year(db, year_id)
           if open_on(_day(m["started_on"]), _day(m["ended_on"]), day)}
    rows = [row for row in mentors.all_mentors(db) if row["id"] in ids]
    return sorted(rows, key=lambda r: name_key(r["last_name"], r["first_name"], r["id"]))


def mentor_note(db: sqlite_utils.Database, mentor_id: int, day: dt.date,
                year_id: int | None = None) -> MentorNote:
    """The note for one mentor as of ``day`` (in the school year containing it, or ``year_id``)."""
    mentor = mentors.mentor(db, mentor_id)
    if mentor is None:
        raise InvalidInput("That mentor is no longer in the data file.")
    year = years.year_by_id(db, year_id) if year_id is not None else year_of_day(db, day)
    calendar = school_calendar(db, year["id"])
    own = sorted((m for m in matches.matches_of_mentor(db, mentor_id, year["id"])
                  if open_on(_day(m["started_on"]), _day(m["ended_on"]), day)),
                 key=lambda m: name_key(m["student_last_name"], m["student_first_name"],
                                        m["student_id"]))
    rhythms = {r.match_id: r for r in cadence.match_rhythm(db, year["id"], day)}
    school_rules = attendance_rules(db)
    week_days = school_days_this_week(calendar, day)
    mentees = []
    for match in own:
        student_id = match["student_id"]
        student = students.student(db, student_id) or {}
        enrollment = students.enrollment(db, student_id, year["id"]) or {}
        loaded = load_student_days(db, year["id"], calendar, student_id)
        absent: tuple[dt.date, ...] = ()
        advice = None
        if loaded:
            record = assess_student(loaded[0], calendar, day, school_rules)
            advice = record.advice
            absent = absent_days(enrolled_days(loaded[0], calendar, day),
                                 school_rules.weights(), week_days)
        rhythm = rhythms.get(match["id"])
        mentees.append(NoteMentee(
            student_id=student_id,
            name=person_name(student),
            first_name=student.get("preferred_name") or student.get("first_name") or "",
            grade=enrollment.get("grade"),
            usual_time=usual_time_words(match["usual_weekday"], match["usual_slot"]),
            absent_dates=absent,
            last_held=rhythm.last_held if rhythm else None,
            school_days_since=rhythm.school_days_since if rhythm else 0,
            overdue=bool(rhythm and rhythm.active and rhythm.overdue),
            goals=_goals(db, student_id, day),
            referrals=_referrals(db, student_id, mentor_id, day),
            advice=advice,
        ))
    return MentorNote(
        mentor_id=mentor_id,
        mentor_name=f"{mentor['first_name']} {mentor['last_name']}".strip(),
        mentor_first_name=mentor["first_name"],
        mentor_email=mentor["email"] or "",
        school_name=settings.get(db, "school_name") or "",
        year_name=year["name"],
        day=day,
        week_from=week_start(day),
        overdue_after=cadence.rules(db).overdue_after_school_days,
        mentees=tuple(mentees),
    )


def _goals(db: sqlite_utils.Database, student_id: int, day: dt.date) -> tuple[NoteGoal, ...]:
    """Goals the student is working on (set on or before the day), oldest first."""
    found = []
    for goal in goals.goals_of(db, student_id):
        set_on = _day(goal["set_on"])
        if goal["status"] != "working" or set_on is None or set_on > day:
            continue
        notes = [n for n in goal["notes"] if (_day(n["noted_on"]) or day) <= day]
        found.append(NoteGoal(goal["text"], set_on, notes[-1]["note"] if notes else ""))
    return tuple(sorted(found, key=lambda g: g.set_on))


def _referrals(db: sqlite_utils.Database, student_id: int, mentor_id: int,
               day: dt.date) -> tuple[NoteReferral, ...]:
    """The mentee's referrals this mentor raised that are still open or in progress."""
    found = []
    for row in referrals.referrals_of(db, student_id):
        opened = _day(row["opened_on"])
        if (row["raised_by_mentor_id"] != mentor_id or row["status"] not in
                OPEN_REFERRAL_STATUSES or opened is None or opened > day):
            continue
        found.append(NoteReferral(row["kind"], row["status"], opened, _day(row["follow_up_on"]),
                                  row["need"]))
    return tuple(sorted(found, key=lambda r: r.opened_on))
