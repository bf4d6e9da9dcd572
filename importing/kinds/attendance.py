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
from itertools import compress, islice
from operator import itemgetter, not_
from typing import Any

import sqlite_utils

from importing import fields as f
from importing.headers import Table
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
    verb,
)
from importing.kinds.people import StudentFinder
from importing.problems import ImportRefused
from importing.sheets import iterate_cells
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


@dataclass
class Actions:
    # ((student id, day), (status, code)) rows to add; rows already sent ahead to the writer
    # (``streamed``) are not in it.
    inserts: list[tuple[tuple[int, str], tuple[str, str]]] = field(default_factory=list)
    updates: list[tuple[tuple[int, str, str, str], tuple[str, str, int | None]]] = field(
        default_factory=list)
    deletes: list[tuple[tuple[int, str], tuple[str, str, int | None]]] = field(
        default_factory=list)
    # Rows an exceptions import lists unchanged: they now belong to it (same shape as updates).
    restamps: list[tuple[tuple[int, str, str, str], tuple[str, str, int | None]]] = field(
        default_factory=list)
    coverage: list[int] = field(default_factory=list)
    summaries_new: list[tuple[int, int, str, float, float]] = field(default_factory=list)
    summaries_changed: list[tuple[dict, float, float]] = field(default_factory=list)
    # Rows sent ahead that a later row for the same date changed (status, code, student, day).
    streamed_fixes: list[tuple[str, str, int, str]] = field(default_factory=list)
    # Rows sent ahead that fall outside an exceptions import's dates: (first, last) kept.
    streamed_keep: tuple[str, str] | None = None


def is_totals(tables: list[Table]) -> bool:
    return any(table.has("days_absent") or table.has("days_enrolled") for table in tables)


def plan(context: Context, tables: list[Table]) -> KindPlan:
    """Compare the file's attendance with what is stored; nothing is written.

    With ``context.stream`` (the headless import), rows for students with no attendance stored
    yet are sent ahead to the writer while the file is still being read; everything else waits
    for the plan.
    """
    if is_totals(tables):
        return _plan_totals(context, tables)
    return _plan_days(context, tables)


# Daily rows and exceptions --------------------------------------------------------------------

_MISSING = object()


class _Everyone(frozenset):
    """Every student: each of their rows went ahead to the writer."""

    def __contains__(self, item: object) -> bool:
        return True

    def __bool__(self) -> bool:
        return True


EVERYONE = _Everyone()
_BLANK = object()
CHUNK_ROWS = 20_000
BLOCK_ROWS = 8192


class _Calendar:
    """Which year a date is in and whether it is a school day."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.years = attendance_import.years_with_calendars(db)

    def place(self, day: str) -> tuple[dict | None, bool]:
        """(the year holding ``day`` or None, whether it is an instructional day)."""
        year = next((y for y in self.years if y["first_day"] <= day <= y["last_day"]), None)
        school_day = (year is not None and day not in year["closed"]
                      and dt.date.fromisoformat(day).weekday() < 5)
        return year, school_day


class _DayReader:
    """Cell value -> ISO date of a school day, or None (the row's problem already noted)."""

    def __init__(self, calendar: _Calendar, problems: Problems) -> None:
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
        known = self.learn(raw, day_first)
        if isinstance(known, str):
            self.first_rows.setdefault(known, row)
            return known
        reason, label = known
        self._note(reason, label, row)
        return None

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
            message = reason[4:] if reason.startswith("bad:") else "No date."
            self.problems.group(reason, row, "date", label,
                                lambda rows, items, m=message: f"{plural(rows, 'row')} "
                                f"{verb(rows, 'has', 'have')} a date MentorDesk cannot read "
                                f"({listed(items)}) and {verb(rows, 'was', 'were')} skipped. "
                                "Write dates like 9/3/2025.")


class _Rows:
    """Reading attendance rows: the caches, the days found, and what goes ahead to the writer.

    :meth:`read` handles the common row (a known student, a school day, a known code, the
    first row for that date) in a few dictionary look-ups; every other row goes the slow way,
    through :meth:`slow`, which notes its problem or fills the caches.
    """

    def __init__(self, context: Context, tables: list[Table], problems: Problems) -> None:
        db = context.db
        self.context, self.problems = context, problems
        self.calendar = _Calendar(db)
        if not self.calendar.years:
            context.require_year("Attendance days")
        self.codes = attendance_store.code_map(db)
        self.by_local_id = student_store.local_ids(db)
        self.known_ids = KnownIds(self.by_local_id)
        self.finder: StudentFinder | None = None
        self.stream = context.stream
        if any(table.column_of("period") is not None for table in tables):
            self.stream = None  # half days are only whole once both halves are read
        # Rows go ahead only for students with nothing stored yet: those rows are surely new.
        self.with_rows = attendance_import.students_with_rows(db) if self.stream else set()
        options = context.options
        self.absences_only = options.absences_only
        self.first_kept = options.covers_from.isoformat() if options.covers_from else ""
        self.last_kept = options.through.isoformat() if options.through else "9999"
        self.send_everything = bool(self.stream) and not self.with_rows and not (
            options.covers_from or options.through or options.absences_only)
        if self.send_everything and hasattr(self.stream, "bulk"):
            coming = sum(len(table.sheet.rows) for table in tables)
            if coming >= attendance_import.row_count(db):
                self.stream.bulk()
        self.day_reader = _DayReader(self.calendar, problems)
        self.id_cache: dict[Any, Any] = {}
        self.good_ids: dict[Any, int] = {}  # the cells of id_cache that name a student
        self.unknown_raw: set[Any] = set()  # code cells nobody has mapped
        self.code_cache: dict[Any, tuple[str, str]] = {}
        self.unknown_codes: dict[str, list[Row]] = {}
        self.days: dict[tuple[int, str], tuple[str, str]] = {}
        self.halves: dict[tuple[int, str], dict[str, tuple[str, str]]] = {}
        self.fixes: list[tuple[str, str, int, str]] = []
        self.chunk: list = []
        self.duplicates = self.skipped = 0
        self.saw_present = False

    def read(self, tables: list[Table]) -> None:
        total = sum(len(table.sheet.rows) for table in tables)
        done = 0
        for table in tables:
            self._read_table(table, done, total)
            done += len(table.sheet.rows)
        self.flush()
        self.context.report(total, total)

    def _read_table(self, table: Table, done: int, total: int) -> None:
        id_col, date_col = table.column_of("student_id"), table.column_of("date")
        code_col, period_col = table.column_of("code"), table.column_of("period")
        if id_col is None and self.finder is None:
            year = self.context.year
            self.finder = StudentFinder(self.context.db, year["id"] if year else None)
        self.table = table
        self.columns = (id_col, date_col, code_col, period_col)
        self.width = max(c for c in self.columns if c is not None) + 1
        self.day_first = _day_first(table, date_col)
        self.repeated_header = (table.headers[id_col].strip().lower() if id_col is not None
                                else None)
        if id_col is not None and period_col is None:
            self._read_blocks(table, done, total)
            return
        report = self.context.report
        index = table.header_index
        for cells in iterate_cells(table.sheet.rows, table.header_index + 1):
            index += 1
            if not index & 0x3FFF:
                report(done + index, total)
                if len(self.chunk) >= CHUNK_ROWS:
                    self.flush()
            self.slow(index, cells)

    def _read_blocks(self, table: Table, done: int, total: int) -> None:
        """The usual sheet, a block of rows at a time, with look-ups done by the thousand.

        Each block's cells are looked up in the caches all at once; rows whose student, date
        or code is not a good one (and blocks with a date twice for a student) go the slow
        way, row by row, which notes their problems.
        """
        id_col, date_col, code_col, _ = self.columns
        id_of, day_of, code_of = itemgetter(id_col), itemgetter(date_col), itemgetter(code_col)
        source = iterate_cells(table.sheet.rows, table.header_index + 1)
        index = table.header_index + 1
        days, width = self.days, self.width
        while True:
            block = list(islice(source, BLOCK_ROWS))
            if not block:
                break
            self.context.report(done + index, total)
            if min(map(len, block)) < width:  # ragged rows: the careful way
                for offset, cells in enumerate(block):
                    self.slow(index + offset, cells)
                index += len(block)
                continue
            raw_ids = list(map(id_of, block))
            raw_days = list(map(day_of, block))
            raw_codes = list(map(code_of, block))
            self._learn(block, index, raw_ids, raw_days, raw_codes)
            ids = list(map(self.good_ids.get, raw_ids))
            dates = list(map(self.day_reader.good.get, raw_days))
            meanings = list(map(self.code_cache.get, raw_codes))
            good = list(map(all, zip(ids, dates, meanings, strict=True)))
            pairs = list(zip(zip(compress(ids, good), compress(dates, good), strict=True),
                             compress(meanings, good), strict=True))
            fresh = dict(pairs)
            if len(fresh) == len(pairs) and days.keys().isdisjoint(fresh):
                days.update(fresh)
                if self.send_everything:
                    self.chunk.extend(pairs)
                elif self.stream is not None:
                    for slot, meaning in pairs:
                        self.maybe_send(slot, meaning)
                if len(pairs) != len(block):
                    for offset in compress(range(len(block)), map(not_, good)):
                        self.slow(index + offset, block[offset])
            else:  # the same student and date twice: row by row, the more serious kept
                for offset, cells in enumerate(block):
                    self.slow(index + offset, cells)
            index += len(block)
            if len(self.chunk) >= CHUNK_ROWS:
                self.flush()

    def _learn(self, block: list, index: int, raw_ids: list, raw_days: list,
               raw_codes: list) -> None:
        """Work out, once each, the students, dates and codes this block brings that are new."""
        table, first_row = self.table, self.table.sheet.first_row
        new_ids = set(raw_ids).difference(self.id_cache)
        new_days = set(raw_days).difference(self.day_reader.cache)
        new_codes = set(raw_codes).difference(self.code_cache).difference(self.unknown_raw)
        if not (new_ids or new_days or new_codes):
            return

        def first_rows(raws: list) -> dict:
            # Position of each value's first row in the block (reversed: the first one wins).
            return dict(zip(reversed(raws), range(len(raws) - 1, -1, -1), strict=True))

        if new_ids:
            where = first_rows(raw_ids)
            for raw in new_ids:
                offset = where[raw]
                found = self.id_cache[raw] = _student_for(
                    raw, self.known_ids, self.by_local_id, self.problems,
                    Row(table, first_row + index + offset, block[offset]), self.repeated_header)
                if found.__class__ is int:
                    self.good_ids[raw] = found
        if new_days:
            where = first_rows(raw_days)
            for raw in new_days:
                placed = self.day_reader.learn(raw, self.day_first)
                if placed.__class__ is str:
                    offset = where[raw]
                    self.day_reader.first_rows.setdefault(
                        placed, Row(table, first_row + index + offset, block[offset]))
        for raw in new_codes:
            code = "" if is_blank(raw) else text_of(raw)
            status = self.codes.get(code.upper())
            if status is None:
                self.unknown_raw.add(raw)  # its rows go the slow way, which lists them
                continue
            self.code_cache[raw] = (status, code)
            self.saw_present = self.saw_present or status == "present"

    def slow(self, index: int, cells: list[Any]) -> None:
        """One row the slow way: every check, every problem noted, the caches filled."""
        table = self.table
        number = table.sheet.first_row + index
        id_col, date_col, code_col, period_col = self.columns
        if len(cells) < self.width:
            cells = list(cells) + [""] * (self.width - len(cells))
        if id_col is not None:
            raw_id = cells[id_col]
            student_id = self.id_cache.get(raw_id, _MISSING)
            if student_id is _MISSING:
                student_id = self.id_cache[raw_id] = _student_for(
                    raw_id, self.known_ids, self.by_local_id, self.problems,
                    Row(table, number, cells), self.repeated_header)
                if student_id.__class__ is int:
                    self.good_ids[raw_id] = student_id
            if student_id.__class__ is not int:
                self.skipped += _not_a_student_row(student_id, raw_id, self.problems, table,
                                                   number, cells)
                return
        else:
            found = self.finder.find(Row(table, number, cells), self.problems)
            if found is None:
                self.skipped += 1
                return
            student_id = found["id"]
        day = self.day_reader.read(cells[date_col], Row(table, number, cells), self.day_first)
        if day is None:
            self.skipped += 1
            return
        raw_code = cells[code_col]
        meaning = self.code_cache.get(raw_code)
        if meaning is None:
            code = "" if is_blank(raw_code) else text_of(raw_code)
            status = self.codes.get(code.upper())
            if status is None:
                self.unknown_codes.setdefault(code, []).append(Row(table, number, cells))
                return
            meaning = self.code_cache[raw_code] = (status, code)
            self.saw_present = self.saw_present or status == "present"
        slot = (student_id, day)
        if period_col is not None and not is_blank(cells[period_col]):
            half = PERIOD_WORDS.get(text_of(cells[period_col]).lower())
            if half:
                self.halves.setdefault(slot, {})[half] = meaning
                self.days.setdefault(slot, meaning)
                return
        if slot in self.days:
            self.repeat(slot, meaning)
            return
        self.days[slot] = meaning
        if self.stream is not None:
            self.maybe_send(slot, meaning)

    def maybe_send(self, slot: tuple[int, str], meaning: tuple[str, str]) -> None:
        if slot[0] not in self.with_rows and self.first_kept <= slot[1] <= self.last_kept \
                and not (self.absences_only and meaning[0] == "present"):
            self.chunk.append((slot, meaning))

    def repeat(self, slot: tuple[int, str], meaning: tuple[str, str]) -> None:
        """A second row for a student and date: the more serious one is kept."""
        self.duplicates += 1
        held = self.days[slot]
        if SERIOUSNESS[meaning[0]] > SERIOUSNESS[held[0]]:
            self.days[slot] = meaning
            if self.stream is not None and slot[0] not in self.with_rows:
                self.fixes.append((meaning[0], meaning[1], slot[0], slot[1]))

    def flush(self) -> None:
        if self.chunk:
            self.stream.send(self.chunk)
            self.chunk = []

    def streamed_students(self) -> set[int]:
        if self.stream is None:
            return set()
        if self.send_everything:
            return EVERYONE
        return set(self.by_local_id.values()) - self.with_rows

    def students_found(self) -> int:
        if self.id_cache:
            return len({found for found in self.id_cache.values() if found.__class__ is int})
        return len({slot[0] for slot in self.days})


def _plan_days(context: Context, tables: list[Table]) -> KindPlan:
    problems = Problems()
    result = KindPlan()
    for table in tables:
        if table.column_of("date") is None or table.column_of("code") is None:
            raise ImportRefused(
                f"Sheet \"{table.name}\" of {context.file_name} needs a date column and an "
                "attendance code column to be read as daily attendance (or \"days enrolled\" "
                "and \"days absent\" columns for totals). Check the column names.")
    reader = _Rows(context, tables, problems)
    reader.read(tables)
    days = reader.days
    for slot, parts in reader.halves.items():
        days[slot] = _whole_day(parts)
    if reader.unknown_codes:
        _stop_on_unknown_codes(reader.unknown_codes, problems, context)
        result.details["unknown_codes"] = {code: len(rows) for code, rows in
                                           reader.unknown_codes.items()}
        result.problems = problems.finished()
        result.skipped = reader.skipped
        result.actions = Actions()
        return result
    if reader.duplicates:
        result.notes.append(f"{plural(reader.duplicates, 'date')} had more than one row for a "
                            "student; the more serious one was kept.")
    absences_only = context.options.absences_only
    mode = "exceptions" if absences_only or not reader.saw_present else "daily"
    if mode == "exceptions" and not absences_only:
        result.notes.append("No row in this file says \"present\", so it is taken as a list of "
                            "absences only: every school day it covers that is not listed was a "
                            "present day.")
    result.attendance_mode = mode
    streamed = reader.streamed_students()
    actions = Actions(streamed_fixes=reader.fixes)
    result.details["students"] = reader.students_found()
    if mode == "daily":
        _plan_daily(context, days, reader.day_reader, result, actions, streamed)
    else:
        _plan_exceptions(context, days, reader.calendar, reader.day_reader, problems, result,
                         actions, streamed)
    result.skipped += reader.skipped
    result.problems = problems.finished()
    return result


def _student_for(raw: Any, known_ids: KnownIds, by_local_id: dict[str, int], problems: Problems,
                 row: Row, repeated_header: str | None) -> Any:
    """The student id a cell names, or _BLANK, or None (not on the roster), or "header"."""
    if is_blank(raw):
        return _BLANK
    if isinstance(raw, str) and raw.strip().lower() == repeated_header:
        return "header"
    try:
        local_id = parse_id(raw)
    except Unreadable:
        return None
    resolved, restored = known_ids.resolve(local_id)
    student_id = by_local_id.get(resolved)
    if student_id is not None and restored:
        problems.group("restored_zeros", row, "student_id", local_id,
                       lambda rows, ids: f"{plural(len(ids), 'student ID')} had lost "
                       f"{verb(len(ids), 'its', 'their')} leading zeros ({listed(ids)}) and "
                       f"{verb(len(ids), 'was', 'were')} matched to the students whose IDs start "
                       "with zeros.")
    return student_id


def _not_a_student_row(found: Any, raw: Any, problems: Problems, table: Table, number: int,
                       cells: list[Any]) -> int:
    """Note why a row names no known student; 1 if it counts as a skipped data row."""
    if found == "header":
        return 0  # the header repeated on a printed page
    row = Row(table, number, cells)
    filled = [cell for cell in cells if not is_blank(cell)]
    if not filled or (len(filled) == 1 and _looks_like_note(filled[0])):
        return 0  # a blank row, or a note such as "Total: 120"
    if found is _BLANK:
        problems.group("no_id", row, "student_id", str(number),
                       lambda rows, numbers: f"{plural(rows, 'row')} "
                       f"{verb(rows, 'has', 'have')} no student ID and "
                       f"{verb(rows, 'was', 'were')} skipped.")
        return 1
    try:
        label = parse_id(raw)
    except Unreadable:
        label = text_of(raw)
    problems.group("unknown_students", row, "student_id", label,
                   lambda rows, ids: f"{plural(rows, 'row')} for {plural(len(ids), 'student')} "
                   f"not on the roster (ID {listed(ids)}) {verb(rows, 'was', 'were')} skipped. "
                   "Attendance never adds students: import the roster first, or check the IDs.")
    return 1


def _looks_like_note(cell: Any) -> bool:
    from importing.headers import _looks_like_note as note

    return note(cell) or not isinstance(cell, str)


def _day_first(table: Table, date_col: int) -> bool:
    from importing.values import dates_look_day_first

    start = table.header_index + 1
    sample = (row[date_col] for row in table.sheet.rows[start:start + 2000]
              if date_col < len(row))
    return dates_look_day_first(sample)


def _whole_day(parts: dict[str, tuple[str, str]]) -> tuple[str, str]:
    """Morning and afternoon on one date: both absent make a whole absent day."""
    if len(parts) == 1:
        (half, (status, code)), = parts.items()
        return ("half_day" if status in ABSENT else status), f"{half}:{code}"
    (am, am_code), (pm, pm_code) = parts.get("AM", ("present", "")), parts.get("PM",
                                                                                ("present", ""))
    code = f"AM:{am_code} PM:{pm_code}"
    if am in ABSENT and pm in ABSENT:
        return max(am, pm, key=SERIOUSNESS.get), code
    if am in ABSENT or pm in ABSENT or "half_day" in (am, pm):
        return "half_day", code
    return max(am, pm, key=SERIOUSNESS.get), code


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


def _plan_daily(context: Context, days: dict, day_reader: _DayReader, result: KindPlan,
                actions: Actions, streamed: set[int]) -> None:
    db = context.db
    valid_days = [day for day in day_reader.cache.values() if day.__class__ is str]
    first, last = (min(valid_days), max(valid_days)) if valid_days else (None, None)
    stored = attendance_import.stored_rows(db, first, last) if first and \
        attendance_import.has_rows_between(db, first, last) else {}
    inserts, updates = actions.inserts, actions.updates
    added = unchanged = 0
    if streamed is EVERYONE:  # every row already went ahead to the writer
        added, days = len(days), {}
    for slot, meaning in days.items():
        if slot[0] in streamed:
            added += 1
            continue
        old = stored.get(slot)
        if old is None:
            inserts.append((slot, meaning))
        elif old[0] != meaning[0] or old[1] != meaning[1]:
            updates.append((slot + meaning, old))
        else:
            unchanged += 1
    result.added = added + len(inserts)
    result.updated = len(updates)
    result.unchanged = unchanged
    if last:
        year, _ = day_reader.calendar.place(last)
        result.year_id = year["id"]
    elif context.year:
        result.year_id = context.year["id"]
    result.covers_from, result.covers_through = first, last
    result.actions = actions
    if first:
        result.notes.append(f"Daily attendance from {day_words(first)} to {day_words(last)} for "
                            f"{plural(result.details['students'], 'student')}.")


def _plan_exceptions(context: Context, days: dict, calendar: _Calendar, day_reader: _DayReader,
                     problems: Problems, result: KindPlan, actions: Actions,
                     streamed: set[int]) -> None:
    db = context.db
    options = context.options
    valid_days = [day for day in day_reader.cache.values() if day.__class__ is str]
    latest = max(valid_days) if valid_days else ""
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
            "if the export ran later, give its last day instead.")
    else:
        result.notes.append(f"This file lists absences only, for every school day from "
                            f"{day_words(start)} through {day_words(through)}.")
    covered = set(attendance_import.enrolled_between(db, year["id"], start, through))
    stored = attendance_import.stored_rows(db, start, through)
    listed_slots: set[tuple[int, str]] = set()
    present_rows = added = unchanged = 0
    for slot, meaning in days.items():
        day = slot[1]
        if not start <= day <= through:
            problems.group("outside_range", day_reader.first_rows[day], "date", day,
                           lambda rows, items: f"{plural(rows, 'row')} {verb(rows, 'is', 'are')} "
                           f"dated outside the dates this import covers ({day_words(start)} to "
                           f"{day_words(through)}: {listed(sorted(items))}) and "
                           f"{verb(rows, 'was', 'were')} skipped.")
            result.skipped += 1
            continue
        if meaning[0] == "present":
            present_rows += 1
            continue
        covered.add(slot[0])
        listed_slots.add(slot)
        if slot[0] in streamed:
            added += 1
            continue
        old = stored.get(slot)
        if old is None:
            actions.inserts.append((slot, meaning))
        elif old[0] != meaning[0] or old[1] != meaning[1]:
            actions.updates.append((slot + meaning, old))
        else:
            unchanged += 1
            # Still listed, so this import now speaks for it: the attendance rules read an
            # exception only from the newest import covering its date.
            actions.restamps.append((slot + meaning, old))
    if streamed:
        actions.streamed_keep = (start, through)
    # What the school no longer lists inside the covered dates was corrected: it goes.
    for slot, old in stored.items():
        if slot[0] in covered and old[0] != "present" and slot not in listed_slots:
            actions.deletes.append((slot, old))
    actions.coverage = sorted(covered)
    result.added = added + len(actions.inserts)
    result.updated = len(actions.updates) + len(actions.deletes)
    result.unchanged = unchanged
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
    for start in range(0, len(actions.inserts), CHUNK_ROWS):
        attendance_import.insert_many(db, actions.inserts[start:start + CHUNK_ROWS], batch_id)
        context.report(start + CHUNK_ROWS, total)
    if actions.streamed_keep:
        attendance_import.remove_batch_rows_outside(db, batch_id, *actions.streamed_keep)
    attendance_import.fix_rows(db, actions.streamed_fixes)
    for (student_id, day, _, _), old in actions.updates + actions.restamps:
        log.updated("attendance", {"student_id": student_id, "day": day},
                    _whole_row(student_id, day, old))
    attendance_import.update_rows(db, (new for new, _ in actions.updates + actions.restamps),
                                  batch_id)
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
