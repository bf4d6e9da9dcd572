"""A calendar of dates: non-school days and breaks, or every day marked as school or not.

A row is one date, or a break from a first to a last date. What a date is comes from a "kind
of day" column (Ed-Fi's ``calendarEventDescriptor``, or a school's own "type" or "event"
column: Holiday, Instructional day, ...), else from an "in session" yes/no column; a plain
list of dates is a list of days without school. Weekends are never school days, so they are
left out.

A list of school days that covers most of the year's weekdays closes the weekdays it leaves
out; one that covers only a few closes nothing else and says the calendar looks partial.
"""

from __future__ import annotations

import datetime as dt

from importing.headers import Table
from importing.kinds.base import Context, KindPlan, Problems, Row, day_words, plural, rows_of
from importing.kinds.calendar.changes import Actions
from importing.kinds.calendar.day_types import DayTypes, stop_on_unknown_words
from importing.kinds.sorting import Seen, sort_out
from importing.values import Unreadable, parse_date, parse_yes_no, text_of

LONGEST_BREAK_DAYS = 120
# A list of school days covering at least this share of the year's weekdays is the whole
# calendar: the weekdays it leaves out are days without school.
MOST_OF_THE_YEAR = 2 / 3


def plan_dates(context: Context, tables: list[Table], year: dict, existing: dict[str, dict],
               result: KindPlan, problems: Problems, actions: Actions) -> None:
    """Sort the file's dates into days to close and days to open."""
    first = dt.date.fromisoformat(year["first_day"])
    last = dt.date.fromisoformat(year["last_day"])
    kinds = DayTypes(context.db)
    closed: dict[str, str] = {}
    school: set[str] = set()
    seen: Seen = Seen()
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
        school_day = _is_school_day(row, kinds, problems)
        if school_day is None:
            result.skipped += 1
            continue
        label = _label(row)
        for day in days:
            if day.weekday() >= 5:
                weekends += 1
                continue
            text = day.isoformat()
            # One date said to be both a school day and not: neither is believed.
            seen.add(text, row, school_day, "a school day" if school_day else "no school")
            if school_day:
                school.add(text)
            else:
                closed.setdefault(text, label)
    if kinds.unknown:
        stop_on_unknown_words(kinds.unknown, problems, context)
        result.details["unknown_day_types"] = {word: len(rows) for word, rows in
                                               kinds.unknown.items()}
        return
    if seen.clashes:
        seen.report(problems, "date", "date", lambda day, this, others: (
            f"{day} is also on {others}; this row says {this}. A date cannot be both, so "
            "neither row was used: check the calendar."))
        for day in seen.clashes:
            closed.pop(day, None)
            school.discard(day)
    if school:
        _close_what_a_list_leaves_out(year, first, last, school, closed, result)
    if weekends:
        result.notes.append(f"{weekends} weekend dates were left out: weekends are never school "
                            "days.")
    sorted_days = sort_out(sorted(closed.items()), lambda item: existing.get(item[0]),
                           lambda item, old: bool(item[1]) and item[1] != old["label"])
    actions.set_days += [(day, label, None) for day, label in sorted_days.new]
    actions.set_days += [(day, label, old) for (day, label), old, _ in sorted_days.changed]
    sorted_days.count_into(result)
    for day in sorted(school - set(closed)):
        if day in existing:
            actions.remove_days.append(existing[day])
            result.updated += 1
    result.details["school_days_restored"] = len(actions.remove_days)


def _close_what_a_list_leaves_out(year: dict, first: dt.date, last: dt.date, school: set[str],
                                  closed: dict[str, str], result: KindPlan) -> None:
    weekdays = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
    weekdays = [day.isoformat() for day in weekdays if day.weekday() < 5]
    if len(school) >= MOST_OF_THE_YEAR * len(weekdays):
        left_out = [day for day in weekdays if day not in school and day not in closed]
        for day in left_out:
            closed[day] = "Not a school day in the calendar"
        if left_out:
            result.notes.append(
                f"The file lists {plural(len(school), 'school day')} of {year['name']}'s "
                f"{len(weekdays)} weekdays: the {plural(len(left_out), 'weekday')} it leaves out "
                f"{'is' if len(left_out) == 1 else 'are'} taken as days without school.")
    else:
        result.notes.append(
            f"The file lists only {plural(len(school), 'school day')} of {year['name']}'s "
            f"{len(weekdays)} weekdays, so it looks like part of a calendar: no other day was "
            "closed. Import the whole calendar, or a list of the days without school.")


def _is_school_day(row: Row, kinds: DayTypes, problems: Problems) -> bool | None:
    kind = row.get("day_type")
    if kind is not None:
        return kinds.school_day(kind, row)
    session = row.get("in_session")
    if session is not None:
        try:
            return bool(parse_yes_no(session))
        except Unreadable as error:
            problems.unreadable(row, "in_session", error, "The row was skipped.")
            return None
    return False  # a list of dates is a list of days without school


def _label(row: Row) -> str:
    for key in ("label", "day_type"):
        value = row.get(key)
        if value is not None:
            from importing.values import descriptor_word

            return descriptor_word(value) if key == "day_type" else text_of(value)
    return ""


def _days_of(row: Row) -> list[dt.date] | None:
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
