"""Attendance figures for screens, commands and reports: loaded in bulk, judged by
:mod:`program.attendance`.

Main entry points:

- :func:`year_attendance` — every enrolled student's record (the students list, the
  ``attendance`` command);
- :func:`student_detail` — one student with each day, monthly rates, weekday pattern and advice;
- :func:`school_overview` — tiers, school vs mentees by month, early-warning and chronic lists,
  and which dates the imports cover (the Attendance screen).

``as_of`` is inclusive, defaults to today and is clipped to the year's last day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import groupby
from operator import itemgetter

import sqlite_utils

from analysis.years import school_calendar
from program.attendance import (
    AttendanceRules,
    Coverage,
    MonthRate,
    PeriodSummary,
    StudentAttendance,
    StudentDays,
    assess_student,
    pooled_months,
    pooled_rate,
    tier_counts,
)
from program.attendance_coverage import AttendanceCoverage, attendance_coverage
from program.calendar import SchoolCalendar
from program.meeting_advice import MeetingAdvice
from storage import attendance_inputs, clock, program_inputs, settings


def rules(db: sqlite_utils.Database) -> AttendanceRules:
    """The school's attendance settings as the rules take them."""
    return AttendanceRules(
        in_school_suspension_counts_absent=bool(
            settings.get(db, "in_school_suspension_counts_absent")),
        minimum_enrolled_days=int(settings.get(db, "minimum_enrolled_days")),
    )


class _Dates:
    """ISO text -> date, remembered: a year has a few hundred distinct dates, read many times."""

    def __init__(self) -> None:
        self._seen: dict[str, dt.date] = {}

    def __call__(self, text: str | None) -> dt.date | None:
        if text is None or text == "":
            return None
        day = self._seen.get(text)
        if day is None:
            day = self._seen[text] = dt.date.fromisoformat(text[:10])
        return day


def load_student_days(db: sqlite_utils.Database, year_id: int, calendar: SchoolCalendar,
                      student_id: int | None = None) -> list[StudentDays]:
    """What is stored about each enrolled student's attendance in the year (by internal id)."""
    first, last = calendar.first_day.isoformat(), calendar.last_day.isoformat()
    date = _Dates()
    # Plain (day, status, batch) tuples: the shape of a Mark, at a third of the cost.
    marks: dict[int, list[tuple[dt.date, str, int | None]]] = {}
    for sid, group in groupby(attendance_inputs.attendance_rows(db, first, last, student_id),
                              itemgetter(0)):
        marks[sid] = [(date(day), status, batch) for _, day, status, batch in group]
    coverage: dict[int, list[Coverage]] = {}
    for sid, batch, covers_from, covers_through in attendance_inputs.exceptions_coverage(
            db, first, last, student_id):
        coverage.setdefault(sid, []).append(
            Coverage(batch, date(covers_from), date(covers_through)))
    summaries: dict[int, list[PeriodSummary]] = {}
    for sid, as_of, enrolled, absent in attendance_inputs.period_summaries(db, year_id, student_id):
        summaries.setdefault(sid, []).append(PeriodSummary(date(as_of), enrolled, absent))
    return [
        StudentDays(sid, date(entry), date(exit_), tuple(marks.get(sid, ())),
                    tuple(coverage.get(sid, ())), tuple(summaries.get(sid, ())))
        for sid, entry, exit_ in attendance_inputs.enrollment_dates(db, year_id, student_id)
    ]


def year_attendance(db: sqlite_utils.Database, year_id: int,
                    as_of: dt.date | None = None) -> list[StudentAttendance]:
    """Every student enrolled in the year, as of a date, ordered by internal student id."""
    calendar = school_calendar(db, year_id)
    as_of = as_of or clock.today()
    school_rules = rules(db)
    return [assess_student(student, calendar, as_of, school_rules)
            for student in load_student_days(db, year_id, calendar)]


def student_detail(db: sqlite_utils.Database, student_id: int, year_id: int,
                   as_of: dt.date | None = None) -> StudentAttendance | None:
    """One student's record with each enrolled day kept (``days``), monthly rates, weekday
    rates, pattern (``pattern_weekdays``), advice (``meet_on``) and early warning; None when the
    student is not enrolled that year."""
    calendar = school_calendar(db, year_id)
    loaded = load_student_days(db, year_id, calendar, student_id)
    if not loaded:
        return None
    return assess_student(loaded[0], calendar, as_of or clock.today(), rules(db),
                          keep_days=True)


def meeting_advice_for(db: sqlite_utils.Database, year_id: int, student_ids: Iterable[int],
                       as_of: dt.date | None = None) -> dict[int, MeetingAdvice]:
    """The suggested meeting day (program.meeting_advice) of each of these students whose
    absences cluster on a weekday, as of a date."""
    wanted = set(student_ids)
    if not wanted:
        return {}
    calendar = school_calendar(db, year_id)
    as_of, school_rules = as_of or clock.today(), rules(db)
    # A few students are read one by one; many, in one pass over the year.
    loaded = ([row for sid in sorted(wanted)
               for row in load_student_days(db, year_id, calendar, sid)]
              if len(wanted) <= 30 else
              [row for row in load_student_days(db, year_id, calendar)
               if row.student_id in wanted])
    found = {}
    for student in loaded:
        advice = assess_student(student, calendar, as_of, school_rules).advice
        if advice is not None:
            found[student.student_id] = advice
    return found


@dataclass(frozen=True)
class AttendanceImport:
    """One attendance import and the dates it speaks for."""

    batch_id: int
    file_name: str
    imported_at: str
    mode: str  # "daily" or "exceptions"
    covers_from: dt.date | None
    covers_through: dt.date | None
    undone: bool
    rows: int
    students_covered: int


@dataclass(frozen=True)
class SchoolOverview:
    """The whole school's attendance as of a date."""

    year_id: int
    as_of: dt.date
    records: tuple[StudentAttendance, ...]  # every enrolled student, by internal id
    tier_counts: dict[str | None, int]  # every tier, None = too few days
    school_rate: float | None  # pooled
    mentee_rate: float | None  # pooled over students matched this year
    school_months: tuple[MonthRate, ...]
    mentee_months: tuple[MonthRate, ...]
    early_warning: tuple[StudentAttendance, ...]  # flagged, not yet chronic
    chronic: tuple[StudentAttendance, ...]  # worst rate first
    patterns: tuple[StudentAttendance, ...]  # with a weekday pattern
    imports: tuple[AttendanceImport, ...]  # oldest first
    data_through: dt.date | None  # the last school day (up to as_of) attendance is known for
    # School days up to as_of that no import speaks for and should by now (gaps between imports,
    # or the data more than a few school days behind): see program.attendance_coverage.
    days_without_data: tuple[dt.date, ...]
    # The latest school days, normally still to come with the office's next export (not a gap).
    days_awaited: tuple[dt.date, ...] = ()

    @property
    def chronic_count(self) -> int:
        return self.tier_counts["moderate"] + self.tier_counts["severe"]

    @property
    def rated_count(self) -> int:
        return sum(count for tier, count in self.tier_counts.items() if tier is not None)

    @property
    def chronic_share(self) -> float | None:
        """Chronically absent students over students enrolled long enough to be rated."""
        rated = self.rated_count
        return self.chronic_count / rated if rated else None


def school_overview(db: sqlite_utils.Database, year_id: int,
                    as_of: dt.date | None = None) -> SchoolOverview:
    """Tiers, pooled rates of the school and of mentees by month, the early-warning, chronic
    and pattern lists, and the dates covered by attendance imports."""
    as_of = as_of or clock.today()
    calendar = school_calendar(db, year_id)
    records = year_attendance(db, year_id, as_of)
    mentees = program_inputs.matched_student_ids(db, year_id)
    mentee_records = [r for r in records if r.student_id in mentees]
    imports, coverage = import_coverage(db, calendar, as_of)
    return SchoolOverview(
        year_id=year_id,
        as_of=min(as_of, calendar.last_day),
        records=tuple(records),
        tier_counts=tier_counts(records),
        school_rate=pooled_rate(records),
        mentee_rate=pooled_rate(mentee_records),
        school_months=pooled_months(records),
        mentee_months=pooled_months(mentee_records),
        early_warning=tuple(r for r in records if r.early_warning is not None),
        chronic=tuple(sorted((r for r in records if r.chronic),
                             key=lambda r: (-(r.absence_rate or 0), r.student_id))),
        patterns=tuple(r for r in records if r.pattern_weekdays),
        imports=imports,
        data_through=coverage.data_through,
        days_without_data=coverage.gaps,
        days_awaited=coverage.awaited,
    )


def import_coverage(db: sqlite_utils.Database, calendar: SchoolCalendar, as_of: dt.date
                    ) -> tuple[tuple[AttendanceImport, ...], AttendanceCoverage]:
    """The year's attendance imports, and which school days up to ``as_of`` they speak for."""
    first, last = calendar.first_day.isoformat(), calendar.last_day.isoformat()
    date = _Dates()
    imports = tuple(
        AttendanceImport(row["id"], row["file_name"], row["imported_at"], row["attendance_mode"],
                         date(row["covers_from"]), date(row["covers_through"]),
                         row["undone_at"] is not None, row["rows_kept"], row["students_covered"])
        for row in attendance_inputs.attendance_imports(db, first, last)
    )
    known = {date(day) for day in attendance_inputs.days_with_rows(db, first, last)}
    for batch in imports:
        if batch.mode == "exceptions" and not batch.undone and batch.students_covered:
            known.update(calendar.days_between(batch.covers_from or calendar.first_day,
                                               batch.covers_through or calendar.last_day))
    return imports, attendance_coverage(calendar, known, as_of)


def by_student(records: Iterable[StudentAttendance]) -> dict[int, StudentAttendance]:
    """Records keyed by internal student id."""
    return {record.student_id: record for record in records}
