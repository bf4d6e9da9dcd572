"""Which school days the imported attendance speaks for, and which are really missing.

An office's attendance export is normally a day or two behind: on a Tuesday the latest data is
Monday's, or last Friday's when the export ran early. So the as-of day itself (it is not over)
and the last few school days before it are *awaited* — they come with the next export — not a
gap. A school day with no data *between* imported days is always a gap, and so is the whole run
once the data falls more than a few school days behind. Once the year is over, every missing
day is a gap.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from program.calendar import SchoolCalendar

# School days before the as-of day that may still be missing without being called a gap.
EXPORT_LAG_SCHOOL_DAYS = 2


@dataclass(frozen=True)
class AttendanceCoverage:
    """The school days up to a date, split by what the imported attendance says about them."""

    data_through: dt.date | None  # the last school day attendance is known for
    gaps: tuple[dt.date, ...]  # school days that should have attendance and have none
    awaited: tuple[dt.date, ...]  # the latest school days, normally in the next export


def attendance_coverage(calendar: SchoolCalendar, known: Collection[dt.date], as_of: dt.date,
                        *, lag: int = EXPORT_LAG_SCHOOL_DAYS) -> AttendanceCoverage:
    """Split the school days from the year's first day to ``as_of`` (inclusive) into known days,
    gaps and days still awaited, ``known`` being the days some import speaks for."""
    school_days = calendar.days_between(calendar.first_day, min(as_of, calendar.last_day))
    covered = [day for day in school_days if day in known]
    through = covered[-1] if covered else None
    holes = tuple(day for day in school_days
                  if through is not None and day < through and day not in known)
    after = tuple(day for day in school_days if through is None or day > through)
    if as_of > calendar.last_day:  # the year is over: nothing more is coming
        return AttendanceCoverage(through, holes + after, ())
    in_progress = after[-1:] if after and after[-1] == as_of else ()
    behind = after[:len(after) - len(in_progress)]
    if len(behind) <= lag:
        return AttendanceCoverage(through, holes, after)
    return AttendanceCoverage(through, holes + behind, in_progress)
