"""Codes as stored -> the words a facilitator reads on screen and in reports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

TIERS: Mapping[str | None, str] = {
    "satisfactory": "Satisfactory",
    "at-risk": "At risk",
    "moderate": "Moderate chronic",
    "severe": "Severe chronic",
    None: "Too few days",
}
TIER_EXPLANATIONS: Mapping[str | None, str] = {
    "satisfactory": "absent less than 5% of the days enrolled",
    "at-risk": "absent 5% to under 10% of the days enrolled",
    "moderate": "chronically absent: 10% to under 20% of the days enrolled",
    "severe": "chronically absent: 20% or more of the days enrolled",
    None: "not enrolled enough days yet to be rated",
}
ATTENDANCE_STATUSES = {
    "present": "Present",
    "tardy": "Tardy (present)",
    "absent_excused": "Absent, excused",
    "absent_unexcused": "Absent, unexcused",
    "suspension_in": "In-school suspension",
    "suspension_out": "Out-of-school suspension",
    "half_day": "Half day absent",
    "partial": "Present, missed some classes",
}
ATTENDANCE_SOURCES = {
    "days": "Day by day",
    "summary": "Totals only",
    "none": "No attendance yet",
}
SLOTS = {
    "before_school": "Before school",
    "planning": "Planning period",
    "lunch": "Lunch",
    "after_school": "After school",
}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MEETING_KINDS = {
    "one_to_one": "One-to-one",
    "group": "Group",
    "activity": "Activity",
    "family_contact": "Family contact",
    "absent_day_checkin": "Check-in on an absent day",
}
MEETING_OUTCOMES = {
    "held": "Held",
    "student_absent": "Student absent",
    "cancelled": "Cancelled",
}
CLOSURE_REASONS = {
    "planned_end": "Planned end of year",
    "student_moved": "Student moved",
    "mentor_left": "Mentor left",
    "mismatch": "Not a good fit",
    "other": "Other",
}
REFERRAL_KINDS = {
    "counselor": "Counselor",
    "administrator": "Administrator",
    "nurse": "Nurse",
    "social_worker": "Social worker",
    "other": "Other",
}
REFERRAL_STATUSES = {
    "open": "Open",
    "in_progress": "In progress",
    "resolved": "Resolved",
}
NOMINATION_REASONS = {
    "attendance": "Attendance",
    "behavior": "Behavior",
    "academics": "Academics",
    "social_emotional": "Social-emotional",
    "other": "Other",
}
NOMINATION_STATUSES = {
    "new": "New",
    "accepted": "Accepted",
    "waitlisted": "Waitlisted",
    "declined": "Declined",
}
GOAL_STATUSES = {
    "working": "Working on it",
    "met": "Met",
    "set_aside": "Set aside",
}
CONSENT_STATUSES = {
    "unknown": "Not asked yet",
    "requested": "Asked, no answer yet",
    "given": "Given",
    "declined": "Declined",
}
TRAINING_KINDS = {
    "start_of_year": "Start of year",
    "mid_year": "Mid-year",
    "end_of_year": "End of year",
    "other": "Other",
}
CHANGES = {
    "improved": "Improved",
    "same": "About the same",
    "worse": "Worse",
    None: "No baseline",
}


def label(table: Mapping, code: object) -> str:
    """The words for ``code`` in ``table``; an unknown code is shown tidied rather than hidden."""
    if code in table:
        return table[code]
    return str(code or "").replace("_", " ").capitalize()


def tier_words(tier: str | None) -> str:
    """"at-risk" -> "At risk"; None -> "Too few days"."""
    return label(TIERS, tier)


def slot_words(slot: str) -> str:
    """"planning" -> "Planning period"."""
    return label(SLOTS, slot)


def weekday_words(weekday: int) -> str:
    """0 -> "Monday"."""
    return WEEKDAYS[weekday]


def time_words(weekday: int, slot: str) -> str:
    """(1, "lunch") -> "Tuesday lunch"."""
    return f"{WEEKDAYS[weekday]} {slot_words(slot).lower()}"


def join_words(items: Iterable[str], conjunction: str = "and") -> str:
    """["a", "b", "c"] -> "a, b and c"."""
    items = [item for item in items if item]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def plural(count: float, singular: str, plural_form: str | None = None) -> str:
    """(1, "day") -> "1 day"; (2.5, "day") -> "2.5 days"."""
    number = f"{count:g}" if isinstance(count, float) else str(count)
    word = singular if count == 1 else (plural_form or singular + "s")
    return f"{number} {word}"


def percent(rate: float | None, places: int = 1) -> str:
    """0.1278 -> "12.8%"; None -> "–" (not available)."""
    if rate is None:
        return "–"
    return f"{rate * 100:.{places}f}%"


def pattern_advice(pattern_weekdays: Iterable[int], meet_on: Iterable[int]) -> str:
    """"Absences cluster on Thursdays: meet on Wednesday." ("" without a pattern)."""
    pattern = [f"{WEEKDAYS[w]}s" for w in pattern_weekdays]
    if not pattern:
        return ""
    days = [WEEKDAYS[w] for w in meet_on]
    advice = f": meet on {join_words(days, 'or')}" if days else ""
    return f"Absences cluster on {join_words(pattern)}{advice}."


def early_warning_words(window: int, missed: float) -> str:
    """"Missed 2 of the first 20 school days of the year." (the early-warning flag's reason)."""
    return f"Missed {plural(missed, 'day')} of the first {window} school days of the year."


# Names, grades and dates: written one way everywhere (screens, reports, the headless commands).

GRADE_SHORT = {-1: "PK", 0: "K"}
GRADE_LONG = {-1: "Pre-kindergarten", 0: "Kindergarten"}


def person_name(row: Mapping, prefix: str = "") -> str:
    """A name in reading order: "José Peña" (the preferred first name when there is one)."""
    first = row.get(f"{prefix}preferred_name") or row.get(f"{prefix}first_name") or ""
    last = row.get(f"{prefix}last_name") or ""
    return f"{first} {last}".strip() or "(no name)"


def list_name(row: Mapping, prefix: str = "") -> str:
    """A name as lists sort it: "Peña, José (Pepe)"."""
    first = row.get(f"{prefix}first_name") or ""
    last = row.get(f"{prefix}last_name") or ""
    preferred = row.get(f"{prefix}preferred_name") or ""
    name = f"{last}, {first}" if last and first else (last or first or "(no name)")
    if preferred and preferred != first:
        name += f" ({preferred})"
    return name


def grade_words(grade: int | None, *, long: bool = False) -> str:
    """A grade as people say it: "K", "PK", "6" (``long``: "Kindergarten", "Grade 6")."""
    if grade is None:
        return ""
    if long:
        return GRADE_LONG.get(grade, f"Grade {grade}")
    return GRADE_SHORT.get(grade, str(grade))


def day_words(day: str | dt.date | None, *, with_weekday: bool = False) -> str:
    """A date as people read it: "3 Nov 2026", or "Tue 3 Nov 2026" ``with_weekday``."""
    if not day:
        return ""
    if isinstance(day, str):
        try:
            day = dt.date.fromisoformat(day[:10])
        except ValueError:
            return day
    text = f"{day.day} {day:%b %Y}"
    if with_weekday and day.weekday() < 5:
        return f"{WEEKDAYS[day.weekday()][:3]} {text}"
    return text


def usual_time_words(weekday: int | None, slot: str | None) -> str:
    """A match's usual meeting time: "Tuesday lunch", "Tuesday", "Lunch" or ""."""
    parts = []
    if weekday is not None:
        parts.append(weekday_words(weekday))
    if slot:
        words = slot_words(slot)
        parts.append(words.lower() if parts else words)
    return " ".join(parts)
