"""School years: set one up (or change its dates and days off), choose the current one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import sqlite_utils

from actions.changes import EVERYTHING, SETTINGS, YEARS
from actions.core import Outcome, change
from storage import settings, years


def save_year(db: sqlite_utils.Database, name: str, first_day: dt.date, last_day: dt.date,
              non_school_days: Iterable[tuple[dt.date, str]] = (), *,
              school_name: str | None = None, replace_non_school_days: bool = False) -> Outcome:
    """Add a school year, or change the one with this name; the newest (or the first) year
    becomes current. Value: the year's id."""
    name = name.strip()
    existed = years.year_by_name(db, name) is not None
    verb = "Change" if existed else "Add"
    with change(db, f"{verb} the school year {name}", set(EVERYTHING) | {YEARS, SETTINGS},
                code="year") as step:
        if school_name:
            settings.set_value(db, "school_name", school_name.strip())
        year_id = years.save_year(db, name, first_day, last_day, list(non_school_days),
                                  replace_non_school_days=replace_non_school_days)
        newest = years.newest_year(db)
        if (newest and newest["id"] == year_id) or years.current_year(db) is None:
            settings.set_value(db, "current_year", name)
        step.note(f"School year {name} {'updated' if existed else 'added'}", year=name)
        step.done(f"{'Updated' if existed else 'Added'} the school year {name}.", year_id)
    return step.outcome


def use_year(db: sqlite_utils.Database, name: str) -> Outcome:
    """Make a school year the current one (the window opens on it)."""
    with change(db, f"Make {name.strip()} the current year", {YEARS, SETTINGS},
                code="use_year") as step:
        year = years.use_year(db, name.strip())
        step.note(f"{year['name']} is the current year", year=year["name"])
        step.done(f"{year['name']} is now the current year.", year)
    return step.outcome
