"""Attendance totals: "days enrolled / days absent as of DATE" per student."""

from __future__ import annotations

from importing.headers import Table
from importing.kinds.attendance.changes import Actions
from importing.kinds.attendance.school_days import YearCalendars
from importing.kinds.base import (
    Context,
    KindPlan,
    Problems,
    Row,
    day_words,
    listed,
    plural,
    rows_of,
    verb,
)
from importing.kinds.people import StudentFinder
from importing.kinds.sorting import Seen, sort_out
from importing.problems import ImportRefused
from importing.values import Unreadable, parse_date, parse_number
from storage import attendance_import


def is_totals(tables: list[Table]) -> bool:
    """Whether the file gives totals rather than days."""
    return any(table.has("days_absent") or table.has("days_enrolled") for table in tables)


def plan_totals(context: Context, tables: list[Table]) -> KindPlan:
    """Compare the file's totals with the stored ones; nothing is written."""
    db = context.db
    problems = Problems()
    result = KindPlan(attendance_mode=None)
    finder = StudentFinder(db, context.year["id"] if context.year else None)
    calendar = YearCalendars(db)
    stored = attendance_import.stored_summaries(db)
    actions = Actions()
    seen: Seen = Seen()
    as_of_days: set[str] = set()
    for table in tables:
        if not (table.has("days_absent") and (table.has("days_enrolled") or
                                              table.has("days_present"))):
            raise ImportRefused(
                f"Sheet \"{table.name}\" of {context.file_name} has attendance totals but needs "
                "both \"days enrolled\" (or \"days present\") and \"days absent\" columns.")
    rows = list(rows_of(tables))
    finder.prepare(rows, problems)
    totals = []
    for row in rows:
        student = finder.find(row, problems)
        if student is None:
            result.skipped += 1
            continue
        as_of = _as_of(row, context)
        if as_of is None:
            raise ImportRefused(
                f"{context.file_name} gives attendance totals but does not say the date they "
                "are as of. Give it (in the import window, or headless: --through DATE), or "
                "add an \"As of\" column.")
        year, _ = calendar.place(as_of)
        if year is None:
            problems.group("outside_years", row, "as_of", as_of,
                           lambda rows, items: f"{plural(rows, 'row')} "
                           f"{verb(rows, 'is', 'are')} as of a date outside every school year "
                           f"({listed(items)}) and "
                           f"{verb(rows, 'was', 'were')} skipped.")
            result.skipped += 1
            continue
        try:
            absent = parse_number(row.get("days_absent") if row.get("days_absent") is not None
                                  else 0, what="number of days")
            if row.get("days_enrolled") is not None:
                enrolled = parse_number(row.get("days_enrolled"), what="number of days")
            else:
                enrolled = parse_number(row.get("days_present"), what="number of days") + absent
        except Unreadable as error:
            problems.unreadable(row, "days_absent", error, "The row was skipped.")
            result.skipped += 1
            continue
        if enrolled < 0 or absent < 0 or absent > enrolled:
            problems.add(row, "days_absent", f"{absent:g} days absent out of {enrolled:g} "
                                             "enrolled cannot be right: the row was skipped.")
            result.skipped += 1
            continue
        key = (student["id"], as_of)
        earlier = seen.add(key, row)
        if earlier is not None:
            problems.add(row, None, f"This student is also on row {earlier.number}: this row "
                                    "was skipped.")
            result.skipped += 1
            continue
        as_of_days.add(as_of)
        totals.append((key, year["id"], enrolled, absent))
        result.year_id = year["id"]
    sorted_totals = sort_out(totals, lambda item: stored.get(item[0]),
                             lambda item, old: old["days_enrolled"] != item[2]
                             or old["days_absent"] != item[3])
    actions.summaries_new = [(student_id, year_id, as_of, enrolled, absent) for
                             (student_id, as_of), year_id, enrolled, absent in sorted_totals.new]
    actions.summaries_changed = [(old, enrolled, absent) for (_, _, enrolled, absent), old, _ in
                                 sorted_totals.changed]
    sorted_totals.count_into(result)
    if as_of_days:
        result.covers_through = max(as_of_days)
        result.notes.append("Attendance totals (days enrolled and days absent) as of "
                            + listed([day_words(day) for day in sorted(as_of_days)]) + ".")
    result.details["totals"] = True
    result.problems = problems.finished()
    result.actions = actions
    return result


def _as_of(row: Row, context: Context) -> str | None:
    raw = row.get("as_of")
    if raw is not None:
        try:
            return parse_date(raw).isoformat()
        except Unreadable:
            pass
    if context.options.through:
        return context.options.through.isoformat()
    day = row.table.title_date
    return day.isoformat() if day else None
