"""The stretches of school days a mentee's attendance is compared over, and the same stretches
for the students they are compared with.

- After: from the match's start (or the period's first day, if later) to its end or the
  report's last day.
- Before: this year's school days before the match, when the mentee was enrolled on at least
  the minimum of them (20 by default). A mentee matched in the first weeks has too few; then
  the same part of the previous year stands in: the previous year's school days at the same
  positions in its calendar as the "after" stretch (the 6th to the 60th school day, say), so
  autumn is compared with last autumn, never last year's whole year with this autumn.
- A change is judged only with at least the minimum days enrolled before and after (20 and
  20 by default); the others are "too early to tell".
- Comparison students get the same stretches as mentees: the mentees' stretches are put in a
  fixed order, and the comparison students, in order of their internal id, take them in turn.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from program.calendar import ONE_DAY, SchoolCalendar

MINIMUM_DAYS_BEFORE = 20
MINIMUM_DAYS_AFTER = 20


@dataclass(frozen=True)
class WindowRules:
    """The fewest days enrolled before and after a match for a change to be judged."""

    minimum_days_before: int = MINIMUM_DAYS_BEFORE
    minimum_days_after: int = MINIMUM_DAYS_AFTER


@dataclass(frozen=True, order=True)
class Window:
    """A stretch of school days, in this year or (``previous_year``) the year before."""

    start: dt.date
    end: dt.date
    previous_year: bool = False


@dataclass(frozen=True, order=True)
class Windows:
    """A mentee's "after" stretch and the "before" it is set against (None: none usable)."""

    after: Window
    before: Window | None


def same_part_of_previous_year(calendar: SchoolCalendar, previous: SchoolCalendar | None,
                               after: Window) -> Window | None:
    """The previous year's school days at the same positions (nth school day of the year) as
    ``after``'s; None without a previous year, or when it is shorter than that."""
    if previous is None:
        return None
    first = calendar.count_through(after.start - ONE_DAY)  # index of the first day in it
    last = calendar.count_through(after.end) - 1
    if last < first or first >= len(previous.days):
        return None
    return Window(previous.days[first], previous.days[min(last, len(previous.days) - 1)], True)


def mentee_windows(calendar: SchoolCalendar, previous: SchoolCalendar | None, began: dt.date,
                   after: Window, enrolled_before_this_year: float,
                   enrolled_in_previous: float | None, rules: WindowRules) -> Windows:
    """The stretches one mentee is judged over, from how many days they were enrolled before
    the match this year and (``enrolled_in_previous``) in the same part of the previous year."""
    if enrolled_before_this_year >= rules.minimum_days_before:
        return Windows(after, Window(calendar.first_day, began - ONE_DAY))
    earlier = same_part_of_previous_year(calendar, previous, after)
    if earlier is not None and (enrolled_in_previous or 0) >= rules.minimum_days_before:
        return Windows(after, earlier)
    return Windows(after, None)


def assign_windows(student_ids: Sequence[int], mentee_windows_by_id: Mapping[int, Windows]
                   ) -> dict[int, Windows]:
    """Each comparison student's stretches: the mentees' (those with a "before"), in a fixed
    order (by dates, then mentee), taken in turn by the students in order of their id."""
    ordered = sorted((windows, student_id) for student_id, windows
                     in mentee_windows_by_id.items() if windows.before is not None)
    if not ordered:
        return {}
    return {student_id: ordered[index % len(ordered)][0]
            for index, student_id in enumerate(sorted(student_ids))}
