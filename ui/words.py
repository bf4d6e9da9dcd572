"""How the screens write names, dates, rates and usual times (the words for stored codes are
program.vocabulary's)."""

from __future__ import annotations

import datetime as dt
import html

from program import vocabulary

# The word for every stored code (tiers, slots, outcomes, reasons, ...) is program.vocabulary's,
# shared with the reports; here are only the ways the screens write names, dates and blanks.
WEEKDAYS_SHORT = ("Mon", "Tue", "Wed", "Thu", "Fri")


def escaped(text: object) -> str:
    """Any value as text safe inside rich text (None: nothing)."""
    return html.escape("" if text is None else str(text))


def grade_words(grade: int | None) -> str:
    """Grade as a facilitator says it: K, PK, 6."""
    return {None: "", 0: "K", -1: "PK"}.get(grade, str(grade))


def day_words(day: str | dt.date | None, *, with_weekday: bool = False) -> str:
    """A stored date as people read it: "Tue 3 Nov 2026" or "3 Nov 2026"."""
    if not day:
        return ""
    if isinstance(day, str):
        try:
            day = dt.date.fromisoformat(day[:10])
        except ValueError:
            return day
    text = f"{day.day} {day:%b %Y}"
    return f"{WEEKDAYS_SHORT[day.weekday()]} {text}" if day.weekday() < 5 and with_weekday else text


def percent(rate: float | None, digits: int = 1) -> str:
    """0.1278 -> "12.8%"; nothing for no rate (a blank cell, which sorts last)."""
    return "" if rate is None else vocabulary.percent(rate, digits)


def usual_time(weekday: int | None, slot: str | None) -> str:
    """A match's usual time: "Tuesday lunch"."""
    parts = []
    if weekday is not None:
        parts.append(vocabulary.weekday_words(weekday))
    if slot:
        words = vocabulary.slot_words(slot)
        parts.append(words.lower() if parts else words)
    return " ".join(parts)


def student_name(row: dict, prefix: str = "") -> str:
    """A student's name as shown in lists: "Peña, José (Pepe)"."""
    first = row.get(f"{prefix}first_name") or ""
    last = row.get(f"{prefix}last_name") or ""
    preferred = row.get(f"{prefix}preferred_name") or ""
    name = f"{last}, {first}" if last and first else (last or first or "(no name)")
    if preferred and preferred != first:
        name += f" ({preferred})"
    return name


def person_name(row: dict, prefix: str = "") -> str:
    """A name in reading order: "José Peña" (the preferred first name when there is one)."""
    first = row.get(f"{prefix}preferred_name") or row.get(f"{prefix}first_name") or ""
    last = row.get(f"{prefix}last_name") or ""
    return f"{first} {last}".strip() or "(no name)"
