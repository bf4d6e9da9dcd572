"""What a calendar plan will write, and the school-day counts it is checked against."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from importing.kinds.base import KindPlan
from program.calendar import instructional_days, school_day_warnings, set_aside_words
from storage import years


@dataclass
class Actions:
    """The writes a calendar plan holds for :func:`.writing.write`."""

    set_days: list[tuple[str, str, dict | None]] = field(default_factory=list)  # day, label, old
    remove_days: list[dict] = field(default_factory=list)
    # A sessions file: the year's new first and last day, and the SIS's count of school days.
    bounds: tuple[str, str] | None = None
    stated: tuple[int, str] | None = None  # (school days, the file that says so)


def check_counts(db, year: dict, existing: dict[str, dict], actions: Actions,
                 result: KindPlan, file_name: str) -> None:
    """The preview's sentences about what the new calendar means: attendance on days it
    closes (or opens), and its count of school days against the SIS's and a usual year's."""
    first, last = actions.bounds or (year["first_day"], year["last_day"])
    closed = set(existing) | {day for day, _, _ in actions.set_days}
    closed -= {old["day"] for old in actions.remove_days}
    closed = {day for day in closed if first <= day <= last}
    count = len(instructional_days(dt.date.fromisoformat(first), dt.date.fromisoformat(last),
                                   {dt.date.fromisoformat(day) for day in closed}))
    result.details["school_days"] = count
    newly_closed = [day for day, _, old in actions.set_days if old is None]
    newly_closed += [day for day in _weekdays(year["first_day"], year["last_day"])
                     if day not in existing and not first <= day <= last]
    rows, students = years.attendance_on_days(db, newly_closed)
    result.details["attendance_rows_set_aside"] = rows
    if rows:
        result.notes.append(set_aside_words(rows, students))
    back, back_students = years.attendance_on_days(db, [old["day"] for old in
                                                        actions.remove_days])
    if back:
        result.notes.append(set_aside_words(back, back_students, closing=False))
    stated, stated_by = actions.stated or (year.get("stated_school_days"),
                                           year.get("stated_by") or "")
    if actions.stated:
        result.details["stated_school_days"] = stated
    result.notes.extend(school_day_warnings(year["name"], count, stated, stated_by))


def _weekdays(first: str, last: str) -> list[str]:
    day, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    found = []
    while day <= end:
        if day.weekday() < 5:
            found.append(day.isoformat())
        day += dt.timedelta(days=1)
    return found
