"""School years: set one up (or change its dates and days off), choose the current one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import sqlite_utils

from actions.changes import EVERYTHING, SETTINGS, YEARS
from actions.core import Outcome, change
from program.calendar import instructional_days, set_aside_words
from program.vocabulary import WEEKDAYS, day_words
from storage import settings, years
from storage.errors import InvalidInput


def save_year(db: sqlite_utils.Database, name: str, first_day: dt.date, last_day: dt.date,
              non_school_days: Iterable[tuple[dt.date, str]] = (), *,
              school_name: str | None = None, replace_non_school_days: bool = False) -> Outcome:
    """Add a school year, or change the one with this name; the newest (or the first) year
    becomes current. Value: the year's id."""
    name = name.strip()
    existing = years.year_by_name(db, name)
    existed = existing is not None
    verb = "Change" if existed else "Add"
    with change(db, f"{verb} the school year {name}", set(EVERYTHING) | {YEARS, SETTINGS},
                code="year") as step:
        if school_name:
            settings.set_value(db, "school_name", school_name.strip())
        before = _school_days(db, existing["id"]) if existed else set()
        year_id = years.save_year(db, name, first_day, last_day, list(non_school_days),
                                  replace_non_school_days=replace_non_school_days)
        newest = years.newest_year(db)
        if (newest and newest["id"] == year_id) or years.current_year(db) is None:
            settings.set_value(db, "current_year", name)
        # Days that were school days and no longer are: the attendance stored on them no
        # longer counts for anyone, and the user is told how much that is.
        closed = sorted(before - _school_days(db, year_id))
        rows, students = years.attendance_on_days(db, closed)
        step.note(f"School year {name} {'updated' if existed else 'added'}", year=name,
                  attendance_rows_set_aside=rows)
        message = f"{'Updated' if existed else 'Added'} the school year {name}."
        if rows:
            message += " " + set_aside_words(rows, students)
        step.done(message, year_id)
    return step.outcome


def _school_days(db: sqlite_utils.Database, year_id: int) -> set[str]:
    year = years.year_by_id(db, year_id)
    days = instructional_days(dt.date.fromisoformat(year["first_day"]),
                              dt.date.fromisoformat(year["last_day"]),
                              years.non_school_day_set(db, year_id))
    return {day.isoformat() for day in days}


def use_year(db: sqlite_utils.Database, name: str) -> Outcome:
    """Make a school year the current one (the window opens on it)."""
    with change(db, f"Make {name.strip()} the current year", {YEARS, SETTINGS},
                code="use_year") as step:
        year = years.use_year(db, name.strip())
        step.note(f"{year['name']} is the current year", year=year["name"])
        step.done(f"{year['name']} is now the current year.", year)
    return step.outcome


def set_school_day(db: sqlite_utils.Database, year_id: int, day: dt.date, school: bool,
                   label: str = "") -> Outcome:
    """Close a day of the school year (no school: a holiday, a snow day) or open it again.

    Attendance already stored for that day stays in the file; which days count is the
    attendance rules' to say (program.attendance), the same for every student.
    """
    year = years.year_by_id(db, year_id)
    if year is None:
        raise InvalidInput("That school year is no longer in the data file.")
    first, last = dt.date.fromisoformat(year["first_day"]), dt.date.fromisoformat(year["last_day"])
    if not first <= day <= last:
        raise InvalidInput(f"{day_words(day)} is outside the school year {year['name']} "
                           f"({day_words(first)} to {day_words(last)}).")
    if day.weekday() >= 5:
        raise InvalidInput(f"{day_words(day)} is a {WEEKDAYS[day.weekday()]}: weekends are "
                           "never school days.")
    closed = day in years.non_school_day_set(db, year_id)
    if school and not closed:
        raise InvalidInput(f"{day_words(day)} is already a school day.")
    if not school and closed and not label.strip():
        raise InvalidInput(f"{day_words(day)} is already a day without school.")
    # Attendance on a closed day counts for no one (program.attendance): say how much, with
    # the import's rule and words. Renaming a day already closed closes nothing more.
    turned = [day.isoformat()] if school == closed else []
    rows, students = years.attendance_on_days(db, turned)
    aside = set_aside_words(rows, students, closing=not school)
    stored = f" {aside}" if aside else ""
    shown = day_words(day, with_weekday=True)
    if school:
        title, message = f"Make {shown} a school day", f"{shown} is a school day again.{stored}"
    else:
        why = f" ({label.strip()})" if label.strip() else ""
        title, message = f"Close {shown} (no school)", f"{shown} is now a day without school" \
            f"{why}.{stored}"
    with change(db, title, set(EVERYTHING) | {YEARS}, code="calendar") as step:
        if school:
            years.remove_non_school_day(db, year_id, day)
        else:
            years.add_non_school_day(db, year_id, day, label.strip())
        step.note(message.split(stored)[0] if stored else message, year=year["name"],
                  day=day.isoformat(), school=school, attendance_rows=rows, students=students)
        step.done(message, day)
    return step.outcome
