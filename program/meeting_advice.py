"""Which weekday a mentor should meet a mentee whose absences cluster on some weekdays: the
school day before the day they miss most ("meet on Wednesday: Ana misses Thursdays most").

One piece of advice, used everywhere it is given: the This week list, the mentor's weekly note,
match suggestions (the usual time proposed) and Log a meeting's default day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from program.vocabulary import WEEKDAYS

SCHOOL_WEEKDAYS = 5


@dataclass(frozen=True)
class MeetingAdvice:
    """Meet on ``weekday`` (0 = Monday): the student misses ``missed_most`` most of all, and
    ``pattern`` are every weekday their absences cluster on."""

    weekday: int
    missed_most: int
    pattern: tuple[int, ...]

    @property
    def day_words(self) -> str:
        """"Wednesday"."""
        return WEEKDAYS[self.weekday]

    def words(self, name: str) -> str:
        """"meet on Wednesday: Ana misses Thursdays most"."""
        return f"meet on {self.day_words}: {name} misses {WEEKDAYS[self.missed_most]}s most"

    def sentence(self, name: str) -> str:
        """"Meet on Wednesday: Ana misses Thursdays most."."""
        text = self.words(name)
        return text[0].upper() + text[1:] + "."


def meeting_advice(pattern_weekdays: Iterable[int],
                   absence_rates: Sequence[float | None] = ()) -> MeetingAdvice | None:
    """The advice for a weekday pattern (None without one, or when every school day is part of
    it): the school day before the most-missed pattern day (highest absence rate in
    ``absence_rates``, Monday..Friday; the earliest weekday on a tie), going back further past
    days that are part of the pattern themselves (a Thursday-and-Friday pattern gives
    Wednesday; a Monday pattern gives Friday)."""
    pattern = tuple(sorted(set(pattern_weekdays)))
    if not pattern or len(pattern) >= SCHOOL_WEEKDAYS:
        return None

    def rate(weekday: int) -> float:
        value = absence_rates[weekday] if weekday < len(absence_rates) else None
        return value if value is not None else 0.0

    most = min(pattern, key=lambda weekday: (-rate(weekday), weekday))
    day = (most - 1) % SCHOOL_WEEKDAYS
    while day in pattern:
        day = (day - 1) % SCHOOL_WEEKDAYS
    return MeetingAdvice(day, most, pattern)


def default_meeting_day(advice: MeetingAdvice | None, today: dt.date) -> dt.date:
    """The day Log a meeting offers first: the advised weekday of this week when it has come
    (the meeting most likely took place then), else today."""
    if advice is None:
        return today
    if advice.weekday <= today.weekday():
        return today - dt.timedelta(days=today.weekday() - advice.weekday)
    return today
