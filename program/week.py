"""The rules behind "This week": which week a day falls in, when a match is open, who was absent
this week, who is newly flagged, how long a nominated student has waited, which referrals are
due, who is over capacity. Plain values in, plain answers out."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable, Mapping

from program.attendance import TIERS
from program.calendar import SchoolCalendar
from program.waiting import OPEN_NOMINATION_STATUSES

FLAG_LOOKBACK = dt.timedelta(days=7)  # "newly flagged": flagged now, not 7 calendar days before
OPEN_REFERRAL_STATUSES = frozenset({"open", "in_progress"})


def week_start(day: dt.date) -> dt.date:
    """The Monday of the week ``day`` falls in."""
    return day - dt.timedelta(days=day.weekday())


def school_days_this_week(calendar: SchoolCalendar, day: dt.date) -> tuple[dt.date, ...]:
    """The school days from Monday of ``day``'s week through ``day`` itself."""
    return calendar.days_between(week_start(day), day)


def open_on(started_on: dt.date, ended_on: dt.date | None, day: dt.date) -> bool:
    """A match is open on a day when it started on or before it and has not ended before it."""
    return started_on <= day and (ended_on is None or ended_on >= day)


def absent_days(statuses: Mapping[dt.date, str], weights: Mapping[str, float],
                days: Iterable[dt.date]) -> tuple[dt.date, ...]:
    """The days among ``days`` whose status counts as (part of) an absence under the school's
    rules (``weights``: status -> days absent, as program.attendance.AttendanceRules gives)."""
    return tuple(day for day in sorted(days) if weights.get(statuses.get(day, ""), 0.0) > 0)


def tier_rank(tier: str | None) -> int:
    """Satisfactory (or not rated yet) 0, at risk 1, moderate 2, severe 3."""
    return TIERS.index(tier) if tier in TIERS else 0


def newly_flagged(warned_now: bool, tier_now: str | None, warned_before: bool,
                  tier_before: str | None) -> bool:
    """Flagged by the early-warning rule now but not a week before, or the tier rose since
    (a student not rated a week ago counts as satisfactory then)."""
    return (warned_now and not warned_before) or tier_rank(tier_now) > tier_rank(tier_before)


def waiting_since(nominations: Iterable[tuple[str, dt.date | None]]) -> dt.date | None:
    """The date a student has waited since: the earliest of their open nominations' dates
    (each nomination's own date, or the day it was imported or entered when it had none)."""
    days = [day for status, day in nominations
            if status in OPEN_NOMINATION_STATUSES and day is not None]
    return min(days) if days else None


def days_waiting(since: dt.date | None, day: dt.date) -> int | None:
    """Calendar days from ``since`` to ``day`` (never below zero)."""
    return None if since is None else max(0, (day - since).days)


def referral_due(status: str, follow_up: dt.date | None, day: dt.date) -> bool:
    """Open or in progress, with its follow-up date today or past."""
    return status in OPEN_REFERRAL_STATUSES and follow_up is not None and follow_up <= day


def over_capacity(open_matches: int, capacity: int) -> bool:
    """More open matches than the mentor agreed to take."""
    return open_matches > capacity


def has_left(exit_date: dt.date | None, day: dt.date) -> bool:
    """The roster shows the student left: their exit date (the first day no longer enrolled)
    is on or before ``day``."""
    return exit_date is not None and exit_date <= day


def last_day_before_leaving(exit_date: dt.date, started_on: dt.date,
                            calendar: SchoolCalendar | None = None) -> dt.date:
    """A match of a student who left ends on their last school day before the exit date (the
    day before it when the calendar does not say), never before the match began."""
    last = calendar.previous_school_day(exit_date) if calendar is not None else None
    return max(last or exit_date - dt.timedelta(days=1), started_on)


def name_key(last_name: str, first_name: str, record_id: int) -> tuple[str, str, int]:
    """Ties are broken by last name, then first name (case and accents folded)."""

    def fold(text: str) -> str:
        plain = unicodedata.normalize("NFKD", text or "")
        return "".join(c for c in plain if not unicodedata.combining(c)).casefold()

    return (fold(last_name), fold(first_name), record_id)
