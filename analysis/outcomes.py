"""The program report's outcomes: loads the year, the year before and the mentors' recorded
history in bulk, and asks :mod:`program.outcomes` for before and after per mentee, days gained,
tiers, the comparison with similar students and the program's figures.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import sqlite_utils

from analysis import attendance as analysis_attendance
from analysis import cadence as analysis_cadence
from analysis import report_attendance
from analysis.years import previous_year_id, school_calendar
from program.attendance_ledger import CompactDays
from program.mentor_history import mentors_in_program, timelines
from program.outcomes import (
    Nomination,
    OutcomeInputs,
    ProgramOutcomes,
    Referral,
    Training,
)
from program.outcomes import program_outcomes as compute_outcomes
from program.windows import WindowRules
from storage import clock, history, nominations, program_inputs, referrals, settings, trainings
from storage.errors import InvalidInput


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def window_rules(db: sqlite_utils.Database) -> WindowRules:
    """The school's minimum school days before and after a match to judge a change."""
    return WindowRules(int(settings.get(db, "change_days_before")),
                       int(settings.get(db, "change_days_after")))


def outcome_inputs(db: sqlite_utils.Database, year_id: int, as_of: dt.date | None = None,
                   period_start: dt.date | None = None,
                   days: Mapping[int, CompactDays] | None = None) -> OutcomeInputs:
    """Everything the outcomes need, loaded from the file (``days``: this year's attendance,
    when the caller has loaded it already)."""
    calendar = school_calendar(db, year_id)
    as_of = min(as_of or clock.today(), calendar.last_day)
    if period_start is not None and period_start > as_of:
        raise InvalidInput(
            f"The report's period starts ({period_start:%d %b %Y}) after it ends "
            f"({as_of:%d %b %Y}). Check the two dates.")
    school_rules = analysis_attendance.rules(db)
    earlier = previous_year_id(db, year_id)
    previous_calendar = school_calendar(db, earlier) if earlier is not None else None
    # Last year loads on a thread of its own while this year loads here.
    previous_ledgers = (report_attendance.ledgers_in_background(
        db, earlier, previous_calendar, previous_calendar.last_day, school_rules)
        if earlier is not None else dict)
    matches = tuple(analysis_cadence.load_matches(db, year_id))
    start = max(period_start or calendar.first_day, calendar.first_day)
    with_mentees = {m.mentor_id for m in matches
                    if m.started_on <= as_of and (m.ended_on is None or m.ended_on >= start)}
    students = report_attendance.ledgers(db, year_id, calendar, as_of, school_rules, days)
    return OutcomeInputs(
        calendar=calendar,
        as_of=as_of,
        students=students,
        previous_calendar=previous_calendar,
        previous=previous_ledgers(),
        previous_mentees=frozenset(program_inputs.matched_student_ids(db, earlier))
        if earlier is not None else frozenset(),
        matches=matches,
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
        roster_mentor_ids=mentors_in_program(timelines(history.mentor_states(db)), start, as_of,
                                             with_mentees),
        period_start=period_start,
        attendance_rules=school_rules,
        cadence_rules=analysis_cadence.rules(db),
        window_rules=window_rules(db),
    )


def program_outcomes(db: sqlite_utils.Database, year_id: int, as_of: dt.date | None = None,
                     period_start: dt.date | None = None) -> ProgramOutcomes:
    """The outcomes of the year so far (``period_start`` None) or of the period from
    ``period_start`` to ``as_of`` (inclusive; ``as_of`` defaults to today, clipped to the year)."""
    return compute_outcomes(outcome_inputs(db, year_id, as_of, period_start))
