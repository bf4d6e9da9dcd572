"""Who is waiting for a mentor: the one definition every screen, list and report uses."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

# A nomination still asks for a mentor in these states; "declined" does not.
OPEN_NOMINATION_STATUSES = frozenset({"new", "accepted", "waitlisted"})


def is_waiting(nomination_statuses: Iterable[str], *, matched_now: bool, archived: bool,
               exit_date: dt.date | str | None, on: dt.date) -> bool:
    """Nominated this year (a nomination not declined), without an open match, not archived
    and still enrolled on ``on`` (a student whose exit date is on or before it has left)."""
    if matched_now or archived:
        return False
    if exit_date:
        left = exit_date if isinstance(exit_date, dt.date) else dt.date.fromisoformat(exit_date)
        if left <= on:
            return False
    return any(status in OPEN_NOMINATION_STATUSES for status in nomination_statuses)


def old_match_last_day(old_started: dt.date, new_starts: dt.date) -> dt.date:
    """When a student changes mentor: the old match ends the day before the new one starts, or
    on the same day when the old match itself started that day (a match never ends before it
    began)."""
    return max(new_starts - dt.timedelta(days=1), old_started)
