"""Meeting rhythm for screens and reports: each match's held meetings, gaps, overdue and behind
target flags, judged by :mod:`program.cadence` on the year's school days.

``as_of`` is inclusive, defaults to today and is clipped to the year's last day.
"""

from __future__ import annotations

import datetime as dt

import sqlite_utils

from analysis.years import school_calendar
from program.cadence import (
    CadenceRules,
    MatchMeetings,
    MatchRhythm,
    match_rhythms,
    needing_attention,
)
from storage import clock, meetings, program_inputs, settings


def rules(db: sqlite_utils.Database) -> CadenceRules:
    """The program's meeting settings as the rules take them."""
    return CadenceRules(
        target_per_month=int(settings.get(db, "meeting_target_per_month")),
        overdue_after_school_days=int(settings.get(db, "overdue_after_school_days")),
    )


def load_matches(db: sqlite_utils.Database, year_id: int) -> list[MatchMeetings]:
    """Every match of the year with its meetings (date and outcome), by match id."""
    by_match = meetings.meeting_dates_by_match(db, year_id)
    loaded = []
    for match_id, mentor_id, student_id, started_on, ended_on, reason in \
            program_inputs.match_dates(db, year_id):
        loaded.append(MatchMeetings(
            match_id=match_id,
            started_on=dt.date.fromisoformat(started_on),
            ended_on=dt.date.fromisoformat(ended_on) if ended_on else None,
            meetings=tuple((dt.date.fromisoformat(row["met_on"]), row["outcome"])
                           for row in by_match.get(match_id, ())),
            meeting_ids=tuple(row["id"] for row in by_match.get(match_id, ())),
            kinds=tuple(row["kind"] for row in by_match.get(match_id, ())),
            mentor_id=mentor_id,
            student_id=student_id,
            closure_reason=reason,
        ))
    return loaded


def match_rhythm(db: sqlite_utils.Database, year_id: int,
                 as_of: dt.date | None = None) -> list[MatchRhythm]:
    """Every match of the year (open and closed), by match id, with its rhythm as of a date."""
    return match_rhythms(load_matches(db, year_id), school_calendar(db, year_id),
                         as_of or clock.today(), rules(db))


def matches_needing_attention(db: sqlite_utils.Database, year_id: int,
                              as_of: dt.date | None = None) -> list[MatchRhythm]:
    """Open matches overdue for a meeting or behind this month's target, most overdue first
    (the "This week" list)."""
    return needing_attention(match_rhythm(db, year_id, as_of))


def rhythm_of_match(db: sqlite_utils.Database, match_id: int,
                    as_of: dt.date | None = None) -> MatchRhythm | None:
    """One match's rhythm (None if there is no such match)."""
    year_id = program_inputs.year_of_match(db, match_id)
    if year_id is None:
        return None
    found = [r for r in match_rhythm(db, year_id, as_of) if r.match_id == match_id]
    return found[0] if found else None
