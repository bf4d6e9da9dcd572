"""The end-of-year report's outcomes: loads the year (and last year's attendance) in bulk and
asks :mod:`program.outcomes` for before/after per mentee, days gained, tiers, the comparison
groups and the program's figures.
"""

from __future__ import annotations

import datetime as dt

import sqlite_utils

from analysis import attendance as analysis_attendance
from analysis import cadence as analysis_cadence
from analysis.years import previous_year_id, school_calendar
from program.attendance import assess_student, ledger
from program.outcomes import (
    Nomination,
    OutcomeInputs,
    ProgramOutcomes,
    Referral,
    Stretch,
    Training,
)
from program.outcomes import program_outcomes as compute_outcomes
from storage import clock, nominations, program_inputs, referrals, trainings
from storage.errors import InvalidInput


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def last_year_attendance(db: sqlite_utils.Database, year_id: int) -> dict[int, Stretch]:
    """Each student's whole previous school year (days enrolled and absent), where imported."""
    earlier = previous_year_id(db, year_id)
    if earlier is None:
        return {}
    calendar = school_calendar(db, earlier)
    school_rules = analysis_attendance.rules(db)
    found = {}
    for student in analysis_attendance.load_student_days(db, earlier, calendar):
        record = assess_student(student, calendar, calendar.last_day, school_rules)
        if record.days_enrolled > 0:
            found[student.student_id] = Stretch(record.days_enrolled, record.days_absent)
    return found


def outcome_inputs(db: sqlite_utils.Database, year_id: int, as_of: dt.date | None = None,
                   period_start: dt.date | None = None) -> OutcomeInputs:
    """Everything the outcomes need, loaded from the file."""
    calendar = school_calendar(db, year_id)
    as_of = min(as_of or clock.today(), calendar.last_day)
    if period_start is not None and period_start > as_of:
        raise InvalidInput(
            f"The report's period starts ({period_start:%d %b %Y}) after it ends "
            f"({as_of:%d %b %Y}). Check the two dates.")
    school_rules = analysis_attendance.rules(db)
    ledgers = {
        student.student_id: ledger(student, calendar, as_of, school_rules)
        for student in analysis_attendance.load_student_days(db, year_id, calendar)
    }
    return OutcomeInputs(
        calendar=calendar,
        as_of=as_of,
        students=ledgers,
        last_year=last_year_attendance(db, year_id),
        matches=tuple(analysis_cadence.load_matches(db, year_id)),
        nominations=tuple(
            Nomination(row["student_id"], row["status"], _day(row["nominated_on"]),
                       frozenset(row["reasons"]))
            for row in nominations.nominations_in_year(db, year_id)),
        trainings=tuple(
            Training(row["id"], _day(row["held_on"]), row["title"], row["kind"],
                     bool(row["required"]), frozenset(row["attendee_ids"]))
            for row in trainings.trainings_in_year(db, year_id)),
        referrals=tuple(
            Referral(row["student_id"], row["kind"], _day(row["opened_on"]), row["status"],
                     _day(row["resolved_on"]))
            for row in referrals.referrals_in_year(db, year_id)),
        roster_mentor_ids=frozenset(row["id"] for row in program_inputs.mentor_rows(db)
                                    if row["active"]),
        period_start=period_start,
        attendance_rules=school_rules,
        cadence_rules=analysis_cadence.rules(db),
    )


def program_outcomes(db: sqlite_utils.Database, year_id: int, as_of: dt.date | None = None,
                     period_start: dt.date | None = None) -> ProgramOutcomes:
    """The outcomes of the year so far (``period_start`` None) or of the period from
    ``period_start`` to ``as_of`` (inclusive; ``as_of`` defaults to today, clipped to the year)."""
    return compute_outcomes(outcome_inputs(db, year_id, as_of, period_start))
