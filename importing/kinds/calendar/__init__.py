"""The school calendar: which days students are in school.

Two kinds of file: dates (non-school days and breaks, or every date marked as a kind of day:
:mod:`.dates`) and sessions or terms (:mod:`.sessions`). Either way, the preview says what the
new calendar means for attendance already stored (a day without school counts for no one) and
compares the year's count of school days with the student information system's and with a
usual year's (:mod:`.changes`).
"""

from __future__ import annotations

from importing import fields as f
from importing.headers import Table
from importing.kinds.base import Context, Kind, KindPlan, Problems
from importing.kinds.calendar.changes import Actions, check_counts
from importing.kinds.calendar.dates import plan_dates
from importing.kinds.calendar.sessions import is_sessions, plan_sessions
from importing.kinds.calendar.writing import write
from storage import import_lookups

FIELDS = (f.CAL_DATE, f.CAL_START, f.CAL_END, f.CAL_DAY_TYPE, f.CAL_LABEL, f.CAL_IN_SESSION,
          f.CAL_SESSION, f.CAL_SCHOOL_DAYS)


def plan(context: Context, tables: list[Table]) -> KindPlan:
    """Compare the file's calendar with the year's; nothing is written."""
    year = context.require_year("Calendars")
    result = KindPlan(year_id=year["id"])
    problems = Problems()
    actions = Actions()
    existing = import_lookups.non_school_days_of(context.db, year["id"])
    if is_sessions(tables):
        plan_sessions(context, tables, year, existing, result, problems, actions)
    else:
        plan_dates(context, tables, year, existing, result, problems, actions)
    if not context.stopped:
        check_counts(context.db, year, existing, actions, result, context.file_name)
    result.problems = problems.finished()
    result.actions = actions
    return result


KIND = Kind(
    name="calendar",
    label="School calendar (days without school, or terms)",
    fields=FIELDS,
    required=(frozenset({"date"}), frozenset({"start_date"})),
    plan=plan,
    write=write,
    needs="a date column (or the first and last day of each term)",
)
