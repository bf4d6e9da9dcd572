"""The words a facilitator sees for the codes stored in the data file."""

from __future__ import annotations

import datetime as dt
import html

from program import vocabulary

# The program's words for every stored code live in program.vocabulary (reports use them too).
WEEKDAYS = tuple(vocabulary.WEEKDAYS[:5])
WEEKDAYS_SHORT = ("Mon", "Tue", "Wed", "Thu", "Fri")
SLOTS = dict(vocabulary.SLOTS)
MEETING_KINDS = dict(vocabulary.MEETING_KINDS)
OUTCOMES = dict(vocabulary.MEETING_OUTCOMES)
CLOSURE_REASONS = dict(vocabulary.CLOSURE_REASONS)
CONSENT = dict(vocabulary.CONSENT_STATUSES)
NOMINATION_REASONS = dict(vocabulary.NOMINATION_REASONS)
NOMINATION_STATUSES = dict(vocabulary.NOMINATION_STATUSES)
GOAL_STATUSES = dict(vocabulary.GOAL_STATUSES)
REFERRAL_KINDS = dict(vocabulary.REFERRAL_KINDS)
REFERRAL_STATUSES = dict(vocabulary.REFERRAL_STATUSES)
TIERS = {code: text for code, text in vocabulary.TIERS.items() if code is not None}
TIER_EXPLANATIONS = dict(vocabulary.TIER_EXPLANATIONS)
# Tiers in order from best to worst.
TIER_ORDER = ("satisfactory", "at-risk", "moderate", "severe")
ATTENDANCE_STATUSES = dict(vocabulary.ATTENDANCE_STATUSES)
join_words = vocabulary.join_words
plural = vocabulary.plural


def escaped(text: object) -> str:
    """Any value as text safe inside rich text (None: nothing)."""
    return html.escape("" if text is None else str(text))


def word(table: dict[str, str], code: str | None, missing: str = "") -> str:
    """The word for ``code`` in ``table``; the code itself when unknown (never a crash)."""
    if code is None:
        return missing
    return table.get(code, str(code).replace("_", " ").capitalize())


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
    """0.1278 -> "12.8%"; nothing for no rate."""
    if rate is None:
        return ""
    return f"{rate * 100:.{digits}f}%"


def usual_time(weekday: int | None, slot: str | None) -> str:
    """A match's usual time: "Tuesday lunch"."""
    parts = []
    if weekday is not None:
        parts.append(WEEKDAYS[weekday])
    if slot:
        parts.append(SLOTS.get(slot, slot).lower() if parts else SLOTS.get(slot, slot))
    return " ".join(parts)


def time_words_for(time: tuple[int, str] | None) -> str:
    """(1, "lunch") -> "Tuesday lunch"; nothing for no time."""
    return usual_time(*time) if time else ""


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
