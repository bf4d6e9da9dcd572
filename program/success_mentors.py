"""The figures by which Success Mentors programs were judged, for this school: the whole
school's chronic absence month by month beside last year's, the dose (attendance change by
how many meetings were held), and last year's mentees this year. (Previously chronically
absent mentees against similar students: :mod:`program.outcomes`.)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from program.attendance import MonthRate, tier_for
from program.attendance_ledger import SpanLedger, Totals, totals_through
from program.calendar import SchoolCalendar
from program.comparison import NO_DAYS, Measured, Stretch

CHRONIC = ("moderate", "severe")
# Meetings held with the student: the bands the dose table counts in (lowest, highest).
DOSE_BANDS: tuple[tuple[int, int | None], ...] = ((0, 0), (1, 4), (5, 9), (10, 19), (20, None))


def band_label(band: tuple[int, int | None]) -> str:
    """(5, 9) -> "5 to 9 meetings"; (0, 0) -> "No meetings"; (20, None) -> "20 or more"."""
    low, high = band
    if high == 0:
        return "No meetings"
    if high is None:
        return f"{low} meetings or more"
    return f"{low} to {high} meetings"


@dataclass(frozen=True)
class ChronicMonth:
    """The share of the school chronically absent (year to date) at a month's end, this year
    and at the same month's end last year."""

    month: int  # 1-12
    this_year: float | None
    last_year: float | None
    this_year_rated: int  # students enrolled long enough to be rated
    last_year_rated: int


def _month_ends(calendar: SchoolCalendar, through: dt.date) -> dict[int, dt.date]:
    """The last school day of each month of the year, up to ``through``."""
    ends = {}
    for (_, month), days in calendar.months.items():
        last = min(days[-1], through)
        if days[0] <= through:
            ends[month] = last
    return ends


def _chronic_shares(ledgers: Mapping[int, Totals], first: dt.date, ends: list[dt.date],
                    minimum: int) -> list[tuple[float | None, int]]:
    """(share chronically absent, students rated) over the year from ``first`` through each
    of ``ends``."""
    rated = [0] * len(ends)
    chronic = [0] * len(ends)
    for ledger in ledgers.values():
        for n, (enrolled, absent) in enumerate(totals_through(ledger, first, ends)):
            tier = tier_for(absent, enrolled, minimum)
            if tier is not None:
                rated[n] += 1
                chronic[n] += tier in CHRONIC
    return [(c / r if r else None, r) for c, r in zip(chronic, rated, strict=True)]


def known_months(months: Sequence[ChronicMonth], through: dt.date | None
                 ) -> tuple[ChronicMonth, ...]:
    """This year's shares only for the months attendance is known in: a month after the last
    day imported would only repeat the month before as if it were that month's own figure."""
    if through is None:  # (nothing said of where the data ends: as computed)
        return tuple(months)
    shown, past = [], False
    for month in months:  # in school-year order
        shown.append(replace(month, this_year=None, this_year_rated=0) if past else month)
        past = past or month.month == through.month
    return tuple(shown)


def chronic_share_by_month(calendar: SchoolCalendar, as_of: dt.date,
                           students: Mapping[int, Totals], previous: SchoolCalendar | None,
                           previous_students: Mapping[int, Totals],
                           minimum: int) -> tuple[ChronicMonth, ...]:
    """Month by month, in school-year order: the share of students chronically absent over the
    year up to the month's end (this year up to ``as_of``), and last year's at that month's
    end (last year's whole year, so a reader sees where this year is heading)."""
    this = _month_ends(calendar, as_of)
    last = _month_ends(previous, previous.last_day) if previous is not None else {}
    order = [month for (_, month) in calendar.months]
    order += [month for month in last if month not in order]
    this_shares = dict(zip(this, _chronic_shares(students, calendar.first_day,
                                                 list(this.values()), minimum), strict=True))
    last_shares = dict(zip(last, _chronic_shares(previous_students, previous.first_day,
                                                 list(last.values()), minimum),
                           strict=True)) if previous is not None else {}
    months = []
    for month in order:
        share, rated = this_shares.get(month, (None, 0))
        before, before_rated = last_shares.get(month, (None, 0))
        months.append(ChronicMonth(month, share, before, rated, before_rated))
    return tuple(months)


def pooled_by_month(calendar: SchoolCalendar, as_of: dt.date, ledgers: Mapping[int, Totals],
                    who: Iterable[int] | None = None) -> tuple[MonthRate, ...]:
    """Days enrolled and absent of each month up to ``as_of``, pooled over the students
    (``who``: some of them). Students with totals only have no months: left out, as the
    attendance screen leaves them."""
    ends = list(_month_ends(calendar, as_of).items())
    keys = [(day.year, month) for month, day in ends]
    enrolled = [0.0] * len(ends)
    absent = [0.0] * len(ends)
    wanted = None if who is None else set(who)
    for student_id, ledger in ledgers.items():
        if (wanted is not None and student_id not in wanted) \
                or not isinstance(ledger, SpanLedger):
            continue
        previous = (0, 0.0)
        for n, totals in enumerate(ledger.through([day for _, day in ends])):
            enrolled[n] += totals[0] - previous[0]
            absent[n] += totals[1] - previous[1]
            previous = totals
    return tuple(MonthRate(year, month, e, a) for (year, month), e, a
                 in zip(keys, enrolled, absent, strict=True) if e)


@dataclass(frozen=True)
class DoseBand:
    """Judged mentees who held a number of meetings in a band: their attendance change."""

    low: int
    high: int | None
    mentees: int
    before: Stretch
    after: Stretch
    improved: int
    days_gained: float

    @property
    def label(self) -> str:
        return band_label((self.low, self.high))

    @property
    def change_per_100(self) -> float | None:
        """Fewer days absent per 100 enrolled after than before (negative: more)."""
        if self.before.rate is None or self.after.rate is None:
            return None
        return 100 * (self.before.rate - self.after.rate)

    @property
    def share_improved(self) -> float | None:
        return self.improved / self.mentees if self.mentees else None


def dose_bands(mentees: Iterable[tuple[int, Measured]]) -> tuple[DoseBand, ...]:
    """Judged mentees (meetings held, measure) grouped by the bands of :data:`DOSE_BANDS`;
    every band is listed, empty ones too, so the table's shape says nothing."""
    grouped: dict[tuple[int, int | None], list[Measured]] = {band: [] for band in DOSE_BANDS}
    for meetings, measured in mentees:
        for band in DOSE_BANDS:
            low, high = band
            if meetings >= low and (high is None or meetings <= high):
                grouped[band].append(measured)
                break
    return tuple(
        DoseBand(low, high, len(group), sum((m.before for m in group), NO_DAYS),
                 sum((m.after for m in group), NO_DAYS),
                 sum(m.change == "improved" for m in group),
                 sum(m.days_gained for m in group))
        for (low, high), group in grouped.items())


@dataclass(frozen=True)
class LastYearMentees:
    """Last year's mentees this year: still enrolled, matched again, and their attendance."""

    mentees: int  # matched last year
    still_enrolled: int  # enrolled this year
    matched_again: int  # ... with a match this year (by the report's last day)
    chronic_last_year: int  # of those still enrolled: chronically absent over last year
    chronic_now: int  # of those still enrolled: chronically absent this year so far
    last_year: Stretch  # those still enrolled, pooled over last year
    this_year: Stretch  # ... over this year so far

    @property
    def rate_last_year(self) -> float | None:
        return self.last_year.rate

    @property
    def rate_now(self) -> float | None:
        return self.this_year.rate


def last_year_mentees(mentee_ids: Iterable[int], previous: Mapping[int, Totals],
                      previous_calendar: SchoolCalendar | None,
                      students: Mapping[int, Totals], calendar: SchoolCalendar, as_of: dt.date,
                      matched_now: Iterable[int], minimum: int) -> LastYearMentees:
    """How last year's mentees are doing this year."""
    mentees = sorted(set(mentee_ids))
    matched = set(matched_now)
    enrolled = [sid for sid in mentees if sid in students]
    last = now = NO_DAYS
    chronic_then = chronic_now = 0
    for student_id in enrolled:
        this = Stretch(*students[student_id].totals(calendar.first_day, as_of))
        before = Stretch(0, 0.0)
        if previous_calendar is not None and student_id in previous:
            before = Stretch(*previous[student_id].totals(previous_calendar.first_day,
                                                          previous_calendar.last_day))
        last += before
        now += this
        chronic_then += tier_for(before.days_absent, before.days_enrolled, minimum) in CHRONIC
        chronic_now += tier_for(this.days_absent, this.days_enrolled, minimum) in CHRONIC
    return LastYearMentees(len(mentees), len(enrolled), sum(1 for s in enrolled if s in matched),
                           chronic_then, chronic_now, last, now)

