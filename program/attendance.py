"""Attendance as schools count it (Attendance Works / ESSA): days enrolled, days absent, the
absence rate, its tier, early warning, weekday patterns and monthly rates.

Days enrolled come from what was imported (see :func:`assess_student`):

- a *daily* import lists every enrolled day, so the listed days are the enrolled days;
- an *exceptions-only* import lists only the days a student was not simply present; for the
  students it speaks for, every instructional day inside its covered dates (and inside the
  student's enrollment) is enrolled, and a day without a row was a present day;
- a student with neither may have period totals ("as of DATE: 90 days enrolled, 11 absent"); the
  latest one on or before the as-of date is used, and the day-level views are not available.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import NamedTuple

from program.calendar import ONE_DAY, SchoolCalendar
from program.meeting_advice import MeetingAdvice, meeting_advice

TIERS = ("satisfactory", "at-risk", "moderate", "severe")
CHRONIC_TIERS = frozenset({"moderate", "severe"})
# (the student's first N instructional days, days missed that raise the flag)
EARLY_WARNING_TRIGGERS = ((20, 2), (40, 4), (60, 6))
PATTERN_LEAST_ABSENCES = 3
PATTERN_RATIO = Fraction(3, 2)

_BASE_WEIGHTS = {
    "present": 0.0,
    "tardy": 0.0,
    "absent_excused": 1.0,
    "absent_unexcused": 1.0,
    "suspension_out": 1.0,
    "suspension_in": 0.0,
    "half_day": 0.5,
    # Missed some class periods, fewer than the share that makes an absent day: present.
    "partial": 0.0,
}


@dataclass(frozen=True)
class AttendanceRules:
    """The school's choices: whether in-school suspension is an absence, and the smallest
    enrollment that gets a tier."""

    in_school_suspension_counts_absent: bool = False
    minimum_enrolled_days: int = 10

    def weights(self) -> dict[str, float]:
        """Status -> days absent it counts for (unknown statuses count as present)."""
        weights = dict(_BASE_WEIGHTS)
        if self.in_school_suspension_counts_absent:
            weights["suspension_in"] = 1.0
        return weights


class Mark(NamedTuple):
    """One stored attendance row: a status on a day, from an import (``batch``, higher is newer)
    or typed by hand (``batch`` None)."""

    day: dt.date
    status: str
    batch: int | None = None


@dataclass(frozen=True)
class Coverage:
    """An exceptions-only import that speaks for a student from ``covers_from`` to
    ``covers_through`` (both included); ``batch`` orders imports, higher is newer."""

    batch: int
    covers_from: dt.date
    covers_through: dt.date


@dataclass(frozen=True)
class PeriodSummary:
    """Totals a school reported for a student "as of" a date."""

    as_of: dt.date
    days_enrolled: float
    days_absent: float


@dataclass(frozen=True)
class StudentDays:
    """Everything stored about one student's attendance in one school year.

    ``exit_date`` is the first day no longer enrolled, as student information systems record it.
    """

    student_id: int
    entry_date: dt.date | None = None
    exit_date: dt.date | None = None
    marks: Sequence[tuple[dt.date, str, int | None]] = ()  # Mark, or plain (day, status, batch)
    coverage: Sequence[Coverage] = ()
    summaries: Sequence[PeriodSummary] = ()


@dataclass(frozen=True)
class MonthRate:
    """Days enrolled and absent in one calendar month (for one student or a pooled group)."""

    year: int
    month: int
    days_enrolled: float
    days_absent: float

    @property
    def rate(self) -> float | None:
        """Days absent over days enrolled; None when no day was enrolled."""
        return absence_rate(self.days_absent, self.days_enrolled)


@dataclass(frozen=True)
class WeekdayRate:
    """One weekday's share of a student's absences."""

    weekday: int
    days_enrolled: int
    days_absent: float
    pattern: bool

    @property
    def rate(self) -> float | None:
        """Days absent on this weekday over days enrolled on it."""
        return absence_rate(self.days_absent, self.days_enrolled)


@dataclass(frozen=True)
class EarlyWarning:
    """Missed ``missed`` of the student's first ``window`` school days (the flag is ``threshold``
    or more)."""

    window: int
    threshold: int
    missed: float


@dataclass(frozen=True)
class StudentAttendance:
    """One student's attendance in one year as of a date, with everything derived from it."""

    student_id: int
    source: str  # "days" (daily or exceptions-only rows), "summary" (totals only), "none"
    days_enrolled: float
    days_absent: float
    absence_rate: float | None
    tier: str | None
    early_warning: EarlyWarning | None = None
    months: tuple[MonthRate, ...] | None = None  # None: not available (totals only)
    weekdays: tuple[WeekdayRate, ...] | None = None  # Monday..Friday; None: not available
    days: tuple[tuple[dt.date, str], ...] = ()  # each enrolled day and its status (on request)

    @property
    def chronic(self) -> bool:
        """Absent 10% or more of the days enrolled (and enrolled enough days to be rated)."""
        return self.tier in CHRONIC_TIERS

    @property
    def has_attendance(self) -> bool:
        """At least one day enrolled (or totals) as of the date."""
        return self.days_enrolled > 0

    @property
    def rated(self) -> bool:
        """Enrolled enough days to have a tier."""
        return self.tier is not None

    @property
    def pattern_weekdays(self) -> tuple[int, ...]:
        """Weekdays (0 = Monday) on which absences cluster."""
        return tuple(w.weekday for w in self.weekdays or () if w.pattern)

    @property
    def meet_on(self) -> tuple[int, ...]:
        """The advice for a pattern: meet on the school day before it."""
        return meeting_days_for(self.pattern_weekdays)

    @property
    def advice(self) -> MeetingAdvice | None:
        """The one suggested meeting day for a pattern (program.meeting_advice)."""
        return meeting_advice(self.pattern_weekdays, [w.rate for w in self.weekdays or ()])


def absence_rate(days_absent: float, days_enrolled: float) -> float | None:
    """Days absent over days enrolled; None when no day was enrolled."""
    if days_enrolled <= 0:
        return None
    return days_absent / days_enrolled


def _exact(value: float) -> Fraction:
    # Through the shortest decimal form: a stored 0.1 means one tenth, not its binary neighbour.
    return Fraction(repr(float(value)))


def halves(value: float) -> int | None:
    """``value`` counted in half days, when it is a whole number of them (else None)."""
    if type(value) is int:
        return value * 2
    doubled = value * 2.0
    return int(doubled) if doubled.is_integer() and -2 ** 52 < doubled < 2 ** 52 else None


def tier_for(days_absent: float, days_enrolled: float,
             minimum_enrolled_days: int = 10) -> str | None:
    """The tier of an absence record, judged on the exact fraction (exactly 10% is chronic);
    None when enrolled fewer than the minimum days."""
    if days_enrolled <= 0 or days_enrolled < minimum_enrolled_days:
        return None
    absent2, enrolled2 = halves(days_absent), halves(days_enrolled)
    if absent2 is not None and enrolled2 is not None:
        # Whole and half days (nearly always): the same comparison in whole numbers, quickly.
        if 100 * absent2 < 5 * enrolled2:
            return "satisfactory"
        if 100 * absent2 < 10 * enrolled2:
            return "at-risk"
        return "moderate" if 100 * absent2 < 20 * enrolled2 else "severe"
    rate = _exact(days_absent) / _exact(days_enrolled)
    if rate < Fraction(5, 100):
        return "satisfactory"
    if rate < Fraction(10, 100):
        return "at-risk"
    if rate < Fraction(20, 100):
        return "moderate"
    return "severe"


def meeting_days_for(pattern_weekdays: Iterable[int]) -> tuple[int, ...]:
    """The school day before each pattern day, leaving out days that are patterns themselves
    (a Thursday-and-Friday pattern gives Wednesday; a Monday pattern gives Friday)."""
    pattern = set(pattern_weekdays)
    return tuple(sorted({(weekday - 1) % 5 for weekday in pattern} - pattern))


def enrolled_days(student: StudentDays, calendar: SchoolCalendar,
                  as_of: dt.date) -> dict[dt.date, str]:
    """Each enrolled day up to ``as_of`` (inclusive) and the status that counts for it.

    Every stored row on a school day counts for its day (a row on a day the calendar now says
    had no school counts for no student): a corrected exceptions-only re-import has already
    replaced the rows inside its covered dates (and undoing it puts them back), so what is
    stored is the truth. Covered days without a row are present.
    """
    start = calendar.first_day
    end = min(as_of, calendar.last_day)
    if end < start:
        return {}
    # A day closed after its attendance came in (a snow day added to the calendar) counts for
    # no one: its stored rows are kept (reopening the day brings them back) but not counted.
    school_day = calendar.is_school_day
    if not student.coverage:
        return {day: status for day, status, _ in student.marks
                if start <= day <= end and school_day(day)}
    covered: set[dt.date] = set()
    enrolled_from = max(start, student.entry_date or start)
    enrolled_to = end
    if student.exit_date is not None:
        enrolled_to = min(end, student.exit_date - ONE_DAY)
    for cover in student.coverage:
        for day in calendar.days_between(max(enrolled_from, cover.covers_from),
                                         min(enrolled_to, cover.covers_through)):
            covered.add(day)
    statuses = dict.fromkeys(covered, "present")
    for day, status, _ in student.marks:
        if start <= day <= end and school_day(day):
            statuses[day] = status
    return statuses


def assess_student(student: StudentDays, calendar: SchoolCalendar, as_of: dt.date,
                   rules: AttendanceRules | None = None, *,
                   keep_days: bool = False) -> StudentAttendance:
    """One student's attendance in ``calendar``'s year, as of ``as_of`` (inclusive; clipped to
    the year's last day)."""
    rules = rules or AttendanceRules()
    if not student.marks and not student.coverage:
        return _from_summaries(student, calendar, as_of, rules)
    statuses = enrolled_days(student, calendar, as_of)
    weights = rules.weights()
    months: dict[tuple[int, int], list[float]] = {}
    weekday_enrolled = [0] * 7
    weekday_absent = [0.0] * 7
    ordered = sorted(statuses.items())
    absent_total = 0.0
    cumulative: list[float] = []  # days missed after each enrolled day, for early warning
    for day, status in ordered:
        weight = weights.get(status, 0.0)
        absent_total += weight
        if len(cumulative) < 60:
            cumulative.append(absent_total)
        key = (day.year, day.month)
        month = months.get(key)
        if month is None:
            month = months[key] = [0, 0.0]
        month[0] += 1
        month[1] += weight
        weekday = day.weekday()
        weekday_enrolled[weekday] += 1
        weekday_absent[weekday] += weight
    enrolled = len(ordered)
    tier = tier_for(absent_total, enrolled, rules.minimum_enrolled_days)
    return StudentAttendance(
        student_id=student.student_id,
        source="days",
        days_enrolled=enrolled,
        days_absent=absent_total,
        absence_rate=absence_rate(absent_total, enrolled),
        tier=tier,
        early_warning=None if tier in CHRONIC_TIERS else _early_warning(cumulative),
        months=tuple(MonthRate(year, month, count, absent)
                     for (year, month), (count, absent) in months.items()),
        weekdays=_weekday_rates(weekday_enrolled, weekday_absent, absent_total, enrolled),
        days=tuple(ordered) if keep_days else (),
    )


def _from_summaries(student: StudentDays, calendar: SchoolCalendar, as_of: dt.date,
                    rules: AttendanceRules) -> StudentAttendance:
    end = min(as_of, calendar.last_day)
    usable = [s for s in student.summaries if s.as_of <= end]
    if not usable:
        return StudentAttendance(student.student_id, "summary" if student.summaries else "none",
                                 0, 0.0, None, None)
    latest = max(usable, key=lambda s: s.as_of)
    enrolled, absent = latest.days_enrolled, latest.days_absent
    return StudentAttendance(
        student_id=student.student_id,
        source="summary",
        days_enrolled=enrolled,
        days_absent=absent,
        absence_rate=absence_rate(absent, enrolled),
        tier=tier_for(absent, enrolled, rules.minimum_enrolled_days),
    )


def _early_warning(cumulative: list[float]) -> EarlyWarning | None:
    """The first trigger reached: days missed within the student's first 20, 40 or 60 days."""
    for window, threshold in EARLY_WARNING_TRIGGERS:
        if not cumulative:
            return None
        missed = cumulative[min(window, len(cumulative)) - 1]
        if missed >= threshold:
            return EarlyWarning(window, threshold, missed)
    return None


def _weekday_rates(enrolled_by_day: list[int], absent_by_day: list[float], absent_total: float,
                   enrolled_total: int) -> tuple[WeekdayRate, ...]:
    rates = []
    for weekday in range(5):
        enrolled, absent = enrolled_by_day[weekday], absent_by_day[weekday]
        # absent/enrolled >= 1.5 * total_absent/total_enrolled, in whole numbers (exact).
        pattern = (
            absent >= PATTERN_LEAST_ABSENCES
            and absent_total > 0
            and 2 * absent * enrolled_total >= 3 * absent_total * enrolled
        )
        rates.append(WeekdayRate(weekday, enrolled, absent, pattern))
    return tuple(rates)


def assess_students(students: Iterable[StudentDays], calendar: SchoolCalendar, as_of: dt.date,
                    rules: AttendanceRules | None = None) -> list[StudentAttendance]:
    """:func:`assess_student` for many students (same order)."""
    rules = rules or AttendanceRules()
    return [assess_student(student, calendar, as_of, rules) for student in students]


def pooled_months(records: Iterable[StudentAttendance]) -> tuple[MonthRate, ...]:
    """A group's monthly absence rates, pooled: all days absent over all days enrolled.

    Students with totals only have no months and are left out.
    """
    totals: dict[tuple[int, int], list[float]] = {}
    for record in records:
        for month in record.months or ():
            total = totals.setdefault((month.year, month.month), [0, 0.0])
            total[0] += month.days_enrolled
            total[1] += month.days_absent
    return tuple(MonthRate(year, month, enrolled, absent)
                 for (year, month), (enrolled, absent) in sorted(totals.items()))


def pooled_rate(records: Iterable[StudentAttendance]) -> float | None:
    """A group's absence rate, pooled: all days absent over all days enrolled."""
    enrolled = absent = 0.0
    for record in records:
        enrolled += record.days_enrolled
        absent += record.days_absent
    return absence_rate(absent, enrolled)


def tier_counts(records: Iterable[StudentAttendance]) -> dict[str | None, int]:
    """How many students are in each tier (None: too few days), every tier present."""
    counts: dict[str | None, int] = dict.fromkeys((*TIERS, None), 0)
    for record in records:
        counts[record.tier] += 1
    return counts


@dataclass(frozen=True)
class Ledger:
    """A student's enrolled days and absences in one year, for totals over any stretch of it.

    With totals only (``summaries``), a stretch is the difference of the latest totals on or
    before each end: as exact as the dates the school reported on.
    """

    days: tuple[dt.date, ...] = ()
    absent_through: tuple[float, ...] = (0.0,)  # days absent before each index (running sum)
    summaries: tuple[PeriodSummary, ...] = ()
    day_level: bool = True

    def totals(self, start: dt.date, end: dt.date) -> tuple[float, float]:
        """(days enrolled, days absent) from ``start`` to ``end``, both included."""
        if end < start:
            return (0, 0.0)
        if not self.day_level:
            later, earlier = self._cumulative(end), self._cumulative(start - ONE_DAY)
            return (max(0, later[0] - earlier[0]), max(0.0, later[1] - earlier[1]))
        low = bisect_left(self.days, start)
        high = bisect_right(self.days, end)
        return (high - low, self.absent_through[high] - self.absent_through[low])

    def _cumulative(self, through: dt.date) -> tuple[float, float]:
        usable = [s for s in self.summaries if s.as_of <= through]
        if not usable:
            return (0, 0.0)
        latest = max(usable, key=lambda s: s.as_of)
        return (latest.days_enrolled, latest.days_absent)


def ledger(student: StudentDays, calendar: SchoolCalendar, as_of: dt.date,
           rules: AttendanceRules | None = None) -> Ledger:
    """The student's :class:`Ledger` for the year up to ``as_of``."""
    rules = rules or AttendanceRules()
    if not student.marks and not student.coverage:
        end = min(as_of, calendar.last_day)
        return Ledger(summaries=tuple(s for s in student.summaries if s.as_of <= end),
                      day_level=False)
    weights = rules.weights()
    ordered = sorted(enrolled_days(student, calendar, as_of).items())
    running = [0.0]
    total = 0.0
    for _, status in ordered:
        total += weights.get(status, 0.0)
        running.append(total)
    return Ledger(tuple(day for day, _ in ordered), tuple(running))
