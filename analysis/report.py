"""Everything the program report needs from a data file, loaded once and judged by the
program's rules: the outcomes, each mentee's mentor as that year recorded them, the school's
attendance month by month, and which imports the figures rest on."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import sqlite_utils

from analysis import attendance as analysis_attendance
from analysis import outcomes as analysis_outcomes
from analysis import report_attendance
from analysis.attendance import AttendanceImport
from analysis.years import ChosenYear, year_with_date
from program.attendance import AttendanceRules, MonthRate
from program.mentor_history import MentorTimeline, timelines
from program.outcomes import ProgramOutcomes
from program.report_rules import (
    MatchDates,
    latest_matches,
    nominators,
    still_matched,
    uncleared_mentees,
)
from program.success_mentors import pooled_by_month
from program.vocabulary import person_name
from storage import (
    history,
    imports,
    lookups,
    mentors,
    nominations,
    program_inputs,
    settings,
    students,
)

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class MentorFacts:
    """A mentor as the report's period recorded them."""

    mentor_id: int
    name: str
    role: str  # as of the report's last day ("" when none)
    on_roster: bool  # in the program during the period
    cleared: bool  # screening complete on the report's last day


@dataclass(frozen=True)
class ReportData:
    """The loaded and judged material of one report."""

    year: ChosenYear
    outcomes: ProgramOutcomes
    enrolled: dict[int, dict]  # student rows of the year (grade, names, local_id)
    mentors: dict[int, MentorFacts]  # every mentor with a match in the year or on the roster
    mentor_of: dict[int, int]  # mentee -> the mentor of their latest match in the period
    still_matched: frozenset[int]  # mentees matched on the report's last day
    uncleared: frozenset[int]  # mentees whose match began with a mentor not cleared
    nominators: int
    role_order: dict[str, int]
    school_rate: float | None
    school_months: tuple[MonthRate, ...]
    mentee_months: tuple[MonthRate, ...]
    attendance_imports: tuple[AttendanceImport, ...]
    data_through: dt.date | None
    days_without_data: tuple[dt.date, ...]
    other_imports: tuple[dict, ...]  # the year's imports of other kinds, not undone
    totals_only: int  # students with attendance totals only
    attendance_rules: AttendanceRules
    meeting_target: int
    days_before: int
    days_after: int


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text[:10]) if text else None


def load_report(db: sqlite_utils.Database, year_id: int, *, as_of: dt.date | None = None,
                period_start: dt.date | None = None,
                progress: Progress | None = None) -> ReportData:
    """The report's material for the year so far (``period_start`` None) or a date range
    ending on ``as_of`` (inclusive; default today, clipped to the year's last day)."""
    report = progress or (lambda done, total: None)
    report(0, 5)
    year = year_with_date(db, year_id, as_of)
    inputs = analysis_outcomes.outcome_inputs(db, year_id, year.as_of, period_start)
    report(1, 5)
    from program.outcomes import program_outcomes

    outcomes = program_outcomes(inputs)
    report(2, 5)
    end, start = outcomes.as_of, outcomes.period_start
    matches = [MatchDates(match_id, mentor_id, student_id, _date(started), _date(ended), reason)
               for match_id, mentor_id, student_id, started, ended, reason
               in program_inputs.match_dates(db, year_id)]
    in_period = {m.match_id for m in matches
                 if m.started_on <= end and (m.ended_on is None or m.ended_on >= start)}
    mentee_ids = {m.student_id for m in outcomes.mentees}
    latest = latest_matches([m for m in matches if m.match_id in in_period], end)
    mentor_timelines = timelines(history.mentor_states(db))
    mentor_rows = {row["id"]: row for row in mentors.all_mentors(db)}
    role_rows = lookups.entries(db, "roles", include_inactive=True)
    role_names = {row["id"]: row["name"] for row in role_rows}
    wanted = set(inputs.roster_mentor_ids) | {m.mentor_id for m in matches}
    mentor_facts = {
        mentor_id: _mentor_facts(mentor_id, mentor_rows.get(mentor_id, {}),
                                 mentor_timelines.get(mentor_id), role_names,
                                 mentor_id in inputs.roster_mentor_ids, end)
        for mentor_id in sorted(wanted)}
    report(3, 5)
    school_imports, coverage = analysis_attendance.import_coverage(db, year.calendar, end)
    matched_this_year = program_inputs.matched_student_ids(db, year_id)
    everyone = inputs.students
    pooled_enrolled = pooled_absent = 0.0
    for ledger in everyone.values():
        e, a = ledger.totals(year.calendar.first_day, end)
        pooled_enrolled += e
        pooled_absent += a
    report(4, 5)
    return ReportData(
        year=year,
        outcomes=outcomes,
        enrolled={row["id"]: row for row in students.students_in_year(db, year_id)},
        mentors=mentor_facts,
        mentor_of={sid: match.mentor_id for sid, match in latest.items()},
        still_matched=frozenset(sid for sid in mentee_ids if still_matched(latest.get(sid), end)),
        uncleared=frozenset(uncleared_mentees(matches, mentor_timelines, in_period)),
        nominators=nominators(row["nominated_by"] for row in
                              nominations.nominations_in_year(db, year_id)
                              if _nominated_in(row["nominated_on"], start, end,
                                               period_start is None)),
        role_order={row["name"]: row["sort_order"] for row in role_rows},
        school_rate=pooled_absent / pooled_enrolled if pooled_enrolled else None,
        school_months=pooled_by_month(year.calendar, end, everyone),
        mentee_months=pooled_by_month(year.calendar, end, everyone, matched_this_year),
        attendance_imports=school_imports,
        data_through=coverage.data_through,
        days_without_data=coverage.gaps,
        other_imports=tuple(batch for batch in imports.all_batches(db)
                            if batch["year_id"] == year_id and batch["kind"] != "attendance"
                            and not batch["undone_at"]),
        totals_only=report_attendance.totals_only(inputs.students),
        attendance_rules=inputs.attendance_rules,
        meeting_target=int(settings.get(db, "meeting_target_per_month")),
        days_before=inputs.window_rules.minimum_days_before,
        days_after=inputs.window_rules.minimum_days_after,
    )


def _nominated_in(text: str | None, start: dt.date, end: dt.date, whole_year: bool) -> bool:
    day = _date(text)
    if day is None:
        return whole_year
    return day <= end and (whole_year or day >= start)


def _mentor_facts(mentor_id: int, row: dict, timeline: MentorTimeline | None,
                  role_names: dict[int, str], on_roster: bool, end: dt.date) -> MentorFacts:
    state = timeline.best_known_on(end) if timeline is not None else None
    role_id = state.role_id if state is not None else row.get("role_id")
    return MentorFacts(
        mentor_id=mentor_id,
        name=person_name(row) if row else "(no name)",
        role=role_names.get(role_id, "") if role_id is not None else "",
        on_roster=on_roster,
        cleared=bool(state is not None and state.cleared_on(end)),
    )
