"""Attendance: daily rows with a code, absences-only exports, class periods, or totals.

Modes, recorded on the batch with the dates the file covers:

- daily: present days are listed (a present code, P, blank or one mapped to present, makes a
  file daily; tardies do not). The rows are trusted; AM and PM half days on one date add up to
  a whole day, class periods to a day by the share missed (:mod:`.periods`); rows on
  non-school days are problems (:mod:`.daily`).
- exceptions: only absences and tardies are listed (``absences_only``, an Ed-Fi attendance
  events file, or a file with no present code at all); see :mod:`.exceptions`.
- totals: "days enrolled / days absent as of DATE" per student (:mod:`.totals`).

Rows for students not on the roster and dates outside every school year are skipped and listed
in grouped problems; attendance never creates students. An attendance code nobody has mapped
stops the import, and nothing is written, until it is mapped (:mod:`.codes`). The rows are read
by :mod:`.reader` and written by :mod:`.writing`.
"""

from __future__ import annotations

from importing import fields as f
from importing.headers import Table
from importing.kinds.attendance.days import plan_days
from importing.kinds.attendance.totals import is_totals, plan_totals
from importing.kinds.attendance.writing import write
from importing.kinds.base import Context, Kind, KindPlan

FIELDS = (
    f.STUDENT_ID, f.SIS_ID, f.STATE_ID, f.SOURCED_ID, f.FULL_NAME, f.LAST_NAME, f.FIRST_NAME,
    f.GRADE, f.ATT_DATE, f.ATT_CODE, f.ATT_PERIOD, f.ATT_SECTION, f.ATT_TYPE,
    f.ATT_DESCRIPTION, f.DAYS_ENROLLED, f.DAYS_ABSENT, f.DAYS_PRESENT, f.AS_OF,
    f.IGNORED_ATTENDANCE,
)


def plan(context: Context, tables: list[Table]) -> KindPlan:
    """Compare the file's attendance with what is stored; nothing is written.

    With ``context.stream`` (the headless import), rows for students with no attendance stored
    yet are sent ahead to the writer while the file is still being read; everything else waits
    for the plan.
    """
    if is_totals(tables):
        return plan_totals(context, tables)
    return plan_days(context, tables)


KIND = Kind(
    name="attendance",
    label="Attendance (daily, absences only, class periods, or totals)",
    fields=FIELDS,
    required=(frozenset({"student_id", "date", "code"}), frozenset({"full_name", "date", "code"}),
              frozenset({"sis_id", "date", "code"}), frozenset({"state_id", "date", "code"}),
              frozenset({"student_id", "days_absent"}), frozenset({"full_name", "days_absent"})),
    plan=plan,
    write=write,
    needs="a student ID, the date and the attendance code (or days enrolled and days absent)",
)
