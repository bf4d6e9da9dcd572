"""Attendance by day: read the rows, make whole days of class periods, choose the mode, and
compare with what is stored (daily or absences only)."""

from __future__ import annotations

from importing.headers import Table
from importing.kinds.attendance.changes import Actions
from importing.kinds.attendance.codes import stop_on_unknown_codes
from importing.kinds.attendance.daily import plan_daily
from importing.kinds.attendance.exceptions import plan_exceptions
from importing.kinds.attendance.periods import combine
from importing.kinds.attendance.reader import AttendanceRows
from importing.kinds.base import Context, KindPlan, Problems, plural
from importing.problems import ImportRefused
from storage import settings


def plan_days(context: Context, tables: list[Table]) -> KindPlan:
    """Compare the file's days of attendance with what is stored; nothing is written."""
    problems = Problems()
    result = KindPlan()
    for table in tables:
        if table.column_of("date") is None or table.column_of("code") is None:
            raise ImportRefused(
                f"Sheet \"{table.name}\" of {context.file_name} needs a date column and an "
                "attendance code column to be read as daily attendance (or \"days enrolled\" "
                "and \"days absent\" columns for totals). Check the column names.")
    reader = AttendanceRows(context, tables, problems)
    reader.read(tables)
    if reader.unknown_codes:
        stop_on_unknown_codes(reader.unknown_codes, problems, context)
        result.details["unknown_codes"] = {code: len(rows) for code, rows in
                                           reader.unknown_codes.items()}
        result.problems = problems.finished()
        result.skipped = reader.skipped
        result.actions = Actions()
        return result
    dropped = reader.drop_clashes()
    if reader.parts:
        days = reader.days
        combined = combine(reader.parts, settings.get(context.db,
                                                      "attendance.period_absent_share"),
                           settings.get(context.db, "periods_per_day"))
        for slot, meaning in combined.days.items():
            days.setdefault(slot, meaning)  # a row for the whole day is the school's verdict
        column = next((table.header_of("period") or table.header_of("section")
                       for table in tables if table.header_of("period")
                       or table.header_of("section")), None)
        result.notes.extend(combined.notes(column))
        result.details["class_periods"] = None if combined.halves else {
            "periods_a_day": combined.periods_a_day, "absent_days": combined.absent_days,
            "partial_days": combined.partial_days, "only_missed": combined.only_missed}
    if reader.duplicates:
        result.notes.append(f"{plural(reader.duplicates, 'date')} had more than one row for a "
                            "student; the more serious one was kept.")
    absences_only = context.options.absences_only or reader.codes.events_file
    mode = "exceptions" if absences_only or not reader.saw_present else "daily"
    if reader.codes.events_file and not context.options.absences_only:
        result.notes.append("This is an Ed-Fi attendance events file: it lists absences and "
                            "tardies only, so every school day it covers that is not listed was "
                            "a present day.")
    elif mode == "exceptions" and not absences_only:
        result.notes.append("No row in this file says \"present\", so it is taken as a list of "
                            "absences only: every school day it covers that is not listed was a "
                            "present day.")
    result.attendance_mode = mode
    streamed = reader.streamed_students()
    actions = Actions(streamed_fixes=reader.fixes,
                      streamed_drop=sorted(student for student in dropped
                                           if student in streamed))
    result.details["students"] = reader.students_found() - len(dropped)
    if mode == "daily":
        plan_daily(context, reader, result, actions, streamed)
    else:
        plan_exceptions(context, reader.days, reader.calendar, reader.day_reader, problems,
                        result, actions, streamed)
    result.skipped += reader.skipped
    result.problems = problems.finished()
    return result
