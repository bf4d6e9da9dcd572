"""School years and their calendars (first and last instructional day, non-school days)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable

import sqlite_utils

from storage import settings
from storage.clock import day_text
from storage.errors import InvalidInput


def save_year(
    db: sqlite_utils.Database,
    name: str,
    first_day: dt.date,
    last_day: dt.date,
    non_school_days: Iterable[tuple[dt.date, str]] | None = None,
    *,
    replace_non_school_days: bool = False,
) -> int:
    """Add a school year, or update the one with this name; returns its id.

    Non-school days outside the year are refused. With ``replace_non_school_days`` the year's
    calendar is replaced, otherwise the given days are added to it.
    """
    name = name.strip()
    days = list(non_school_days or [])
    existing = year_by_name(db, name)
    check_year(db, name, first_day, last_day, days, existing["id"] if existing else None)
    with db.atomic():
        if existing:
            year_id = existing["id"]
            db.execute(
                "UPDATE school_years SET first_day = ?, last_day = ? WHERE id = ?",
                [first_day.isoformat(), last_day.isoformat(), year_id],
            )
            if replace_non_school_days:
                db.execute("DELETE FROM non_school_days WHERE year_id = ?", [year_id])
            # Days left outside by new bounds no longer mean anything.
            db.execute(
                "DELETE FROM non_school_days WHERE year_id = ? AND (day < ? OR day > ?)",
                [year_id, first_day.isoformat(), last_day.isoformat()],
            )
        else:
            year_id = db.execute(
                "INSERT INTO school_years (name, first_day, last_day) VALUES (?, ?, ?)",
                [name, first_day.isoformat(), last_day.isoformat()],
            ).lastrowid
        for day, label in days:
            db.execute(
                "INSERT INTO non_school_days (year_id, day, label) VALUES (?, ?, ?) "
                "ON CONFLICT(year_id, day) DO UPDATE SET label = excluded.label",
                [year_id, day.isoformat(), label],
            )
    return year_id


def check_year(db: sqlite_utils.Database, name: str, first_day: dt.date, last_day: dt.date,
               non_school_days: list[tuple[dt.date, str]], year_id: int | None) -> None:
    """Refuse, in a sentence, a school year that cannot be: no name, its days the wrong way
    round, non-school days outside it, or days shared with another year (writes nothing)."""
    name = name.strip()
    if not name:
        raise InvalidInput("A school year needs a name, such as 2025-2026.")
    if first_day > last_day:
        raise InvalidInput(
            f"The first day ({first_day:%d %b %Y}) is after the last day ({last_day:%d %b %Y}). "
            "Check the two dates."
        )
    outside = [day for day, _ in non_school_days if not first_day <= day <= last_day]
    if outside:
        raise InvalidInput(
            f"{outside[0]:%d %b %Y} is outside the school year {name} "
            f"({first_day:%d %b %Y} to {last_day:%d %b %Y}). Check the non-school days."
        )
    _refuse_overlap(db, name, first_day, last_day, year_id)


def _refuse_overlap(db: sqlite_utils.Database, name: str, first_day: dt.date,
                    last_day: dt.date, year_id: int | None) -> None:
    """Two school years never share a day: every date belongs to one year's report."""
    rows = db.execute(
        "SELECT name, first_day, last_day FROM school_years WHERE first_day <= ? "
        "AND last_day >= ? AND id IS NOT ? ORDER BY first_day LIMIT 1",
        [last_day.isoformat(), first_day.isoformat(), year_id]).fetchall()
    if rows:
        other, other_first, other_last = rows[0]
        raise InvalidInput(
            f"The school year {name} ({first_day:%d %b %Y} to {last_day:%d %b %Y}) would overlap "
            f"{other} ({dt.date.fromisoformat(other_first):%d %b %Y} to "
            f"{dt.date.fromisoformat(other_last):%d %b %Y}): two school years cannot share a "
            "day. Check the dates. Nothing was changed.")


def all_years(db: sqlite_utils.Database) -> list[dict]:
    """Every school year, oldest first, with its count of non-school days."""
    return list(
        db.query(
            "SELECT y.id, y.name, y.first_day, y.last_day, "
            "(SELECT count(*) FROM non_school_days n WHERE n.year_id = y.id) AS non_school_days "
            "FROM school_years y ORDER BY y.first_day"
        )
    )


def year_by_name(db: sqlite_utils.Database, name: str) -> dict | None:
    rows = list(db.query("SELECT * FROM school_years WHERE name = ?", [name.strip()]))
    return rows[0] if rows else None


def year_by_id(db: sqlite_utils.Database, year_id: int) -> dict | None:
    rows = list(db.query("SELECT * FROM school_years WHERE id = ?", [year_id]))
    return rows[0] if rows else None


def year_containing(db: sqlite_utils.Database, day: dt.date) -> dict | None:
    """The school year whose first-to-last-day span contains ``day``."""
    rows = list(
        db.query(
            "SELECT * FROM school_years WHERE first_day <= ? AND last_day >= ? "
            "ORDER BY first_day DESC LIMIT 1",
            [day.isoformat(), day.isoformat()],
        )
    )
    return rows[0] if rows else None


def current_year(db: sqlite_utils.Database) -> dict | None:
    """The year the stored setting names as current (never guessed from the clock)."""
    name = settings.get(db, "current_year")
    return year_by_name(db, name) if name else None


def use_year(db: sqlite_utils.Database, name: str) -> dict:
    """Make the named year current."""
    year = year_by_name(db, name)
    if year is None:
        known = ", ".join(y["name"] for y in all_years(db)) or "none yet"
        raise InvalidInput(f'There is no school year "{name}". The years are: {known}.')
    settings.set_value(db, "current_year", year["name"])
    return year


def newest_year(db: sqlite_utils.Database) -> dict | None:
    rows = list(db.query("SELECT * FROM school_years ORDER BY first_day DESC LIMIT 1"))
    return rows[0] if rows else None


def resolve_year(db: sqlite_utils.Database, name: str | None) -> dict:
    """The named year, or the current one; a plain refusal when there is none."""
    if name:
        year = year_by_name(db, name)
        if year is None:
            known = ", ".join(y["name"] for y in all_years(db)) or "none yet"
            raise InvalidInput(f'There is no school year "{name}". The years are: {known}.')
        return year
    year = current_year(db)
    if year is None:
        raise InvalidInput(
            "This file has no school year yet. Add one first, for example: "
            "year add 2025-2026 --first-day 2025-09-02 --last-day 2026-06-12"
        )
    return year


def non_school_days(db: sqlite_utils.Database, year_id: int) -> list[dict]:
    """The year's holidays, breaks and staff days, in date order."""
    return list(
        db.query(
            "SELECT day, label FROM non_school_days WHERE year_id = ? ORDER BY day", [year_id]
        )
    )


def non_school_day_set(db: sqlite_utils.Database, year_id: int) -> set[dt.date]:
    return {dt.date.fromisoformat(row["day"]) for row in non_school_days(db, year_id)}


def remove_non_school_day(db: sqlite_utils.Database, year_id: int, day: dt.date) -> None:
    db.execute(
        "DELETE FROM non_school_days WHERE year_id = ? AND day = ?", [year_id, day_text(day)]
    )


def add_non_school_day(db: sqlite_utils.Database, year_id: int, day: dt.date,
                       label: str = "") -> None:
    """Close one day of a year (no school), or change the label of a day already closed."""
    db.execute(
        "INSERT INTO non_school_days (year_id, day, label) VALUES (?, ?, ?) "
        "ON CONFLICT(year_id, day) DO UPDATE SET label = excluded.label",
        [year_id, day_text(day), label],
    )


def set_bounds(db: sqlite_utils.Database, year_id: int, first_day: str, last_day: str) -> None:
    """Move a year's first and last day (ISO dates); closed days left outside are dropped."""
    db.execute("UPDATE school_years SET first_day = ?, last_day = ? WHERE id = ?",
               [first_day, last_day, year_id])
    db.execute("DELETE FROM non_school_days WHERE year_id = ? AND (day < ? OR day > ?)",
               [year_id, first_day, last_day])


def set_stated_school_days(db: sqlite_utils.Database, year_id: int, days: int | None,
                           stated_by: str) -> None:
    """Keep how many school days the student information system says the year has."""
    db.execute("UPDATE school_years SET stated_school_days = ?, stated_by = ? WHERE id = ?",
               [days, stated_by, year_id])


def attendance_on_days(db: sqlite_utils.Database, days: list[str]) -> tuple[int, int]:
    """(stored attendance rows, students) on the given ISO dates (a calendar closing them)."""
    if not days:
        return 0, 0
    rows, students = db.execute(
        "SELECT count(*), count(DISTINCT student_id) FROM attendance "
        "WHERE day IN (SELECT value FROM json_each(?))", [json.dumps(sorted(days))]).fetchone()
    return rows, students
