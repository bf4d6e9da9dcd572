"""Daily attendance: every enrolled day listed (a present code makes a file daily)."""

from __future__ import annotations

from importing.kinds.attendance.changes import Actions
from importing.kinds.attendance.reader import EVERYONE, AttendanceRows
from importing.kinds.base import Context, KindPlan, day_words, plural
from importing.kinds.sorting import sort_out
from storage import attendance_import


def plan_daily(context: Context, reader: AttendanceRows, result: KindPlan, actions: Actions,
               streamed) -> None:
    """Compare the file's days with the stored ones for the same dates."""
    day_reader = reader.day_reader
    valid_days = day_reader.valid_days()
    first, last = (min(valid_days), max(valid_days)) if valid_days else (None, None)
    db = context.db
    stored = attendance_import.stored_rows(db, first, last) if first and \
        attendance_import.has_rows_between(db, first, last) else {}
    if streamed is EVERYONE:  # every row already went ahead to the writer: only counted
        already, days = reader.day_count(), {}
    elif streamed:  # some students' rows went ahead
        already = sum(1 for slot in reader.days if slot[0] in streamed)
        days = {slot: meaning for slot, meaning in reader.days.items()
                if slot[0] not in streamed}
    else:
        already, days = 0, reader.days
    sorted_days = sort_out(days.items(), lambda item: stored.get(item[0]),
                           lambda item, old: old[0] != item[1][0] or old[1] != item[1][1])
    actions.inserts.extend(sorted_days.new)
    actions.updates.extend((slot + meaning, old) for (slot, meaning), old, _ in
                           sorted_days.changed)
    sorted_days.count_into(result, already_added=already)
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
