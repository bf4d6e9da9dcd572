"""Dates in an attendance file: which school year each is in, and whether it was a school day."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlite_utils

from importing.kinds.base import Problems, Row, listed, plural, verb
from importing.values import Unreadable, dates_look_day_first, parse_date, text_of
from storage import attendance_import

_MISSING = object()


class YearCalendars:
    """Which year a date is in and whether it is a school day."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.years = attendance_import.years_with_calendars(db)

    def place(self, day: str) -> tuple[dict | None, bool]:
        """(the year holding ``day`` or None, whether it is an instructional day)."""
        year = next((y for y in self.years if y["first_day"] <= day <= y["last_day"]), None)
        school_day = (year is not None and day not in year["closed"]
                      and dt.date.fromisoformat(day).weekday() < 5)
        return year, school_day


class DayReader:
    """Cell value -> ISO date of a school day, or None (the row's problem already noted)."""

    def __init__(self, calendar: YearCalendars, problems: Problems) -> None:
        self.calendar = calendar
        self.problems = problems
        self.cache: dict[Any, Any] = {}
        self.good: dict[Any, str] = {}  # the cells of ``cache`` that are a school day
        self.first_rows: dict[str, Row] = {}

    def learn(self, raw: Any, day_first: bool) -> Any:
        """Place a cell value once: its ISO date if a school day, else why not."""
        known = self.cache.get(raw, _MISSING)
        if known is _MISSING:
            known = self.cache[raw] = self._place(raw, day_first)
            if known.__class__ is str:
                self.good[raw] = known
        return known

    def read(self, raw: Any, row: Row, day_first: bool) -> str | None:
        """The school day a cell names, or None with the row's problem noted."""
        known = self.learn(raw, day_first)
        if isinstance(known, str):
            self.first_rows.setdefault(known, row)
            return known
        reason, label = known
        self._note(reason, label, row)
        return None

    def valid_days(self) -> list[str]:
        """Every school day the file names."""
        return [day for day in self.cache.values() if day.__class__ is str]

    def _place(self, raw: Any, day_first: bool):
        try:
            day = parse_date(raw, day_first=day_first).isoformat()
        except Unreadable as error:
            return (f"bad:{error}", text_of(raw))
        year, school_day = self.calendar.place(day)
        if year is None:
            return ("outside_years", day)
        if not school_day:
            return ("not_school_day", day)
        return day

    def _note(self, reason: str, label: str, row: Row) -> None:
        if reason == "outside_years":
            self.problems.group(reason, row, "date", label,
                                lambda rows, items: f"{plural(rows, 'row')} "
                                f"{verb(rows, 'is', 'are')} dated outside every school year "
                                f"({listed(sorted(items))}) and "
                                f"{verb(rows, 'was', 'were')} skipped. "
                                "Add that school year first, or check the dates.")
        elif reason == "not_school_day":
            self.problems.group(reason, row, "date", label,
                                lambda rows, items: f"{plural(rows, 'row')} "
                                f"{verb(rows, 'is', 'are')} on days without school "
                                f"({listed(sorted(items))}) and "
                                f"{verb(rows, 'was', 'were')} skipped. If school "
                                "was open those days, fix the school calendar and import "
                                "again.")
        else:
            self.problems.group(reason, row, "date", label,
                                lambda rows, items: f"{plural(rows, 'row')} "
                                f"{verb(rows, 'has', 'have')} a date MentorDesk cannot read "
                                f"({listed(items)}) and {verb(rows, 'was', 'were')} skipped. "
                                "Write dates like 9/3/2025.")


def day_first(table, date_col: int) -> bool:
    """Whether the file writes its dates day first (some first number is over 12)."""
    start = table.header_index + 1
    sample = (row[date_col] for row in table.sheet.rows[start:start + 2000]
              if date_col < len(row))
    return dates_look_day_first(sample)
