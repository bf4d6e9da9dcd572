"""Which school year a question is about, and that year's calendar."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlite_utils

from program.calendar import SchoolCalendar, school_day_warnings
from program.vocabulary import day_words
from storage import clock, years
from storage.errors import InvalidInput


@dataclass(frozen=True)
class ChosenYear:
    """A school year, its calendar, and the as-of date clipped to its last day."""

    year_id: int
    name: str
    calendar: SchoolCalendar
    as_of: dt.date  # inclusive; never after the year's last day (may be before its first)

    @property
    def first_day(self) -> dt.date:
        return self.calendar.first_day

    @property
    def last_day(self) -> dt.date:
        return self.calendar.last_day


def school_calendar(db: sqlite_utils.Database, year_id: int) -> SchoolCalendar:
    """The year's instructional-day calendar."""
    year = years.year_by_id(db, year_id)
    if year is None:
        raise InvalidInput("That school year is no longer in this file. Choose another year.")
    return SchoolCalendar(
        dt.date.fromisoformat(year["first_day"]),
        dt.date.fromisoformat(year["last_day"]),
        frozenset(years.non_school_day_set(db, year_id)),
    )


def choose_year(db: sqlite_utils.Database, as_of: dt.date | None = None,
                year_name: str | None = None) -> ChosenYear:
    """The year a question "as of DATE" is about: the named year, else the year containing the
    date, else (in a summer break) the latest year that began before it.

    The as-of date defaults to today and is clipped to the chosen year's last day.
    """
    as_of = as_of or clock.today()
    if year_name:
        year = years.resolve_year(db, year_name)
    else:
        year = years.year_containing(db, as_of)
        if year is None:
            started = [row for row in years.all_years(db) if row["first_day"] <= as_of.isoformat()]
            if not started:
                known = ", ".join(row["name"] for row in years.all_years(db))
                if not known:
                    raise InvalidInput(
                        "This file has no school year yet. Add one first, for example: "
                        "year add 2025-2026 --first-day 2025-09-02 --last-day 2026-06-12")
                raise InvalidInput(
                    f"No school year had started by {as_of:%d %b %Y}. Choose a later date or "
                    f"name the year (the years are: {known}).")
            year = max(started, key=lambda row: row["first_day"])
    return year_with_date(db, year["id"], as_of)


def year_with_date(db: sqlite_utils.Database, year_id: int,
                   as_of: dt.date | None = None) -> ChosenYear:
    """A known year with an as-of date (default today) clipped to its last day."""
    year = years.year_by_id(db, year_id)
    if year is None:
        raise InvalidInput("That school year is no longer in this file. Choose another year.")
    calendar = school_calendar(db, year_id)
    as_of = min(as_of or clock.today(), calendar.last_day)
    return ChosenYear(year_id, year["name"], calendar, as_of)


def previous_year_id(db: sqlite_utils.Database, year_id: int) -> int | None:
    """The school year just before this one (by first day), if the file has it."""
    rows = years.all_years(db)
    this = next((row for row in rows if row["id"] == year_id), None)
    if this is None:
        return None
    earlier = [row for row in rows if row["first_day"] < this["first_day"]]
    return max(earlier, key=lambda row: row["first_day"])["id"] if earlier else None


def year_of_day(db: sqlite_utils.Database, day: dt.date, what: str = "The date") -> dict:
    """The school year whose first-to-last-day span holds ``day``; a date outside every school
    year is refused with a sentence that names the years (``what`` names the date)."""
    year = years.year_containing(db, day)
    if year is not None:
        return year
    known = "; ".join(f"{row['name']}: {day_words(row['first_day'])} to "
                      f"{day_words(row['last_day'])}" for row in years.all_years(db))
    if not known:
        raise InvalidInput("This file has no school year yet. Add one first (Settings > "
                           "School years, or: year add 2025-2026 --first-day 2025-09-02 "
                           "--last-day 2026-06-12).")
    raise InvalidInput(f"{what} ({day_words(day)}) is outside every school year in this file "
                       f"({known}). Check the date, or add that school year first.")


@dataclass(frozen=True)
class CalendarCheck:
    """A year's count of school days, and what is odd about it (plain sentences)."""

    school_days: int
    stated_school_days: int | None
    warnings: tuple[str, ...]


def calendar_check(db: sqlite_utils.Database, year_id: int) -> CalendarCheck:
    """The year's school days counted, against the SIS's count (from a sessions file) and a
    usual year's."""
    year = years.year_by_id(db, year_id)
    count = len(school_calendar(db, year_id).days)
    stated = year.get("stated_school_days")
    return CalendarCheck(count, stated, tuple(school_day_warnings(
        year["name"], count, stated, year.get("stated_by") or "")))
