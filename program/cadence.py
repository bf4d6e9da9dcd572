"""Meeting rhythm: how often each match meets, and which matches need a nudge.

Only meetings "held" count; "student absent" is an attempt (shown, not counted); "cancelled"
is neither. Time is counted in school days, so weekends, holidays and breaks never make a match
look neglected.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from program.calendar import SchoolCalendar, month_key


@dataclass(frozen=True)
class CadenceRules:
    """The program's target (held meetings a month per match) and when a match is overdue."""

    target_per_month: int = 2
    overdue_after_school_days: int = 10


@dataclass(frozen=True)
class MatchMeetings:
    """A match's dates and its meetings as (date, outcome).

    ``meeting_ids`` (optional, in the order of ``meetings``) name each meeting, so that a group
    meeting shared by several matches can be counted once across them; ``kinds`` (optional, the
    same order) tell meetings with the student from family contacts and absent-day check-ins
    (the rhythm counts them all; the report counts them apart)."""

    match_id: int
    started_on: dt.date
    ended_on: dt.date | None = None
    meetings: Sequence[tuple[dt.date, str]] = ()
    mentor_id: int | None = None
    student_id: int | None = None
    closure_reason: str | None = None
    meeting_ids: Sequence[int] = ()
    kinds: Sequence[str] = ()  # each meeting's kind (one_to_one when not given)

    def held_meeting_keys(self, first: dt.date, last: dt.date) -> set[object]:
        """Keys of the held meetings from ``first`` to ``last`` (inclusive) inside the match:
        a meeting's id when known (shared by the matches of a group meeting), else a key of
        this match's own."""
        stop = last if self.ended_on is None else min(last, self.ended_on)
        start = max(first, self.started_on)
        keys: set[object] = set()
        for index, (day, outcome) in enumerate(self.meetings):
            if outcome == "held" and start <= day <= stop:
                keys.add(self.meeting_ids[index] if index < len(self.meeting_ids)
                         else (self.match_id, index))
        return keys


@dataclass(frozen=True)
class MonthMeetings:
    """One calendar month of a match."""

    year: int
    month: int
    held: int
    attempts: int
    school_days: int  # the match's school days in the month (up to the as-of date)
    full: bool  # the match ran the whole month, and the month is over
    on_target: bool  # full, and held at least the target


@dataclass(frozen=True)
class MatchRhythm:
    """How one match is meeting, as of a date."""

    match_id: int
    mentor_id: int | None
    student_id: int | None
    started_on: dt.date
    ended_on: dt.date | None
    active: bool  # begun and not ended as of the date
    held: int
    attempts: int  # "student absent": the mentor tried
    cancelled: int
    last_held: dt.date | None
    last_attempt: dt.date | None
    school_days_since: int  # since the last held meeting, or since the start if none
    overdue: bool
    overdue_from: dt.date | None  # the school day it is (or becomes) overdue, if in the year
    held_this_month: int
    expected_this_month: int  # by now, prorated; at least one more than held when overdue
    behind_target: bool
    months: tuple[MonthMeetings, ...]
    longest_gap: int  # school days between held meetings (or from the start / to today)
    full_months: int
    full_months_on_target: int
    months_matched: float  # the match's share of each month's school days, added up
    held_per_month: float | None

    @property
    def share_on_target(self) -> float | None:
        """Of the full months, the share that met the target; None before a full month."""
        return self.full_months_on_target / self.full_months if self.full_months else None

    @property
    def needs_attention(self) -> bool:
        """Overdue or behind this month's target."""
        return self.overdue or self.behind_target


def match_rhythm(match: MatchMeetings, calendar: SchoolCalendar, as_of: dt.date,
                 rules: CadenceRules | None = None) -> MatchRhythm:
    """The rhythm of one match in ``calendar``'s year as of ``as_of`` (inclusive)."""
    rules = rules or CadenceRules()
    as_of = min(as_of, calendar.last_day)
    start = match.started_on
    stop = as_of if match.ended_on is None else min(as_of, match.ended_on)
    active = start <= as_of and (match.ended_on is None or match.ended_on > as_of)
    held_days: list[dt.date] = []
    attempts: list[dt.date] = []
    cancelled = 0
    for day, outcome in sorted(match.meetings):
        if day < start or day > stop:
            continue
        if outcome == "held":
            held_days.append(day)
        elif outcome == "student_absent":
            attempts.append(day)
        else:
            cancelled += 1
    last_held = held_days[-1] if held_days else None
    since = calendar.school_days_since(last_held or start, as_of) if start <= as_of else 0
    overdue = active and since > rules.overdue_after_school_days
    months = _months(calendar, start, stop, held_days, attempts, rules.target_per_month)
    held_now, expected_now = _this_month(calendar, start, as_of, held_days,
                                         rules.target_per_month)
    if overdue:
        # Overdue means a meeting is due now: this month's figures expect one more than were
        # held, so a screen never says "overdue" beside "0 held (0 expected by now)".
        expected_now = max(expected_now, held_now + 1)
    months_matched = sum(
        m.school_days / len(calendar.month_days(m.year, m.month)) for m in months
    )
    points = [start, *held_days, stop] if start <= stop else []
    longest = max((calendar.school_days_since(a, b)
                   for a, b in zip(points, points[1:], strict=False)), default=0)
    full = [m for m in months if m.full]
    return MatchRhythm(
        match_id=match.match_id,
        mentor_id=match.mentor_id,
        student_id=match.student_id,
        started_on=start,
        ended_on=match.ended_on,
        active=active,
        held=len(held_days),
        attempts=len(attempts),
        cancelled=cancelled,
        last_held=last_held,
        last_attempt=attempts[-1] if attempts else None,
        school_days_since=since,
        overdue=overdue,
        overdue_from=_overdue_from(calendar, last_held or start,
                                   rules.overdue_after_school_days) if active else None,
        held_this_month=held_now,
        expected_this_month=expected_now,
        behind_target=active and held_now < expected_now,
        months=months,
        longest_gap=longest,
        full_months=len(full),
        full_months_on_target=sum(1 for m in full if m.on_target),
        months_matched=months_matched,
        held_per_month=len(held_days) / months_matched if months_matched else None,
    )


def _overdue_from(calendar: SchoolCalendar, since: dt.date, allowed: int) -> dt.date | None:
    # The (allowed + 1)-th school day after ``since``.
    index = calendar.count_through(since) + allowed
    return calendar.days[index] if index < len(calendar.days) else None


def _this_month(calendar: SchoolCalendar, start: dt.date, as_of: dt.date,
                held_days: list[dt.date], target: int) -> tuple[int, int]:
    """Held meetings this month, and the target times the share of the month's school days
    already past (rounded down). A match that began this month is judged on its own days."""
    month = calendar.month_days(as_of.year, as_of.month)
    if not month or start > as_of:
        return 0, 0
    past = sum(1 for day in month if start <= day <= as_of)
    held = sum(1 for day in held_days if month_key(day) == month_key(as_of) and day <= as_of)
    return held, target * past // len(month)


def _months(calendar: SchoolCalendar, start: dt.date, stop: dt.date, held_days: list[dt.date],
            attempts: list[dt.date], target: int) -> tuple[MonthMeetings, ...]:
    months: list[MonthMeetings] = []
    if start > stop:
        return ()
    for (year, month), days in calendar.months.items():
        if days[-1] < start or days[0] > stop:
            continue
        school_days = sum(1 for day in days if start <= day <= stop)
        full = start <= days[0] and stop >= days[-1]
        held = sum(1 for day in held_days if month_key(day) == (year, month))
        months.append(MonthMeetings(
            year, month, held, sum(1 for day in attempts if month_key(day) == (year, month)),
            school_days, full, full and held >= target))
    return tuple(months)


def match_rhythms(matches: Iterable[MatchMeetings], calendar: SchoolCalendar, as_of: dt.date,
                  rules: CadenceRules | None = None) -> list[MatchRhythm]:
    """:func:`match_rhythm` for many matches (same order)."""
    return [match_rhythm(match, calendar, as_of, rules) for match in matches]


def needing_attention(rhythms: Iterable[MatchRhythm]) -> list[MatchRhythm]:
    """Active matches that are overdue or behind target: longest without a meeting first."""
    return sorted((r for r in rhythms if r.active and r.needs_attention),
                  key=lambda r: (not r.overdue, -r.school_days_since, r.match_id))
