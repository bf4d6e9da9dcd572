"""Attendance: daily rows with a code, absences-only exports, or per-student totals.

Modes, recorded on the batch with the dates the file covers:

- daily: present days are listed (a present code, P, blank or one mapped to present, makes a
  file daily; tardies do not). The rows are trusted; AM and PM half days on one date add up to
  a whole day; rows on non-school days are problems.
- exceptions: only absences and tardies are listed (``absences_only``, or a file with no present
  code at all). The file covers the school days from the year's first day (or ``covers_from``)
  through ``through`` (default: its latest date), and replaces every exception stored in that
  range for the students it covers: every student enrolled then. An absence corrected in the
  student information system disappears.
- totals: "days enrolled / days absent as of DATE" per student (attendance_summaries).

Rows for students not on the roster and dates outside every school year are skipped and listed
in grouped problems; attendance never creates students. An attendance code nobody has mapped
stops the import, and nothing is written, until it is mapped.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import sqlite_utils

from importing import fields as f
from importing.headers import Table, normalize_header
from importing.kinds.base import (
    Context,
    Kind,
    KindPlan,
    Problems,
    Row,
    day_words,
    listed,
    plural,
    rows_of,
)
from importing.kinds.people import StudentFinder
from importing.problems import ImportRefused
from importing.values import (
    KnownIds,
    Unreadable,
    is_blank,
    parse_date,
    parse_id,
    parse_number,
    text_of,
)
from storage import attendance as attendance_store
from storage import attendance_import
from storage import students as student_store
from storage.import_changes import ChangeLog

FIELDS = (
    f.STUDENT_ID, f.FULL_NAME, f.LAST_NAME, f.FIRST_NAME, f.GRADE, f.ATT_DATE, f.ATT_CODE,
    f.ATT_PERIOD, f.ATT_DESCRIPTION, f.DAYS_ENROLLED, f.DAYS_ABSENT, f.DAYS_PRESENT, f.AS_OF,
    f.IGNORED_ATTENDANCE,
)
ABSENT = {"absent_excused", "absent_unexcused", "suspension_out"}
# When two rows give one date, the more serious one is kept.
SERIOUSNESS = {"present": 0, "tardy": 1, "suspension_in": 2, "half_day": 3,
               "absent_excused": 4, "absent_unexcused": 5, "suspension_out": 6}
PERIOD_WORDS = {"am": "AM", "a.m.": "AM", "morning": "AM", "a": "AM", "1": "AM",
                "half day am": "AM", "pm": "PM", "p.m.": "PM", "afternoon": "PM", "p": "PM",
                "2": "PM", "half day pm": "PM"}
PROGRESS_EVERY = 20_000


@dataclass
class Actions:
    inserts: list[tuple[int, str, str, str]] = field(default_factory=list)
    updates: list[tuple[tuple[int, str, str, str], tuple[str, str, int | None]]] = field(
        default_factory=list)
    deletes: list[tuple[tuple[int, str], tuple[str, str, int | None]]] = field(
        default_factory=list)
    coverage: list[int] = field(default_factory=list)
    summaries_new: list[tuple[int, int, str, float, float]] = field(default_factory=list)
    summaries_changed: list[tuple[dict, float, float]] = field(default_factory=list)


def is_totals(tables: list[Table]) -> bool:
    return any(table.has("days_absent") or table.has("days_enrolled") for table in tables)


def plan(context: Context, tables: list[Table]) -> KindPlan:
    """Compare the file's attendance with what is stored; nothing is written."""
    if is_totals(tables):
        return _plan_totals(context, tables)
    return _plan_days(context, tables)


# Daily rows and exceptions --------------------------------------------------------------------


class _Calendar:
    """Which year a date is in and whether it is a school day, memoized per cell value."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.years = attendance_import.years_with_calendars(db)
        self._days: dict[str, tuple[dict | None, bool]] = {}

    def place(self, day: str) -> tuple[dict | None, bool]:
        """(the year holding ``day`` or None, whether it is an instructional day)."""
        known = self._days.get(day)
        if known is None:
            year = next((y for y in self.years if y["first_day"] <= day <= y["last_day"]), None)
            school_day = (year is not None and day not in year["closed"]
                          and dt.date.fromisoformat(day).weekday() < 5)
            known = self._days[day] = (year, school_day)
        return known


def _plan_days(context: Context, tables: list[Table]) -> KindPlan:
    db = context.db
    problems = Problems()
    result = KindPlan()
    for table in tables:
        if table.column_of("date") is None or (table.column_of("code") is None):
            raise ImportRefused(
                f"Sheet \"{table.name}\" of {context.file_name} needs a date column and an "
                "attendance code column to be read as daily attendance (or \"days enrolled\" "
                "and \"days absent\" columns for totals). Check the column names.")
    codes = attendance_store.code_map(db)
    calendar = _Calendar(db)
    if not calendar.years:
        context.require_year("Attendance days")
    known_ids = None
    id_to_student: dict[Any, int | None] = {}
    finder: StudentFinder | None = None
    by_local_id: dict[str, int] = {}
    day_cache: dict[Any, str | None] = {}
    code_cache: dict[Any, tuple[str, str] | None] = {}
    unknown_codes: dict[str, list[Row]] = {}
    # (student id, day) -> [status, code, half statuses or None, first row]
    days: dict[tuple[int, str], list] = {}
    duplicates = 0
    total_rows = sum(len(table.sheet.rows) - table.header_index - 1 for table in tables)
    done = 0
    skipped_rows = 0
    saw_present = False
    latest = ""
    for table in tables:
        id_col = table.column_of("student_id")
        date_col = table.column_of("date")
        code_col = table.column_of("code")
        period_col = table.column_of("period")
        if id_col is None:
            finder = finder or StudentFinder(db, context.year["id"] if context.year else None)
        elif known_ids is None:
            by_local_id = student_store.local_ids(db)
            known_ids = KnownIds(by_local_id)
        day_first = _day_first(table, date_col)
        width_needed = max(c for c in (id_col, date_col, code_col, period_col) if c is not None)
        data_rows = _fast_rows(table, id_col if id_col is not None else date_col)
        for number, cells in data_rows:
            done += 1
            if done % PROGRESS_EVERY == 0:
                context.report(done, total_rows)
            if len(cells) <= width_needed:
                cells = list(cells) + [""] * (width_needed + 1 - len(cells))
            # Who
            if id_col is not None:
                raw = cells[id_col]
                student_id = id_to_student.get(raw, -1)
                if student_id == -1:
                    student_id = _student_of(raw, known_ids, by_local_id, problems,
                                             Row(table, number, cells))
                    id_to_student[raw] = student_id
                if student_id is None:
                    _unknown_student(raw, problems, Row(table, number, cells))
                    skipped_rows += 1
                    continue
            else:
                student = finder.find(Row(table, number, cells), problems)
                if student is None:
                    skipped_rows += 1
                    continue
                student_id = student["id"]
            # When
            raw_day = cells[date_col]
            day = day_cache.get(raw_day, "?")
            if day == "?":
                try:
                    day = parse_date(raw_day, day_first=day_first).isoformat()
                except (Unreadable, TypeError) as error:
                    message = str(error) if isinstance(error, Unreadable) else "No date."
                    problems.group(f"bad_date:{message}", Row(table, number, cells), "date",
                                   text_of(raw_day),
                                   lambda n, items, m=message: f"{plural(n, 'row')} have a date "
                                   f"MentorDesk cannot read ({listed(items)}); they were "
                                   "skipped. Write dates like 9/3/2025.")
                    day = None
                day_cache[raw_day] = day
            if day is None:
                skipped_rows += 1
                continue
            # What
            raw_code = cells[code_col]
            meaning = code_cache.get(raw_code)
            if meaning is None:
                code = "" if is_blank(raw_code) else text_of(raw_code)
                status = codes.get(code.upper())
                if status is None:
                    unknown_codes.setdefault(code, []).append(Row(table, number, cells))
                    continue
                meaning = code_cache[raw_code] = (status, code)
            status, code = meaning
            if status == "present":
                saw_present = True
            half = None
            if period_col is not None and not is_blank(cells[period_col]):
                half = PERIOD_WORDS.get(text_of(cells[period_col]).lower())
            if day > latest:
                latest = day
            slot = (student_id, day)
            held = days.get(slot)
            if held is None:
                days[slot] = [status, code, {half: (status, code)} if half else None, number,
                              table]
            else:
                duplicates += _combine(held, status, code, half)
    context.report(total_rows, total_rows)
    if any(table.column_of("period") is not None for table in tables):
        for held in days.values():
            halves = held[2]
            if halves is not None and len(halves) == 1:
                (half, (status, code)), = halves.items()
                held[1] = f"{half}:{code}"
                if status in ABSENT:
                    held[0] = "half_day"
    if unknown_codes:
        _stop_on_unknown_codes(unknown_codes, problems, context)
        result.problems = problems.finished()
        result.skipped = skipped_rows
        result.actions = Actions()
        return result
    if duplicates:
        result.notes.append(f"{plural(duplicates, 'date')} had more than one row for a student; "
                            "the more serious one was kept (morning and afternoon absences on "
                            "one date make a whole day).")
    mode = "exceptions" if context.options.absences_only or not saw_present else "daily"
    if mode == "exceptions" and not context.options.absences_only:
        result.notes.append("No row in this file says \"present\", so it is taken as a list of "
                            "absences only: every school day it covers that is not listed was a "
                            "present day.")
    result.attendance_mode = mode
    if mode == "daily":
        _plan_daily(context, days, calendar, problems, result)
    else:
        _plan_exceptions(context, days, calendar, problems, result, latest)
    result.skipped += skipped_rows
    result.problems = problems.finished()
    return result


def _fast_rows(table: Table, key_col: int):
    """Data rows, quickly: a row with its key cell filled is data; others get the full check."""
    rows = table.sheet.rows
    slow = None
    for index in range(table.header_index + 1, len(rows)):
        cells = rows[index]
        value = cells[key_col] if key_col < len(cells) else ""
        if value != "" and value is not None and not (isinstance(value, str) and
                                                      not value.strip()):
            if isinstance(value, str) and normalize_header(value) == normalize_header(
                    table.headers[key_col]):
                continue  # the header repeated on a new page
            yield table.sheet.row_number(index), cells
            continue
        if slow is None:
            slow = {number for number, _ in table.data_rows()}
        number = table.sheet.row_number(index)
        if number in slow:
            yield number, cells


def _day_first(table: Table, date_col: int) -> bool:
    from importing.values import dates_look_day_first

    sample = (row[date_col] for row in table.sheet.rows[table.header_index + 1:
                                                        table.header_index + 2000]
              if date_col < len(row))
    return dates_look_day_first(sample)


def _student_of(raw: Any, known_ids: KnownIds, by_local_id: dict[str, int], problems: Problems,
                row: Row) -> int | None:
    try:
        local_id = parse_id(raw)
    except Unreadable:
        return None
    resolved, restored = known_ids.resolve(local_id)
    student_id = by_local_id.get(resolved)
    if student_id is not None and restored:
        problems.group("restored_zeros", row, "student_id", local_id,
                       lambda rows, ids: f"{plural(len(ids), 'student ID')} had lost their "
                       f"leading zeros ({listed(ids)}); they were matched to the students whose "
                       "IDs start with zeros.")
    return student_id


def _unknown_student(raw: Any, problems: Problems, row: Row) -> None:
    try:
        label = parse_id(raw)
    except Unreadable:
        label = text_of(raw)
    problems.group("unknown_students", row, "student_id", label,
                   lambda rows, ids: f"{plural(rows, 'row')} for {plural(len(ids), 'student')} "
                   f"not on the roster (ID {listed(ids)}) were skipped. Attendance never adds "
                   "students: import the roster first, or check the IDs.")


def _combine(held: list, status: str, code: str, half: str | None) -> int:
    """Fold a second row for the same student and date into the first; 1 if it was a repeat."""
    halves = held[2]
    if half and (halves is not None or held[0] is None):
        halves = held[2] = halves or {}
        halves[half] = (status, code)
        if "AM" in halves and "PM" in halves:
            (am, am_code), (pm, pm_code) = halves["AM"], halves["PM"]
            held[1] = f"AM:{am_code} PM:{pm_code}"
            if am in ABSENT and pm in ABSENT:
                held[0] = max(am, pm, key=SERIOUSNESS.get)
            elif am in ABSENT or pm in ABSENT or "half_day" in (am, pm):
                held[0] = "half_day"
            else:
                held[0] = max(am, pm, key=SERIOUSNESS.get)
        return 0
    if SERIOUSNESS[status] > SERIOUSNESS[held[0]]:
        held[0], held[1] = status, code
    return 1


def _stop_on_unknown_codes(unknown: dict[str, list[Row]], problems: Problems,
                           context: Context) -> None:
    words = [f'"{code}" ({plural(len(rows), "row")})' for code, rows in unknown.items()]
    for code, rows in unknown.items():
        problems.add(rows[0], "code",
                     f'The attendance code "{code}" ({plural(len(rows), "row")}) is not in '
                     "MentorDesk's list of codes. Say what it means, then import again.",
                     stops=True)
    example = next(iter(unknown))
    context.stopped = (
        f"{context.file_name} uses attendance codes MentorDesk does not know: {listed(words)}. "
        "Nothing was imported. Say what each code means (in the import window, or headless: "
        f"codes set {example or 'CODE'} absent_excused), then import the file again.")


def _plan_daily(context: Context, days: dict, calendar: _Calendar, problems: Problems,
                result: KindPlan) -> None:
    db = context.db
    actions = Actions()
    placed = [(slot, held) for slot, held in days.items()]
    first = min((slot[1] for slot in days), default=None)
    last = max((slot[1] for slot in days), default=None)
    stored = attendance_import.stored_rows(db, first, last) if first and \
        attendance_import.has_rows_between(db, first, last) else {}
    year_counts: dict[int, int] = {}
    covered_first, covered_last = None, None
    for slot, held in placed:
        day = slot[1]
        year, school_day = calendar.place(day)
        if year is None:
            problems.group("outside_years", _row_of(held), "date", day,
                           lambda rows, items: f"{plural(rows, 'row')} are dated outside every "
                           f"school year ({listed(sorted(items))}) and were skipped. Add that "
                           "school year first, or check the dates.")
            result.skipped += 1
            continue
        if not school_day:
            problems.group("not_school_day", _row_of(held), "date", day,
                           lambda rows, items: f"{plural(rows, 'row')} are on days without "
                           f"school ({listed(sorted(items))}) and were skipped. If school was "
                           "open those days, fix the school calendar and import again.")
            result.skipped += 1
            continue
        year_counts[year["id"]] = year_counts.get(year["id"], 0) + 1
        status, code = held[0], held[1]
        old = stored.get(slot)
        if old is None:
            actions.inserts.append((slot[0], day, status, code))
        elif old[0] != status or old[1] != code:
            actions.updates.append(((slot[0], day, status, code), old))
        else:
            result.unchanged += 1
            continue
        covered_first = day if covered_first is None or day < covered_first else covered_first
        covered_last = day if covered_last is None or day > covered_last else covered_last
    result.added = len(actions.inserts)
    result.updated = len(actions.updates)
    result.year_id = max(year_counts, key=year_counts.get) if year_counts else (
        context.year["id"] if context.year else None)
    result.covers_from = first
    result.covers_through = last
    result.details["students"] = len({slot[0] for slot in days})
    result.actions = actions
    if first:
        result.notes.append(f"Daily attendance from {day_words(first)} to {day_words(last)} for "
                            f"{plural(result.details['students'], 'student')}.")


def _row_of(held: list) -> Row:
    return Row(held[4], held[3], [])


def _plan_exceptions(context: Context, days: dict, calendar: _Calendar, problems: Problems,
                     result: KindPlan, latest: str) -> None:
    db = context.db
    options = context.options
    year = _exceptions_year(context, calendar, latest)
    through = options.through.isoformat() if options.through else (latest or year["last_day"])
    through = min(through, year["last_day"])
    start = max(options.covers_from.isoformat() if options.covers_from else year["first_day"],
                year["first_day"])
    if through < start:
        raise ImportRefused(
            f"The dates this file covers end ({day_words(through)}) before they start "
            f"({day_words(start)}). Check --through (and --from).")
    result.year_id = year["id"]
    result.covers_from, result.covers_through = start, through
    if not options.through:
        result.notes.append(
            f"This file lists absences only. It is taken to cover every school day from "
            f"{day_words(start)} through {day_words(through)}, the latest date in the file; "
            "give another date (--through) if the export ran later.")
    else:
        result.notes.append(f"This file lists absences only, for every school day from "
                            f"{day_words(start)} through {day_words(through)}.")
    covered = set(attendance_import.enrolled_between(db, year["id"], start, through))
    stored = attendance_import.stored_rows(db, start, through)
    actions = Actions()
    listed_slots: set[tuple[int, str]] = set()
    present_rows = 0
    for slot, held in days.items():
        day = slot[1]
        if not start <= day <= through:
            problems.group("outside_range", _row_of(held), "date", day,
                           lambda rows, items: f"{plural(rows, 'row')} are dated outside the "
                           f"dates this import covers ({day_words(start)} to "
                           f"{day_words(through)}: {listed(sorted(items))}) and were skipped.")
            result.skipped += 1
            continue
        _, school_day = calendar.place(day)
        if not school_day:
            problems.group("not_school_day", _row_of(held), "date", day,
                           lambda rows, items: f"{plural(rows, 'row')} are on days without "
                           f"school ({listed(sorted(items))}) and were skipped. If school was "
                           "open those days, fix the school calendar and import again.")
            result.skipped += 1
            continue
        status, code = held[0], held[1]
        if status == "present":
            present_rows += 1
            continue
        covered.add(slot[0])
        listed_slots.add(slot)
        old = stored.get(slot)
        if old is None:
            actions.inserts.append((slot[0], day, status, code))
        elif old[0] != status or old[1] != code:
            actions.updates.append(((slot[0], day, status, code), old))
        else:
            result.unchanged += 1
    # What the school no longer lists inside the covered dates was corrected: it goes.
    for slot, old in stored.items():
        if slot[0] in covered and old[0] != "present" and slot not in listed_slots:
            actions.deletes.append((slot, old))
    actions.coverage = sorted(covered)
    result.added = len(actions.inserts)
    result.updated = len(actions.updates) + len(actions.deletes)
    result.details.update({
        "students_covered": len(covered),
        "absences_removed": len(actions.deletes),
        "present_rows_ignored": present_rows,
    })
    if actions.deletes:
        result.notes.append(f"{plural(len(actions.deletes), 'absence')} stored for these dates "
                            "are no longer in the school's list and will be removed (corrected "
                            "in the student information system).")
    result.actions = actions


def _exceptions_year(context: Context, calendar: _Calendar, latest: str) -> dict:
    if context.options.through:
        year, _ = calendar.place(context.options.through.isoformat())
        if year:
            return year
    if context.year_given and context.year:
        return next(y for y in calendar.years if y["id"] == context.year["id"])
    if latest:
        year, _ = calendar.place(latest)
        if year:
            return year
    if context.year:
        return next(y for y in calendar.years if y["id"] == context.year["id"])
    raise ImportRefused(f"The dates in {context.file_name} are outside every school year. Add "
                        "the school year first, or check the dates.")


# Totals ---------------------------------------------------------------------------------------


def _plan_totals(context: Context, tables: list[Table]) -> KindPlan:
    db = context.db
    problems = Problems()
    result = KindPlan(attendance_mode=None)
    finder = StudentFinder(db, context.year["id"] if context.year else None)
    calendar = _Calendar(db)
    stored = attendance_import.stored_summaries(db)
    actions = Actions()
    seen: dict[tuple[int, str], int] = {}
    as_of_days: set[str] = set()
    for table in tables:
        if not (table.has("days_absent") and (table.has("days_enrolled") or
                                              table.has("days_present"))):
            raise ImportRefused(
                f"Sheet \"{table.name}\" of {context.file_name} has attendance totals but needs "
                "both \"days enrolled\" (or \"days present\") and \"days absent\" columns.")
    for row in rows_of(tables):
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
                           lambda rows, items: f"{plural(rows, 'row')} are as of a date outside "
                           f"every school year ({listed(items)}) and were skipped.")
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
        if key in seen:
            problems.add(row, None, f"This student is also on row {seen[key]}: this row was "
                                    "skipped.")
            result.skipped += 1
            continue
        seen[key] = row.number
        as_of_days.add(as_of)
        old = stored.get(key)
        if old is None:
            actions.summaries_new.append((student["id"], year["id"], as_of, enrolled, absent))
            result.added += 1
        elif old["days_enrolled"] != enrolled or old["days_absent"] != absent:
            actions.summaries_changed.append((old, enrolled, absent))
            result.updated += 1
        else:
            result.unchanged += 1
        result.year_id = year["id"]
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


# Writing --------------------------------------------------------------------------------------


def write(db: sqlite_utils.Database, kind_plan: KindPlan, batch_id: int, log: ChangeLog,
          context: Context) -> None:
    """Write the plan's attendance (caller's transaction); added rows carry the batch."""
    actions: Actions = kind_plan.actions
    total = len(actions.inserts) + len(actions.updates) + len(actions.deletes) + 1
    chunk = 50_000
    for start in range(0, len(actions.inserts), chunk):
        attendance_import.insert_rows(db, actions.inserts[start:start + chunk], batch_id)
        context.report(start + chunk, total)
    for (student_id, day, _, _), old in actions.updates:
        log.updated("attendance", {"student_id": student_id, "day": day},
                    _whole_row(student_id, day, old))
    attendance_import.update_rows(db, (new for new, _ in actions.updates), batch_id)
    for (student_id, day), old in actions.deletes:
        log.deleted("attendance", {"student_id": student_id, "day": day},
                    _whole_row(student_id, day, old))
    attendance_import.delete_rows(db, (slot for slot, _ in actions.deletes))
    attendance_import.add_coverage(db, batch_id, actions.coverage)
    for student_id, year_id, as_of, enrolled, absent in actions.summaries_new:
        summary_id = attendance_import.add_summary(db, student_id, year_id, as_of, enrolled,
                                                   absent, batch_id)
        log.inserted("attendance_summaries", {"id": summary_id})
    for old, enrolled, absent in actions.summaries_changed:
        log.updated("attendance_summaries", {"id": old["id"]},
                    {"days_enrolled": old["days_enrolled"], "days_absent": old["days_absent"]})
        attendance_import.update_summary(db, old["id"], enrolled, absent)
    context.report(total, total)


def _whole_row(student_id: int, day: str, old: tuple[str, str, int | None]) -> dict:
    return {"student_id": student_id, "day": day, "status": old[0], "code": old[1],
            "batch_id": old[2]}


KIND = Kind(
    name="attendance",
    label="Attendance (daily, absences only, or totals)",
    fields=FIELDS,
    required=(frozenset({"student_id", "date", "code"}), frozenset({"full_name", "date", "code"}),
              frozenset({"student_id", "days_absent"}), frozenset({"full_name", "days_absent"})),
    plan=plan,
    write=write,
    needs="a student ID, the date and the attendance code (or days enrolled and days absent)",
)
