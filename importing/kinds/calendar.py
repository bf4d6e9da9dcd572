"""The school calendar: a list of non-school days (holidays, breaks, staff days).

A row is one date, or a break from a first to a last date. A calendar export that lists every
day with an "in session" flag works too: days not in session become non-school days, and a day
marked in session is taken off the non-school list. Weekends are never school days, so they
are left out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import sqlite_utils

from importing import fields as f
from importing.headers import Table
from importing.kinds.base import Context, Kind, KindPlan, Problems, day_words, rows_of
from importing.values import Unreadable, parse_date, parse_yes_no, text_of
from storage import import_lookups
from storage.import_changes import ChangeLog

FIELDS = (f.CAL_DATE, f.CAL_START, f.CAL_END, f.CAL_LABEL, f.CAL_IN_SESSION)
LONGEST_BREAK_DAYS = 120


@dataclass
class Actions:
    set_days: list[tuple[str, str, dict | None]] = field(default_factory=list)  # day, label, old
    remove_days: list[dict] = field(default_factory=list)


def plan(context: Context, tables: list[Table]) -> KindPlan:
    """Compare the file's non-school days with the year's; nothing is written."""
    year = context.require_year("Calendars")
    db = context.db
    result = KindPlan(year_id=year["id"])
    problems = Problems()
    first, last = dt.date.fromisoformat(year["first_day"]), dt.date.fromisoformat(year["last_day"])
    existing = import_lookups.non_school_days_of(db, year["id"])
    wanted: dict[str, str] = {}
    in_session: set[str] = set()
    weekends = 0
    for row in rows_of(tables):
        try:
            days = _days_of(row)
        except Unreadable as error:
            problems.unreadable(row, "date" if row.get("date") is not None else "start_date",
                                error, "The row was skipped.")
            result.skipped += 1
            continue
        if days is None:
            problems.add(row, None, "This row has no date: it was skipped.")
            result.skipped += 1
            continue
        outside = [day for day in days if not first <= day <= last]
        if outside:
            problems.add(row, "date" if row.get("date") is not None else "start_date",
                         f"{day_words(outside[0])} is outside the school year {year['name']} "
                         f"({day_words(first)} to {day_words(last)}): the row was skipped.")
            result.skipped += 1
            continue
        session = row.get("in_session")
        school_day = False
        if session is not None:
            try:
                school_day = bool(parse_yes_no(session))
            except Unreadable as error:
                problems.unreadable(row, "in_session", error, "The row was skipped.")
                result.skipped += 1
                continue
        label = text_of(row.get("label")) if row.get("label") is not None else ""
        for day in days:
            if day.weekday() >= 5:
                weekends += 1
                continue
            if school_day:
                in_session.add(day.isoformat())
            else:
                wanted.setdefault(day.isoformat(), label)
    actions = Actions()
    for day, label in sorted(wanted.items()):
        old = existing.get(day)
        if old is None:
            actions.set_days.append((day, label, None))
            result.added += 1
        elif label and label != old["label"]:
            actions.set_days.append((day, label, old))
            result.updated += 1
        else:
            result.unchanged += 1
    for day in sorted(in_session - set(wanted)):
        if day in existing:
            actions.remove_days.append(existing[day])
            result.updated += 1
    if weekends:
        result.notes.append(f"{weekends} weekend dates were left out: weekends are never school "
                            "days.")
    result.details["school_days_restored"] = len(actions.remove_days)
    result.problems = problems.finished()
    result.actions = actions
    return result


def _days_of(row) -> list[dt.date] | None:
    single = row.get("date")
    if single is not None:
        return [parse_date(single)]
    start, end = row.get("start_date"), row.get("end_date")
    if start is None:
        return None
    first = parse_date(start)
    last = parse_date(end) if end is not None else first
    if last < first:
        raise Unreadable("The break ends before it starts.")
    if (last - first).days > LONGEST_BREAK_DAYS:
        raise Unreadable(f"A break of {(last - first).days} days is too long to be a break.")
    return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]


def write(db: sqlite_utils.Database, kind_plan: KindPlan, batch_id: int, log: ChangeLog,
          context: Context) -> None:
    """Write the plan's non-school days (caller's transaction)."""
    actions: Actions = kind_plan.actions
    year_id = kind_plan.year_id
    for day, label, old in actions.set_days:
        key = {"year_id": year_id, "day": day}
        if old is None:
            log.inserted("non_school_days", key)
        else:
            log.updated("non_school_days", key, {"label": old["label"]})
        import_lookups.set_non_school_day(db, year_id, day, label, batch_id)
    for old in actions.remove_days:
        log.deleted("non_school_days", {"year_id": year_id, "day": old["day"]}, old)
        import_lookups.remove_non_school_day(db, year_id, old["day"])
    context.report(1, 1)


KIND = Kind(
    name="calendar",
    label="School calendar (days without school)",
    fields=FIELDS,
    required=(frozenset({"date"}), frozenset({"start_date"})),
    plan=plan,
    write=write,
    needs="a date column",
)
