"""Every enrolled student's attendance in a year, loaded compactly for the report's many
stretches (:mod:`program.attendance_ledger`): one pass over the year's rows gives each student's
first and last day and their absences; only students whose rows are not one unbroken run of
school days (gaps, rows on days off, exceptions-only imports) are read day by day."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Mapping

import sqlite_utils

from program.attendance import AttendanceRules, Coverage, Ledger, PeriodSummary
from program.attendance_ledger import CompactDays, Totals, compact_ledger
from program.calendar import ONE_DAY, SchoolCalendar
from storage import attendance_inputs

_DATES: dict[str, dt.date] = {}


def _date(text: str | None) -> dt.date | None:
    """ISO text -> date, remembered: a year has a few hundred days, read many times."""
    if not text:
        return None
    day = _DATES.get(text)
    if day is None:
        day = _DATES[text] = dt.date.fromisoformat(text[:10])
    return day


def _days_off(calendar: SchoolCalendar) -> list[str]:
    """Every day from the first to the last day of the year that is not a school day."""
    found, day = [], calendar.first_day
    while day <= calendar.last_day:
        if not calendar.is_school_day(day):
            found.append(day.isoformat())
        day += ONE_DAY
    return found


def compact_days(db: sqlite_utils.Database, year_id: int,
                 calendar: SchoolCalendar) -> dict[int, CompactDays]:
    """What is stored about each enrolled student's attendance in the year, compactly."""
    first, last = calendar.first_day.isoformat(), calendar.last_day.isoformat()
    enrolled = {sid: (_date(entry), _date(exit_)) for sid, entry, exit_
                in attendance_inputs.enrollment_dates(db, year_id)}
    coverage: dict[int, list[Coverage]] = {}
    for sid, batch, covers_from, covers_through in attendance_inputs.exceptions_coverage(
            db, first, last):
        coverage.setdefault(sid, []).append(
            Coverage(batch, _date(covers_from), _date(covers_through)))
    summaries: dict[int, list[PeriodSummary]] = {}
    for sid, as_of, days_enrolled, absent in attendance_inputs.period_summaries(db, year_id):
        summaries.setdefault(sid, []).append(PeriodSummary(_date(as_of), days_enrolled, absent))
    spans: dict[int, tuple[dt.date, dt.date]] = {}
    absences: dict[int, tuple[tuple[dt.date, str], ...]] = {}
    day_by_day: list[int] = []
    # Rows on a day that is no school day (the calendar changed after an import) count as
    # the attendance rules count them: such a student is read day by day.
    on_days_off = attendance_inputs.students_with_rows_on(db, _days_off(calendar))
    for sid, low, high, rows, marked in attendance_inputs.day_spans(db, year_id, first,
                                                                        last):
        if sid not in enrolled:
            continue
        start, end = _date(low), _date(high)
        if sid in coverage or sid in on_days_off or rows != calendar.count_between(start, end):
            day_by_day.append(sid)
            continue
        spans[sid] = (start, end)
        absences[sid] = tuple((_date(item[:10]), item[10:])
                              for item in marked.split(",")) if marked else ()
    day_by_day += [sid for sid in coverage if sid not in day_by_day and sid in enrolled]
    marks: dict[int, list[tuple[dt.date, str]]] = {}
    for sid, day, status, _ in attendance_inputs.attendance_rows_of(db, first, last,
                                                                    day_by_day):
        marks.setdefault(sid, []).append((_date(day), status))
    return {
        sid: CompactDays(sid, spans.get(sid),
                         tuple(marks.get(sid, ())) if sid not in spans else absences[sid],
                         tuple(coverage.get(sid, ())), entry, exit_,
                         tuple(summaries.get(sid, ())))
        for sid, (entry, exit_) in enrolled.items()
    }


def ledgers(db: sqlite_utils.Database, year_id: int, calendar: SchoolCalendar, as_of: dt.date,
            rules: AttendanceRules, days: Mapping[int, CompactDays] | None = None
            ) -> dict[int, Totals]:
    """Each enrolled student's totals-over-any-stretch for the year up to ``as_of`` (from
    ``days`` when already loaded)."""
    days = compact_days(db, year_id, calendar) if days is None else days
    return {sid: compact_ledger(one, calendar, as_of, rules) for sid, one in days.items()}


def totals_only(ledgers: Mapping[int, Totals]) -> int:
    """How many students have attendance totals only (no days)."""
    return sum(1 for ledger in ledgers.values()
               if isinstance(ledger, Ledger) and not ledger.day_level and ledger.summaries)


def ledgers_in_background(db: sqlite_utils.Database, year_id: int, calendar: SchoolCalendar,
                          as_of: dt.date, rules: AttendanceRules) -> Callable[[], dict]:
    """Start loading a year's ledgers on a thread of its own (its own connection: SQLite reads
    there while this thread works, on the machine's other core); returns the function that
    waits for them. In memory or inside a transaction, they are loaded when asked."""
    from storage.database import connect, file_of

    path = file_of(db)
    if path is None or db.conn.in_transaction:
        # In memory, or inside a transaction whose changes another connection cannot see.
        return lambda: ledgers(db, year_id, calendar, as_of, rules)
    result: dict[str, object] = {}

    def work() -> None:
        try:
            worker = connect(path)
            try:
                result["ledgers"] = ledgers(worker, year_id, calendar, as_of, rules)
            finally:
                worker.close()
        except BaseException as error:  # handed to the caller, who raises it
            result["error"] = error

    thread = threading.Thread(target=work, name="report-last-year", daemon=True)
    thread.start()

    def wait() -> dict:
        thread.join()
        if "error" in result:
            raise result["error"]
        return result["ledgers"]

    return wait
