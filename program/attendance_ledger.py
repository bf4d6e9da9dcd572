"""A student's attendance for totals over any stretch of a year, built from a compact form.

The report asks for days enrolled and absent over many stretches (before and after each match,
the same stretch for every comparison student, each month, last year). Reading every stored day
of two years one by one is the slow part of a report, so :mod:`analysis` hands over each
student's days compactly (:class:`CompactDays`): a daily import that lists every school day
between two dates becomes one span, with only the days that were not plain presence listed.
:func:`compact_ledger` then counts exactly as :func:`program.attendance.enrolled_days` does
(a test checks the two agree on any input).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from program.attendance import AttendanceRules, Coverage, Ledger, PeriodSummary
from program.calendar import ONE_DAY, SchoolCalendar


class Totals(Protocol):
    """Anything that gives (days enrolled, days absent) over a stretch of days."""

    def totals(self, start: dt.date, end: dt.date) -> tuple[float, float]:
        """(days enrolled, days absent) from ``start`` to ``end``, both included."""


@dataclass(frozen=True)
class CompactDays:
    """What is stored about one student's attendance in one year, compactly.

    ``span`` (first, last): the student has a row on every school day from first to last and on
    no other day, so ``marks`` lists only their rows that are not plain presence. Without a span,
    ``marks`` holds every row. ``coverage``, ``entry_date`` and ``exit_date`` are as in
    :class:`program.attendance.StudentDays` (exceptions-only imports); a student with a span has
    no coverage.
    """

    student_id: int
    span: tuple[dt.date, dt.date] | None = None
    marks: Sequence[tuple[dt.date, str]] = ()
    coverage: Sequence[Coverage] = ()
    entry_date: dt.date | None = None
    exit_date: dt.date | None = None
    summaries: Sequence[PeriodSummary] = ()


@dataclass(frozen=True)
class SpanLedger:
    """Enrolled days as runs of school days plus single days; absences as dated weights."""

    calendar: SchoolCalendar
    runs: tuple[tuple[dt.date, dt.date], ...] = ()  # every school day inside is enrolled
    extra_days: tuple[dt.date, ...] = ()  # enrolled days outside the runs' school days, sorted
    absence_days: tuple[dt.date, ...] = ()  # days that count as (part) absent, sorted
    absent_through: tuple[float, ...] = (0.0,)  # days absent before each index (running sum)

    def totals(self, start: dt.date, end: dt.date) -> tuple[float, float]:
        """(days enrolled, days absent) from ``start`` to ``end``, both included."""
        if end < start:
            return (0, 0.0)
        enrolled = 0
        for first, last in self.runs:
            low = first if first > start else start
            high = last if last < end else end
            if low <= high:
                enrolled += self.calendar.count_between(low, high)
        if self.extra_days:
            enrolled += bisect_right(self.extra_days, end) - bisect_left(self.extra_days, start)
        low = bisect_left(self.absence_days, start)
        high = bisect_right(self.absence_days, end)
        return (enrolled, self.absent_through[high] - self.absent_through[low])

    def through(self, days: Sequence[dt.date]) -> list[tuple[float, float]]:
        """(days enrolled, days absent) from the year's first day through each of ``days``:
        many month ends at once, for a fraction of the cost of a totals() each."""
        count_through = self.calendar.count_through
        first = self.calendar.first_day
        runs = [(count_through(start - ONE_DAY), start, last) for start, last in self.runs]
        found = []
        for day in days:
            enrolled = 0
            for before, start, last in runs:
                if day >= start:
                    enrolled += count_through(last if last < day else day) - before
            if self.extra_days:
                enrolled += bisect_right(self.extra_days, day) - bisect_left(self.extra_days,
                                                                              first)
            found.append((enrolled, self.absent_through[bisect_right(self.absence_days, day)]))
        return found


def totals_through(ledger: Totals, first: dt.date, days: Sequence[dt.date]
                   ) -> list[tuple[float, float]]:
    """(days enrolled, days absent) from ``first`` through each of ``days``, any ledger."""
    if isinstance(ledger, SpanLedger) and first == ledger.calendar.first_day:
        return ledger.through(days)
    return [ledger.totals(first, day) for day in days]


def _merged(runs: Iterable[tuple[dt.date, dt.date]]) -> tuple[tuple[dt.date, dt.date], ...]:
    merged: list[list[dt.date]] = []
    for first, last in sorted(runs):
        if merged and first <= merged[-1][1] + ONE_DAY:
            merged[-1][1] = max(merged[-1][1], last)
        else:
            merged.append([first, last])
    return tuple((first, last) for first, last in merged)


def _inside(runs: tuple[tuple[dt.date, dt.date], ...], day: dt.date) -> bool:
    return any(first <= day <= last for first, last in runs)


def compact_ledger(days: CompactDays, calendar: SchoolCalendar, as_of: dt.date,
                   rules: AttendanceRules | None = None) -> SpanLedger | Ledger:
    """The student's totals for the year up to ``as_of`` (inclusive), counted as
    :func:`program.attendance.enrolled_days` counts them; totals only give a summary ledger."""
    rules = rules or AttendanceRules()
    if days.span is None and not days.marks and not days.coverage:
        end = min(as_of, calendar.last_day)
        return Ledger(summaries=tuple(s for s in days.summaries if s.as_of <= end),
                      day_level=False)
    start, end = calendar.first_day, min(as_of, calendar.last_day)
    if end < start:
        return SpanLedger(calendar)
    runs: tuple[tuple[dt.date, dt.date], ...] = ()
    if days.span is not None:
        first, last = max(days.span[0], start), min(days.span[1], end)
        runs = ((first, last),) if first <= last else ()
    elif days.coverage:
        enrolled_from = max(start, days.entry_date or start)
        enrolled_to = end if days.exit_date is None else min(end, days.exit_date - ONE_DAY)
        runs = _merged((max(enrolled_from, cover.covers_from),
                        min(enrolled_to, cover.covers_through))
                       for cover in days.coverage
                       if max(enrolled_from, cover.covers_from)
                       <= min(enrolled_to, cover.covers_through))
    # A row on a day the calendar says had no school (closed after the attendance came in)
    # counts for no one, as in enrolled_days: neither enrolled nor absent.
    school_day = calendar.is_school_day
    extra = () if days.span is not None else tuple(sorted(
        day for day, _ in days.marks if start <= day <= end and school_day(day)
        and not _inside(runs, day)))
    weights = rules.weights()
    absences = sorted((day, weights.get(status, 0.0)) for day, status in days.marks
                      if start <= day <= end and weights.get(status, 0.0) and school_day(day))
    running = [0.0]
    for _, weight in absences:
        running.append(running[-1] + weight)
    return SpanLedger(calendar, runs, extra, tuple(day for day, _ in absences), tuple(running))
