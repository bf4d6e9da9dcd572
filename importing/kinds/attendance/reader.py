"""Reading an attendance sheet's rows: who, which school day, what code.

A year of daily attendance is hundreds of thousands of rows, so :meth:`AttendanceRows.read`
handles the common row (a known student, a school day, a known code, the first row for that
date) a block of rows at a time, with look-ups done by the thousand; every other row goes the
slow way, through :meth:`AttendanceRows.slow`, which notes its problem or fills the caches.

What it gathers: ``days`` (student, date) -> (status, code) from rows that speak for a whole
day; ``parts`` (student, date) -> the rows of class periods or half days, for
:mod:`.periods` to turn into days; the students whose ID the file gives to two different
names (``clashes``); and, for the headless import, rows sent ahead to the writer while the
file is still being read.
"""

from __future__ import annotations

from itertools import compress, islice, repeat
from operator import eq, itemgetter, le, lt, ne, not_
from typing import Any

from importing.headers import Table
from importing.headers import _looks_like_note as looks_like_note
from importing.kinds.attendance.codes import CodeBook
from importing.kinds.attendance.school_days import DayReader, YearCalendars, day_first
from importing.kinds.attendance.statuses import SERIOUSNESS
from importing.kinds.base import Context, Problems, Row, listed, plural, verb
from importing.kinds.people import StudentFinder
from importing.kinds.student_ids import AMBIGUOUS, ID_FIELDS, StudentIds, who
from importing.sheets import iterate_cells
from importing.values import Unreadable, is_blank, parse_id, text_of
from storage import attendance_import

_MISSING = object()
_BLANK = object()
CHUNK_ROWS = 20_000
# Rows in the table's order go to the writer this many at a time: the last ones, sent when the
# file is read, are all the writer still has to store before the import can end.
LAID_ROWS = 8_000
# Rows read as one block: each block is gone through a dozen times (a column, a look-up), so
# it is kept small enough to stay in the processor's cache. A year of attendance (360,000
# rows) was read in 1.0-1.6 s in blocks of 1,024 rows against 1.8-2.2 s in blocks of 8,192
# (median of four, alternating, in one process).
BLOCK_ROWS = 1024
# attendance_type values that say a row is for a whole day, or for one class.
DAILY_TYPES = ("daily", "day", "attmodedaily", "dailyattendance", "all day", "allday")
CLASS_TYPES = ("class", "section", "meeting", "period", "attmodemeeting",
               "classsectionattendance", "classattendance", "sectionattendance")


class Everyone(frozenset):
    """Every student: each of their rows went ahead to the writer."""

    def __contains__(self, item: object) -> bool:
        return True

    def __bool__(self) -> bool:
        return True


EVERYONE = Everyone()


class AllBut:
    """Every student but these (whose rows could not go ahead: they had some stored)."""

    def __init__(self, left_out: set[int]) -> None:
        self.left_out = left_out

    def __contains__(self, item: object) -> bool:
        return item not in self.left_out

    def __bool__(self) -> bool:
        return True


class AttendanceRows:
    """Reading attendance rows: the caches, the days found, and what goes ahead to the writer."""

    def __init__(self, context: Context, tables: list[Table], problems: Problems) -> None:
        db = context.db
        self.context, self.problems = context, problems
        self.calendar = YearCalendars(db)
        if not self.calendar.years:
            context.require_year("Attendance days")
        self.codes = CodeBook(db)
        self.ids = StudentIds(db)
        self.finder: StudentFinder | None = None
        self.stream = context.stream
        if any(table.column_of(key) is not None for table in tables
               for key in ("period", "section", "attendance_type")):
            self.stream = None  # a day is only known once all its periods are read
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
        self.day_reader = DayReader(self.calendar, problems)
        self.id_cache: dict[Any, Any] = {}
        self.good_ids: dict[Any, int] = {}  # the cells of id_cache that name a student
        self.unknown_raw: set[Any] = set()  # code cells nobody has mapped
        self.code_cache: dict[Any, tuple[str, str]] = {}
        self.unknown_codes: dict[str, list[Row]] = {}
        self._days: dict[tuple[int, str], tuple[str, str]] = {}
        # Blocks read in the table's order, (slots, meanings) each: surely new days, not yet
        # put in ``_days`` (a dictionary of a year's rows is slow to grow; see ``days``).
        self._in_order: list[tuple[list, list]] = []
        self.greatest: tuple[int, str] = (-1, "")  # no slot of ``days`` comes after it
        # (student, day) -> [(period, section, (status, code), row)] of class or half-day rows
        self.parts: dict[tuple[int, str], list[tuple[str, str, tuple[str, str], Row]]] = {}
        self.fixes: list[tuple[str, str, int, str]] = []
        self.chunk: list = []  # rows for the writer, as (slot, meaning)
        self.laid: list = []  # rows for the writer in the table's order, as INSERT values
        self.duplicates = self.skipped = 0
        self.saw_present = False
        # Who each student's rows say they are, to notice one ID given to two children.
        self.first_name: dict[int, tuple[Any, str, Row]] = {}
        self.names_seen: set = set()
        self.clashes: dict[int, list[tuple[Row, str]]] = {}

    @property
    def days(self) -> dict[tuple[int, str], tuple[str, str]]:
        """(student, date) -> (status, code) of every row read that speaks for a whole day."""
        for slots, meanings in self._in_order:
            self._days.update(zip(slots, meanings, strict=True))
        self._in_order.clear()
        return self._days

    def day_count(self) -> int:
        """How many days ``days`` holds (without gathering them)."""
        return len(self._days) + sum(len(slots) for slots, _ in self._in_order)

    # Reading ---------------------------------------------------------------------------------

    def read(self, tables: list[Table]) -> None:
        """Read every row of every table."""
        total = sum(len(table.sheet.rows) for table in tables)
        done = 0
        for table in tables:
            self._read_table(table, done, total)
            done += len(table.sheet.rows)
        self.flush()
        self.context.report(total, total)

    def _read_table(self, table: Table, done: int, total: int) -> None:
        id_key = next((key for key in ID_FIELDS if table.column_of(key) is not None), None)
        self.id_kind = ID_FIELDS[id_key] if id_key else "student_number"
        self.other_ids = [(table.column_of(key), ID_FIELDS[key]) for key in ID_FIELDS
                          if key != id_key and table.column_of(key) is not None]
        id_col, date_col = (table.column_of(id_key) if id_key else None), table.column_of("date")
        code_col = table.column_of("code")
        self.period_col, self.section_col = table.column_of("period"), table.column_of("section")
        self.type_col = table.column_of("attendance_type")
        self.name_cols = tuple(table.column_of(key) for key in
                               ("last_name", "first_name", "full_name"))
        self.name_columns = [column for column in self.name_cols if column is not None]
        # For each name column: ID cell -> that column's cell on the ID's first row (quick
        # look at whether a block brings a new name for an ID; see _check_names).
        self.first_names: list[dict] = [{} for _ in self.name_columns]
        if id_col is None and self.finder is None:
            year = self.context.year
            self.finder = StudentFinder(self.context.db, year["id"] if year else None)
        self.table = table
        self.columns = (id_col, date_col, code_col)
        used = [c for c in (*self.columns, self.period_col, self.section_col, self.type_col,
                            *self.name_cols) if c is not None]
        self.width = max(used) + 1
        self.day_first = day_first(table, date_col)
        self.repeated_header = (table.headers[id_col].strip().lower() if id_col is not None
                                else None)
        if id_col is not None and self.period_col is None and self.section_col is None \
                and self.type_col is None:
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

        Each block's cells are looked up in the caches all at once (a block bringing a
        student, date or code not met before first has them worked out); rows whose student,
        date or code is not a good one (and blocks with a date twice for a student) go the
        slow way, row by row, which notes their problems.
        """
        id_col, date_col, code_col = self.columns
        id_of, day_of, code_of = itemgetter(id_col), itemgetter(date_col), itemgetter(code_col)
        source = iterate_cells(table.sheet.rows, table.header_index + 1)
        index = table.header_index + 1
        width = self.width
        good_ids, good_days, code_cache = self.good_ids, self.day_reader.good, self.code_cache
        while True:
            block = list(islice(source, BLOCK_ROWS))
            if not block:
                break
            self.context.report(done + index, total)
            # Sheets come rectangular (every row as wide as the sheet); a short row anywhere
            # sends the block the careful way.
            if (len(block[0]) < width or len(block[-1]) < width) and \
                    min(map(len, block)) < width:
                for offset, cells in enumerate(block):
                    self.slow(index + offset, cells)
                index += len(block)
                continue
            raw_ids = list(map(id_of, block))
            raw_days = list(map(day_of, block))
            raw_codes = list(map(code_of, block))
            ids = list(map(good_ids.get, raw_ids))
            dates = list(map(good_days.get, raw_days))
            meanings = list(map(code_cache.get, raw_codes))
            missing = None in ids or None in dates or None in meanings
            if missing:
                self._learn(block, index, raw_ids, raw_days, raw_codes)
                if None in ids:
                    ids = list(map(good_ids.get, raw_ids))
                if None in dates:
                    dates = list(map(good_days.get, raw_days))
                if None in meanings:
                    meanings = list(map(code_cache.get, raw_codes))
                missing = None in ids or None in dates or None in meanings
            if self.name_columns:
                self._check_names(block, index, raw_ids)
            rest: Any = ()
            if missing:
                good = list(map(all, zip(ids, dates, meanings, strict=True)))
                ids, dates = list(compress(ids, good)), list(compress(dates, good))
                meanings = list(compress(meanings, good))
                rest = compress(range(len(block)), map(not_, good))
            slots = list(zip(ids, dates, strict=True))
            # The usual file, student by student and each one's days in turn: a block whose
            # rows go up one after the other from past every day read so far cannot hold a
            # day already read, nor one day twice.
            in_order = bool(slots) and slots[0] > self.greatest and \
                all(map(lt, slots, islice(slots, 1, None)))
            if in_order:
                self._in_order.append((slots, meanings))
                self.greatest = slots[-1]
                fresh = None
            else:
                fresh = dict(zip(slots, meanings, strict=True))
            if fresh is None or (len(fresh) == len(slots) and
                                 self.days.keys().isdisjoint(fresh)):
                if fresh:
                    self._days.update(fresh)
                    self.greatest = max(self.greatest, max(fresh))
                if self.send_everything:
                    self._send_block(slots, meanings, in_order)
                elif self.stream is not None:
                    for slot, meaning in zip(slots, meanings, strict=True):
                        self.maybe_send(slot, meaning)
                for offset in rest:
                    self.slow(index + offset, block[offset])
            else:  # the same student and date twice: row by row, the more serious kept
                for offset, cells in enumerate(block):
                    self.slow(index + offset, cells)
            index += len(block)
            if len(self.chunk) >= CHUNK_ROWS or len(self.laid) >= 4 * LAID_ROWS:
                self.flush()

    def _send_block(self, slots: list[tuple[int, str]], meanings: list[tuple[str, str]],
                    in_order: bool) -> None:
        """Hand a block's rows, all surely new, to the writer.

        Rows in the table's own order (student by student, each one's days in turn: most
        files) are laid out for the INSERT statements as they are; others are sorted first
        (see :func:`storage.attendance_import.laid_out`).
        """
        if in_order or all(map(le, slots, islice(slots, 1, None))):
            self.laid.extend(attendance_import.values_of(slots, meanings))
        else:
            self.chunk.extend(zip(slots, meanings, strict=True))

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
                row = Row(table, first_row + index + offset, block[offset])
                found = self.id_cache[raw] = self._student_for(raw, row)
                if found.__class__ is int:
                    self.good_ids[raw] = found
                    if self.name_columns:
                        self._name_from(raw, found, row)
        if new_days:
            where = first_rows(raw_days)
            for raw in new_days:
                placed = self.day_reader.learn(raw, self.day_first)
                if placed.__class__ is str:
                    offset = where[raw]
                    self.day_reader.first_rows.setdefault(
                        placed, Row(table, first_row + index + offset, block[offset]))
        for raw in new_codes:
            meaning = self.codes.meaning(raw)
            if meaning is None:
                self.unknown_raw.add(raw)  # its rows go the slow way, which lists them
                continue
            self.code_cache[raw] = meaning
            self.saw_present = self.saw_present or meaning[0] == "present"

    def _check_names(self, block: list, index: int, raw_ids: list) -> None:
        """Notice an ID the file gives to two differently named students (block at a time).

        Each student's ID is named by its first row (:meth:`_name_from`). Each name column
        is compared with those first names all at once; only the rows that differ (a second
        name for an ID, usually none) are looked at one by one, each (ID, name cells)
        combination once.
        """
        cells = [list(map(itemgetter(column), block)) for column in self.name_columns]
        expected = [list(map(first.get, raw_ids, repeat(_MISSING)))
                    for first in self.first_names]
        if all(map(eq, expected, cells)):
            return
        differ = [any(pair) for pair in zip(*map(map, repeat(ne), expected, cells),
                                             strict=True)]
        combinations = set(zip(compress(raw_ids, differ),
                               *[compress(column, differ) for column in cells], strict=True))
        new = combinations.difference(self.names_seen)
        if not new:
            return
        self.names_seen.update(new)
        first_row = self.table.sheet.first_row
        for combination in new:
            student_id = self.good_ids.get(combination[0])
            if student_id is None:
                continue
            offset = next(at for at, (raw, *names) in enumerate(zip(raw_ids, *cells,
                                                                    strict=True))
                          if (raw, *names) == combination)
            self._note_name(student_id, Row(self.table, first_row + index + offset,
                                            block[offset]))

    def _name_from(self, raw: Any, student_id: int, row: Row) -> None:
        """Name a student's ID by the first row that gives it."""
        names = [row.cells[column] for column in self.name_columns]
        for first, name in zip(self.first_names, names, strict=True):
            first[raw] = name
        self.names_seen.add((raw, *names))
        self._note_name(student_id, row)

    def _note_name(self, student_id: int, row: Row) -> None:
        key, shown = who(row)
        if key is None:
            return
        first = self.first_name.get(student_id)
        if first is None:
            self.first_name[student_id] = (key, shown, row)
        elif first[0] != key:
            clash = self.clashes.setdefault(student_id, [(first[2], first[1])])
            if all(shown != other for _, other in clash):
                clash.append((row, shown))

    def slow(self, index: int, cells: list[Any]) -> None:
        """One row the slow way: every check, every problem noted, the caches filled."""
        table = self.table
        number = table.sheet.first_row + index
        id_col, date_col, code_col = self.columns
        if len(cells) < self.width:
            cells = list(cells) + [""] * (self.width - len(cells))
        row = Row(table, number, cells)
        if id_col is not None:
            raw_id = cells[id_col]
            student_id = self.id_cache.get(raw_id, _MISSING)
            if student_id is _MISSING:
                student_id = self.id_cache[raw_id] = self._student_for(raw_id, row)
                if student_id.__class__ is int:
                    self.good_ids[raw_id] = student_id
            if student_id.__class__ is not int and self.other_ids:
                student_id = self._by_other_ids(cells, row, student_id)
            if student_id.__class__ is not int:
                self.skipped += self._not_a_student_row(student_id, raw_id, row, cells)
                return
            if self.name_columns:
                combination = (raw_id, *[cells[column] for column in self.name_columns])
                if combination not in self.names_seen:
                    self.names_seen.add(combination)
                    for first, cell in zip(self.first_names, combination[1:], strict=True):
                        first.setdefault(raw_id, cell)
                    self._note_name(student_id, row)
        else:
            found = self.finder.find(row, self.problems)
            if found is None:
                self.skipped += 1
                return
            student_id = found["id"]
        day = self.day_reader.read(cells[date_col], row, self.day_first)
        if day is None:
            self.skipped += 1
            return
        raw_code = cells[code_col]
        meaning = self.code_cache.get(raw_code)
        if meaning is None:
            meaning = self.codes.meaning(raw_code)
            if meaning is None:
                code = "" if is_blank(raw_code) else text_of(raw_code)
                self.unknown_codes.setdefault(code, []).append(row)
                return
            self.code_cache[raw_code] = meaning
            self.saw_present = self.saw_present or meaning[0] == "present"
        slot = (student_id, day)
        if self._is_part(cells):
            period = "" if self.period_col is None else text_of(cells[self.period_col])
            section = "" if self.section_col is None else text_of(cells[self.section_col])
            self.parts.setdefault(slot, []).append((period, section, meaning, row))
            return
        days = self.days if self._in_order else self._days
        if slot in days:
            self.repeat(slot, meaning)
            return
        days[slot] = meaning
        if slot > self.greatest:
            self.greatest = slot
        if self.stream is not None:
            self.maybe_send(slot, meaning)

    def _is_part(self, cells: list[Any]) -> bool:
        """Whether a row is for one class period or half day rather than the whole day."""
        if self.type_col is not None:
            kind = "".join(text_of(cells[self.type_col]).lower().split()).replace("_", "")
            if any(word.replace(" ", "") in kind for word in DAILY_TYPES) and \
                    not any(word in kind for word in CLASS_TYPES):
                return False
            if any(word in kind for word in CLASS_TYPES):
                return True
        if self.period_col is not None and not is_blank(cells[self.period_col]):
            return True
        return self.section_col is not None and not is_blank(cells[self.section_col])

    def maybe_send(self, slot: tuple[int, str], meaning: tuple[str, str]) -> None:
        """Hand a row that is surely new to the writer (headless import only)."""
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
        """Send the rows gathered so far to the writer."""
        if self.chunk:
            self.stream.send(self.chunk)
            self.chunk = []
        if self.laid:
            self.stream.send_in_order(self.laid)
            self.laid = []

    # Students --------------------------------------------------------------------------------

    def _student_for(self, raw: Any, row: Row) -> Any:
        """The student id a cell names, or _BLANK, or None (not on the roster), or "header"."""
        if is_blank(raw):
            return _BLANK
        if isinstance(raw, str) and raw.strip().lower() == self.repeated_header:
            return "header"
        try:
            local_id = parse_id(raw)
        except Unreadable:
            return None
        student_id, restored = self.ids.find(local_id, self.id_kind)
        if student_id == AMBIGUOUS:
            self.problems.group("ambiguous_ids", row, None, local_id,
                                lambda rows, ids: f"{plural(rows, 'row')} "
                                f"{verb(rows, 'gives', 'give')} an ID that two students in "
                                f"MentorDesk are known by ({listed(ids)}) and "
                                f"{verb(rows, 'was', 'were')} skipped. Use the school's "
                                "student number in the file.")
            return "ambiguous"
        if student_id is not None and restored:
            self.problems.group("restored_zeros", row, "student_id", local_id,
                                lambda rows, ids: f"{plural(len(ids), 'student ID')} had lost "
                                f"{verb(len(ids), 'its', 'their')} leading zeros "
                                f"({listed(ids)}) and {verb(len(ids), 'was', 'were')} matched "
                                "to the students whose IDs start with zeros.")
        return student_id

    def _by_other_ids(self, cells: list[Any], row: Row, found: Any) -> Any:
        """The row's other ID columns, when its main one names nobody."""
        for column, kind in self.other_ids:
            raw = cells[column]
            if is_blank(raw):
                continue
            try:
                student_id, _ = self.ids.find(parse_id(raw), kind)
            except Unreadable:
                continue
            if student_id is not None and student_id != AMBIGUOUS:
                return student_id
        return found

    def _not_a_student_row(self, found: Any, raw: Any, row: Row, cells: list[Any]) -> int:
        """Note why a row names no known student; 1 if it counts as a skipped data row."""
        if found == "header":
            return 0  # the header repeated on a printed page
        if found == "ambiguous":
            return 1
        filled = [cell for cell in cells if not is_blank(cell)]
        if not filled or (len(filled) == 1 and (looks_like_note(filled[0])
                                                or not isinstance(filled[0], str))):
            return 0  # a blank row, or a note such as "Total: 120"
        if found is _BLANK:
            self.problems.group("no_id", row, "student_id", str(row.number),
                                lambda rows, numbers: f"{plural(rows, 'row')} "
                                f"{verb(rows, 'has', 'have')} no student ID and "
                                f"{verb(rows, 'was', 'were')} skipped.")
            return 1
        try:
            label = parse_id(raw)
        except Unreadable:
            label = text_of(raw)
        self.problems.group("unknown_students", row, "student_id", label,
                            lambda rows, ids: f"{plural(rows, 'row')} for "
                            f"{plural(len(ids), 'student')} not on the roster (ID "
                            f"{listed(ids)}) {verb(rows, 'was', 'were')} skipped. Attendance "
                            "never adds students: import the roster first, or check the IDs.")
        return 1

    # After reading ---------------------------------------------------------------------------

    def drop_clashes(self) -> set[int]:
        """Leave out every row of an ID the file gives to two different students; each row
        involved is named. Returns those students (their rows may have gone ahead)."""
        if not self.clashes:
            return set()
        for rows in self.clashes.values():
            for row, shown in rows:
                others = [f"row {other.number} ({name or 'no name'})" for other, name in rows
                          if other is not row]
                self.problems.add(row, "student_id",
                                  f"This student ID is also on {', '.join(others)}, for a "
                                  f"different student than this row ({shown or 'no name'}). "
                                  "Two students cannot share one ID, so none of the rows "
                                  "with this ID was imported: check the IDs in the file.")
        dropped = set(self.clashes)
        for store in (self.days, self.parts):
            for slot in [slot for slot in store if slot[0] in dropped]:
                del store[slot]
                self.skipped += 1
        return dropped

    def streamed_students(self) -> set[int]:
        """The students whose rows all went ahead to the writer."""
        if self.stream is None:
            return set()
        if self.send_everything:
            return EVERYONE
        return AllBut(self.with_rows)

    def students_found(self) -> int:
        """How many students the file's rows name."""
        if self.id_cache:
            return len({found for found in self.id_cache.values() if found.__class__ is int})
        return len({slot[0] for slot in (*self.days, *self.parts)})

