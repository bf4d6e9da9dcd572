"""Rows for part of a day (class periods, or morning and afternoon) turned into days.

Secondary schools export one row per student per class period. A day counts as absent when
the student missed at least a share of the periods recorded for them that date (the setting
``attendance.period_absent_share``, half by default, compared exactly): the day then takes the
most serious status among its missed periods. Fewer missed periods leave the day present, kept
as ``partial`` so that the student's attendance shows it. A tardy period is not missed.

A period column means half days only when its values are words that say so (AM, PM, morning,
afternoon); numbers, even only 1 and 2, are class periods. A period is told apart by its
period number or, where that is the same on every row, by its class section. A file that lists
only missed periods has no count of the periods a day had: the setting ``periods_per_day``
stands in for it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction

from importing.kinds.attendance.statuses import ABSENT, SERIOUSNESS, more_serious
from importing.kinds.base import Row, plural
from importing.values import text_of

# Statuses that mean the student was not in that class.
MISSED = ABSENT | {"suspension_in", "half_day"}
HALF_WORDS = {"am": "AM", "a.m.": "AM", "morning": "AM", "half day am": "AM", "am half": "AM",
              "pm": "PM", "p.m.": "PM", "afternoon": "PM", "half day pm": "PM",
              "pm half": "PM"}

Part = tuple[str, str, tuple[str, str], Row]  # (period, section, (status, code), row)


@dataclass
class PeriodDays:
    """What the parts of days came to, for the preview's sentence."""

    days: dict[tuple[int, str], tuple[str, str]] = field(default_factory=dict)
    halves: bool = False
    periods_a_day: int | None = None  # the usual number recorded (or the setting)
    only_missed: bool = False  # the file lists only missed periods
    absent_days: int = 0
    partial_days: int = 0
    repeated: int = 0  # one period given twice for a student and date

    def notes(self, column: str | None) -> list[str]:
        """The preview's sentences about how the parts were read."""
        if not self.days:
            return []
        where = f"the {column} column" if column else "the file"
        if self.halves:
            return [f"Read as half days ({where} says AM or PM): both halves absent make an "
                    "absent day, one half a half day."]
        lines = [f"Read as class periods ({where} holds class periods, not AM or PM): "
                 f"{plural(self.periods_a_day or 0, 'period')} a day; "
                 f"{plural(self.absent_days, 'day')} with half or more missed"
                 + (f", {plural(self.partial_days, 'day')} with some missed (kept as present, "
                    "missed some classes)" if self.partial_days else "") + "."]
        if self.only_missed:
            lines.append(f"This file lists only the class periods missed, so each school day "
                         f"is taken to have {plural(self.periods_a_day or 0, 'period')} (the "
                         "setting periods_per_day).")
        if self.repeated:
            lines.append(f"{plural(self.repeated, 'class period')} appeared twice for a "
                         "student on one date; the more serious one was kept.")
        return lines


def combine(parts: dict[tuple[int, str], list[Part]], share: float,
            periods_per_day: int) -> PeriodDays:
    """Each (student, date)'s parts as one day's (status, code)."""
    result = PeriodDays()
    if not parts:
        return result
    every = [part for rows in parts.values() for part in rows]
    values = {part[0].strip().lower() for part in every if part[0].strip()}
    sections = {part[1] for part in every if part[1]}
    if values and values <= set(HALF_WORDS) and not sections:
        result.halves = True
        for slot, rows in parts.items():
            halves: dict[str, tuple[str, str]] = {}
            for period, _, meaning, _ in rows:
                half = HALF_WORDS.get(period.strip().lower())
                if half is None:  # a row without AM or PM in a half-day file: the whole day
                    halves["AM"] = halves["PM"] = meaning
                    continue
                held = halves.get(half)
                halves[half] = meaning if held is None or \
                    SERIOUSNESS[meaning[0]] > SERIOUSNESS[held[0]] else held
            result.days[slot] = whole_day(halves)
        return result
    by_section = len(values) <= 1 and len(sections) > 1
    # No period marked present: the file lists only what was missed (and maybe tardies).
    result.only_missed = not any(part[2][0] == "present" for part in every)
    threshold = Fraction(repr(float(share)))
    counts: Counter[int] = Counter()
    for slot, rows in parts.items():
        periods: dict[str, tuple[str, str]] = {}
        for period, section, meaning, _ in rows:
            key = section if by_section else (period or section)
            held = periods.get(key)
            if held is not None:
                result.repeated += 1
                if SERIOUSNESS[meaning[0]] <= SERIOUSNESS[held[0]]:
                    continue
            periods[key] = meaning
        recorded = periods_per_day if result.only_missed else len(periods)
        counts[recorded] += 1
        result.days[slot] = _day_of(periods, recorded, threshold, result)
    result.periods_a_day = periods_per_day if result.only_missed else \
        counts.most_common(1)[0][0]
    return result


def _day_of(periods: dict[str, tuple[str, str]], recorded: int, threshold: Fraction,
            result: PeriodDays) -> tuple[str, str]:
    missed = {key: meaning for key, meaning in periods.items() if meaning[0] in MISSED}
    listed = " ".join(f"{key}:{meaning[1]}" for key, meaning in sorted(
        periods.items(), key=lambda item: _period_order(item[0])))
    code = f"{len(missed)}/{recorded} periods missed ({listed})"
    if missed and Fraction(len(missed), max(recorded, 1)) >= threshold:
        result.absent_days += 1
        status = "present"
        for meaning in missed.values():
            status = more_serious(status, meaning[0])
        return status, code
    if missed:
        result.partial_days += 1
        return "partial", code
    status = "present"
    for meaning in periods.values():
        status = more_serious(status, meaning[0])
    return status, code


def _period_order(key: str) -> tuple[int, str]:
    text = text_of(key)
    return (int(text), "") if text.isdigit() else (10_000, text)


def whole_day(parts: dict[str, tuple[str, str]]) -> tuple[str, str]:
    """Morning and afternoon on one date: both absent make a whole absent day."""
    if len(parts) == 1:
        (half, (status, code)), = parts.items()
        return ("half_day" if status in ABSENT else status), f"{half}:{code}"
    (am, am_code), (pm, pm_code) = parts.get("AM", ("present", "")), parts.get("PM",
                                                                                ("present", ""))
    code = f"AM:{am_code} PM:{pm_code}"
    if am in ABSENT and pm in ABSENT:
        return more_serious(am, pm), code
    if am in ABSENT or pm in ABSENT or "half_day" in (am, pm):
        return "half_day", code
    return more_serious(am, pm), code
