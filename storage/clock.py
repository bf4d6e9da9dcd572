"""Timestamps as stored: ISO-8601, local time, to the second."""

from __future__ import annotations

import datetime as dt


def now_text() -> str:
    """The current local time as stored in ``created_at`` and ``activity.at`` columns."""
    return dt.datetime.now().replace(microsecond=0).isoformat(sep=" ")


def day_text(day: dt.date | str | None) -> str | None:
    """A date as stored (YYYY-MM-DD), accepting a date, an ISO string or None."""
    if day is None or day == "":
        return None
    if isinstance(day, dt.date):
        return day.isoformat()
    return dt.date.fromisoformat(str(day)).isoformat()
