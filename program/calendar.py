"""A school year's instructional days: first to last day, less weekends and non-school days."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

ONE_DAY = dt.timedelta(days=1)


def instructional_days(first_day: dt.date, last_day: dt.date,
                       non_school_days: Iterable[dt.date] = ()) -> tuple[dt.date, ...]:
    """Every weekday from ``first_day`` to ``last_day`` that is not a non-school day."""
    closed = set(non_school_days)
    days = []
    day = first_day
    while day <= last_day:
        if day.weekday() < 5 and day not in closed:
            days.append(day)
        day += ONE_DAY
    return tuple(days)


def years_later(day: dt.date, years: int) -> dt.date:
    """The same date ``years`` later; 29 February becomes 28 February in a year with no leap day."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def days_off_in_text(text: str) -> list[dt.date]:
    """"2027-11-25, 2027-12-20..2027-12-31" (or one per line) -> the weekdays named, ranges
    inclusive. Raises ValueError with a sentence naming what could not be read."""
    days: list[dt.date] = []
    for part in filter(None, (piece.strip() for piece in text.replace("\n", ",").split(","))):
        if ".." in part:
            start_text, end_text = (piece.strip() for piece in part.split("..", 1))
        else:
            start_text = end_text = part
        try:
            start, end = dt.date.fromisoformat(start_text), dt.date.fromisoformat(end_text)
        except ValueError:
            raise ValueError(f'"{part}" is not a date or a range MentorDesk can read. Write '
                             "dates as YYYY-MM-DD and a break as 2027-12-20..2027-12-31."
                             ) from None
        if end < start:
            raise ValueError(f"The break {part} ends before it starts. Check the two dates.")
        days.extend(day for day in (start + dt.timedelta(days=n)
                                    for n in range((end - start).days + 1))
                    if day.weekday() < 5)
    return sorted(set(days))


def next_year_name(name: str) -> str:
    """The name of the year after: "2026-2027" -> "2027-2028", "2026-27" -> "2027-28"."""
    return re.sub(r"\d+", lambda found: str(int(found.group()) + 1).zfill(len(found.group())),
                  name)


def month_key(day: dt.date) -> tuple[int, int]:
    """(year, month) of a date: how monthly figures are keyed."""
    return (day.year, day.month)


@dataclass(frozen=True)
class SchoolCalendar:
    """One school year's calendar; answers "which days were school days" and "how many"."""

    first_day: dt.date
    last_day: dt.date
    non_school_days: frozenset[dt.date] = frozenset()

    @cached_property
    def days(self) -> tuple[dt.date, ...]:
        """Every instructional day of the year, in order."""
        return instructional_days(self.first_day, self.last_day, self.non_school_days)

    @cached_property
    def _day_set(self) -> frozenset[dt.date]:
        return frozenset(self.days)

    def is_school_day(self, day: dt.date) -> bool:
        """True when ``day`` is an instructional day of this year."""
        return day in self._day_set

    def clip(self, day: dt.date) -> dt.date:
        """``day`` moved inside the year: before the first day gives the first, after the last
        gives the last."""
        return min(max(day, self.first_day), self.last_day)

    def count_through(self, day: dt.date) -> int:
        """How many instructional days fall on or before ``day``."""
        return bisect.bisect_right(self.days, day)

    def days_between(self, start: dt.date, end: dt.date) -> tuple[dt.date, ...]:
        """The instructional days from ``start`` to ``end``, both included (empty if reversed)."""
        if end < start:
            return ()
        return self.days[bisect.bisect_left(self.days, start):bisect.bisect_right(self.days, end)]

    def count_between(self, start: dt.date, end: dt.date) -> int:
        """How many instructional days from ``start`` to ``end``, both included."""
        if end < start:
            return 0
        return bisect.bisect_right(self.days, end) - bisect.bisect_left(self.days, start)

    def school_days_since(self, since: dt.date, through: dt.date) -> int:
        """School days that have passed after ``since`` up to and including ``through``.

        Weekends, holidays and breaks are not counted, so a break never makes time "pass".
        """
        if through <= since:
            return 0
        return bisect.bisect_right(self.days, through) - bisect.bisect_right(self.days, since)

    @cached_property
    def months(self) -> dict[tuple[int, int], tuple[dt.date, ...]]:
        """The instructional days of each (year, month), in calendar order."""
        grouped: dict[tuple[int, int], list[dt.date]] = {}
        for day in self.days:
            grouped.setdefault(month_key(day), []).append(day)
        return {key: tuple(days) for key, days in grouped.items()}

    def month_days(self, year: int, month: int) -> tuple[dt.date, ...]:
        """The instructional days of one month (empty outside the year or in a month off)."""
        return self.months.get((year, month), ())

    def previous_school_day(self, day: dt.date) -> dt.date | None:
        """The last instructional day before ``day``, or None before the first."""
        index = bisect.bisect_left(self.days, day)
        return self.days[index - 1] if index > 0 else None


# A school year usually has 160 to 190 school days; outside that, a holiday or a break is
# probably missing from the calendar, or too much is closed.
USUAL_SCHOOL_DAYS = (160, 190)


def school_day_warnings(year_name: str, school_days: int, stated: int | None = None,
                        stated_by: str = "") -> list[str]:
    """Plain sentences about a year's count of school days: the student information system
    counting another number, or a count no school year has."""
    warnings = []
    if stated is not None and stated != school_days:
        source = f" ({stated_by})" if stated_by else ""
        difference = abs(school_days - stated)
        days = "day" if difference == 1 else "days"
        if school_days > stated:
            what = f"{difference} {days} off {'is' if difference == 1 else 'are'} missing"
        else:
            what = (f"{difference} {days} {'is' if difference == 1 else 'are'} closed that "
                    "the student information system counts as school days")
        warnings.append(f"The student information system counts {stated} school days in "
                        f"{year_name}{source}; this calendar has {school_days}: {what}. Check "
                        "the holidays and breaks.")
    low, high = USUAL_SCHOOL_DAYS
    if school_days > high:
        warnings.append(f"{year_name} has {school_days} school days, more than a school year "
                        f"usually has ({low} to {high}): holidays or breaks may be missing from "
                        "its calendar.")
    elif 0 < school_days < low:
        warnings.append(f"{year_name} has {school_days} school days, fewer than a school year "
                        f"usually has ({low} to {high}): check that the first and last day are "
                        "right and that no school week is closed by mistake.")
    return warnings


def set_aside_words(rows: int, students: int, *, closing: bool = True) -> str:
    """What closing (or reopening) days does to attendance already stored on them: the same
    for every student, said once the same way by every calendar change."""
    if not rows:
        return ""
    counted = f"{rows} stored attendance {'row' if rows == 1 else 'rows'}"
    who = f"{students} {'student' if students == 1 else 'students'}"
    if closing:
        return (f"{counted} ({who}) {'falls' if rows == 1 else 'fall'} on days now without "
                f"school: attendance on a day without school counts for no one, so "
                f"{'it no longer counts' if rows == 1 else 'they no longer count'} (opening the "
                "days again brings them back).")
    verb = "counts" if rows == 1 else "count"
    return f"{counted} ({who}) on days that are school days again {verb} again."
