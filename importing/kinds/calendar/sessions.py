"""A sessions (terms) file: each row a term with its first and last day (Ed-Fi ``sessions``:
``sessionName``, ``beginDate``, ``endDate``, ``termDescriptor``, ``totalInstructionalDays``).

The terms set the year's first and last day, and the weekdays between one term and the next
are days without school. Where the file says how many school days the terms have, that count
is kept with the year, and the calendar's own count is compared with it on every import, on
the Attendance screen and in ``year list``.
"""

from __future__ import annotations

import datetime as dt

from importing.headers import Table
from importing.kinds.base import Context, KindPlan, Problems, day_words, listed, plural, rows_of
from importing.kinds.calendar.changes import Actions
from importing.kinds.sorting import sort_out
from importing.problems import ImportRefused
from importing.values import Unreadable, descriptor_word, parse_date, parse_whole_number, text_of

BETWEEN_TERMS = "Between terms"


def is_sessions(tables: list[Table]) -> bool:
    """Whether the file lists terms rather than dates."""
    return any(table.has("session") or table.has("school_days") for table in tables)


def plan_sessions(context: Context, tables: list[Table], year: dict, existing: dict[str, dict],
                  result: KindPlan, problems: Problems, actions: Actions) -> None:
    """The year's first and last day, the gaps between terms, and the SIS's count of days."""
    terms: list[tuple[dt.date, dt.date, str, int | None]] = []
    for row in rows_of(tables):
        begin, end = row.get("start_date"), row.get("end_date")
        name = descriptor_word(row.get("session")) if row.get("session") is not None else ""
        if begin is None or end is None:
            problems.add(row, None, "This term has no first or last day: it was skipped.")
            result.skipped += 1
            continue
        try:
            first, last = parse_date(begin), parse_date(end)
        except Unreadable as error:
            problems.unreadable(row, "start_date", error, "The term was skipped.")
            result.skipped += 1
            continue
        if last < first:
            problems.add(row, "end_date", f"The term {name} ends before it starts: it was "
                                          "skipped.")
            result.skipped += 1
            continue
        days = None
        if row.get("school_days") is not None:
            try:
                days = parse_whole_number(row.get("school_days"), what="number of school days")
            except Unreadable as error:
                problems.unreadable(row, "school_days", error, "The count was not used.")
        terms.append((first, last, name or text_of(row.get("label")), days))
    if not terms:
        raise ImportRefused(f"{context.file_name} has no term with a first and last day. Check "
                            "the \"begin date\" and \"end date\" columns.")
    start = min(term[0] for term in terms)
    end = max(term[1] for term in terms)
    year_first = dt.date.fromisoformat(year["first_day"])
    year_last = dt.date.fromisoformat(year["last_day"])
    if end < year_first - dt.timedelta(days=60) or start > year_last + dt.timedelta(days=60):
        raise ImportRefused(
            f"The terms in {context.file_name} run from {day_words(start)} to {day_words(end)}, "
            f"which is not the school year {year['name']} ({day_words(year_first)} to "
            f"{day_words(year_last)}). Import it into its own year (headless: --year NAME; add "
            "the year first if it is not there).")
    if (start.isoformat(), end.isoformat()) != (year["first_day"], year["last_day"]):
        actions.bounds = (start.isoformat(), end.isoformat())
        result.updated += 1
        result.notes.append(f"The terms set {year['name']}'s first day to {day_words(start)} and "
                            f"its last day to {day_words(end)} (it was {day_words(year_first)} to "
                            f"{day_words(year_last)}).")
    covered = set()
    for first, last, _, _ in terms:
        covered.update(first + dt.timedelta(days=n) for n in range((last - first).days + 1))
    gaps = [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]
    gaps = [day.isoformat() for day in gaps if day.weekday() < 5 and day not in covered]
    sorted_days = sort_out(gaps, existing.get, lambda day, old: False)
    actions.set_days += [(day, BETWEEN_TERMS, None) for day in sorted_days.new]
    sorted_days.count_into(result)
    if gaps:
        result.notes.append(f"{plural(len(gaps), 'weekday')} between terms "
                            f"{'is' if len(gaps) == 1 else 'are'} days without school.")
    stated = _stated_count(terms)
    if stated is not None:
        actions.stated = (stated, context.file_name)
        names = [term[2] for term in terms if term[2]]
        result.notes.append(f"The student information system counts {stated} school days in "
                            f"{listed(names) if names else 'the terms'}.")
    result.details["terms"] = len(terms)


def _stated_count(terms: list[tuple[dt.date, dt.date, str, int | None]]) -> int | None:
    """The school days the terms state, counting each stretch of the year once (a year-long
    session and its semesters say the same days twice)."""
    taken: list[tuple[dt.date, dt.date]] = []
    total = 0
    for first, last, _, days in sorted(terms, key=lambda term: term[0] - term[1]):
        if any(first <= other_last and other_first <= last for other_first, other_last in taken):
            continue
        if days is None:
            return None
        taken.append((first, last))
        total += days
    return total
