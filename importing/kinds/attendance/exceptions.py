"""Absences only: the file lists the days a student was not simply present.

The file covers the school days from the year's first day (or ``covers_from``) through
``through`` (default: its latest date), and replaces every exception stored in that range for
the students it covers: every student enrolled then. An absence corrected in the student
information system disappears.
"""

from __future__ import annotations

from importing.kinds.attendance.changes import Actions
from importing.kinds.attendance.school_days import DayReader, YearCalendars
from importing.kinds.base import (
    Context,
    KindPlan,
    Problems,
    day_words,
    listed,
    plural,
    verb,
)
from importing.kinds.sorting import sort_out
from importing.problems import ImportRefused
from storage import attendance_import


def plan_exceptions(context: Context, days: dict, calendar: YearCalendars,
                    day_reader: DayReader, problems: Problems, result: KindPlan,
                    actions: Actions, streamed) -> None:
    """Compare the file's exceptions with those stored in the dates it covers."""
    db = context.db
    options = context.options
    valid_days = day_reader.valid_days()
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
    present_rows = already = 0
    kept = []
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
            already += 1
            continue
        kept.append((slot, meaning))
    sorted_days = sort_out(kept, lambda item: stored.get(item[0]),
                           lambda item, old: old[0] != item[1][0] or old[1] != item[1][1])
    actions.inserts.extend(sorted_days.new)
    actions.updates.extend((slot + meaning, old) for (slot, meaning), old, _ in
                           sorted_days.changed)
    # Still listed, so this import now speaks for them: the attendance rules read an
    # exception only from the newest import covering its date.
    actions.restamps.extend((slot + meaning, old) for (slot, meaning), old in
                            sorted_days.unchanged)
    if streamed:
        actions.streamed_keep = (start, through)
    # What the school no longer lists inside the covered dates was corrected: it goes.
    for slot, old in stored.items():
        if slot[0] in covered and old[0] != "present" and slot not in listed_slots:
            actions.deletes.append((slot, old))
    actions.coverage = sorted(covered)
    sorted_days.count_into(result, already_added=already)
    result.updated += len(actions.deletes)
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


def _exceptions_year(context: Context, calendar: YearCalendars, latest: str) -> dict:
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
