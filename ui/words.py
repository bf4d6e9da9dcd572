"""The words a facilitator sees for the codes stored in the data file."""

from __future__ import annotations

import datetime as dt

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
WEEKDAYS_SHORT = ("Mon", "Tue", "Wed", "Thu", "Fri")

SLOTS = {
    "before_school": "Before school",
    "planning": "Planning period",
    "lunch": "Lunch",
    "after_school": "After school",
}
SLOTS_SHORT = {
    "before_school": "Before",
    "planning": "Planning",
    "lunch": "Lunch",
    "after_school": "After",
}

MEETING_KINDS = {
    "one_to_one": "One-to-one",
    "group": "Group",
    "activity": "Activity",
    "family_contact": "Family contact",
    "absent_day_checkin": "Check-in on an absent day",
}

OUTCOMES = {
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

CONSENT = {
    "unknown": "Not asked yet",
    "requested": "Asked, no answer yet",
    "given": "Given",
    "declined": "Declined",
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

GOAL_STATUSES = {"working": "Working on it", "met": "Met", "set_aside": "Set aside"}

REFERRAL_KINDS = {
    "counselor": "Counselor",
    "administrator": "Administrator",
    "nurse": "Nurse",
    "social_worker": "Social worker",
    "other": "Other",
}
REFERRAL_STATUSES = {"open": "Open", "in_progress": "In progress", "resolved": "Resolved"}

TIERS = {
    "satisfactory": "Satisfactory",
    "at-risk": "At risk",
    "moderate": "Moderate (chronic)",
    "severe": "Severe (chronic)",
}
# Tiers in order from best to worst, plus "not rated" (too few days or no attendance data).
TIER_ORDER = ("satisfactory", "at-risk", "moderate", "severe")

ATTENDANCE_STATUSES = {
    "present": "Present",
    "tardy": "Tardy",
    "absent_excused": "Absent, excused",
    "absent_unexcused": "Absent, unexcused",
    "suspension_in": "In-school suspension",
    "suspension_out": "Out-of-school suspension",
    "half_day": "Half day absent",
}


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
