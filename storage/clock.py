"""The one clock: every "today" and "now" in MentorDesk comes from here.

Nothing else reads the system clock, so the whole program can be run as of another moment: the
tests freeze it (``freeze``), and a process started by a test inherits the frozen moment through
the ``MENTORDESK_NOW`` environment variable (an ISO date-time), so the suite passes on any date.
Timestamps are stored as ISO-8601 local time to the second.
"""

from __future__ import annotations

import datetime as dt
import os

FROZEN_NOW_VARIABLE = "MENTORDESK_NOW"

_frozen: dt.datetime | None = None


def _from_environment() -> dt.datetime | None:
    text = os.environ.get(FROZEN_NOW_VARIABLE, "").strip()
    if not text:
        return None
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        return None


def now() -> dt.datetime:
    """The current local date and time, to the second (frozen in tests)."""
    moment = _frozen or _from_environment() or dt.datetime.now()
    return moment.replace(microsecond=0)


def today() -> dt.date:
    """Today's date (frozen in tests)."""
    return now().date()


def freeze(moment: dt.datetime | dt.date | None) -> None:
    """Make ``now()`` return ``moment`` until frozen again; ``None`` lets the clock run."""
    global _frozen
    if isinstance(moment, dt.date) and not isinstance(moment, dt.datetime):
        moment = dt.datetime.combine(moment, dt.time(8, 0))
    _frozen = moment


def now_text() -> str:
    """The current local time as stored in ``created_at`` and ``activity.at`` columns."""
    return now().isoformat(sep=" ")


def day_text(day: dt.date | str | None) -> str | None:
    """A date as stored (YYYY-MM-DD), accepting a date, an ISO string or None."""
    if day is None or day == "":
        return None
    if isinstance(day, dt.date):
        return day.isoformat()
    return dt.date.fromisoformat(str(day)).isoformat()
