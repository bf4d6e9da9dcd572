"""Words for the codes the report prints (tiers, reasons, kinds), in one place for reports/."""

from __future__ import annotations

from collections.abc import Mapping

TIER_WORDS = {"satisfactory": "Satisfactory", "at-risk": "At risk",
              "moderate": "Moderate chronic", "severe": "Severe chronic", None: "Too few days"}
TIER_MEANINGS = {
    "satisfactory": "absent less than 5% of the days enrolled",
    "at-risk": "absent 5% to under 10% of the days enrolled",
    "moderate": "chronically absent: 10% to under 20% of the days enrolled",
    "severe": "chronically absent: 20% or more of the days enrolled",
}
NOMINATION_REASONS = {"attendance": "Attendance", "behavior": "Behavior",
                      "academics": "Academics", "social_emotional": "Social-emotional",
                      "other": "Other"}
CLOSURE_REASONS = {"planned_end": "Planned end of year", "student_moved": "Student moved",
                   "mentor_left": "Mentor left", "mismatch": "Mismatch", "other": "Other"}
REFERRAL_KINDS = {"counselor": "Counselor", "administrator": "Administrator", "nurse": "Nurse",
                  "social_worker": "Social worker", "other": "Other"}
TRAINING_KINDS = {"start_of_year": "Start of year", "mid_year": "Mid-year",
                  "end_of_year": "End of year", "other": "Other"}
CHANGES = {"improved": "Improved", "same": "About the same", "worse": "Worse",
           None: "No baseline"}
SLOTS = {"before_school": "before school", "planning": "planning period", "lunch": "lunch",
         "after_school": "after school"}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
GOAL_STATUSES = {"working": "Working on", "met": "Met", "set_aside": "Set aside"}
MEETING_OUTCOMES = {"held": "Held", "student_absent": "Student absent",
                    "cancelled": "Cancelled"}
IMPORT_MODES = {"daily": "Day by day", "exceptions": "Absences only", None: ""}
MEETING_KINDS = {"one_to_one": "One-to-one", "group": "Group", "activity": "Activity",
                 "family_contact": "Family contact",
                 "absent_day_checkin": "Check-in on an absent day"}


def word(table: Mapping, code: object) -> str:
    """The words for ``code``; an unknown code is shown tidied rather than hidden."""
    if code in table:
        return table[code]
    return str(code or "").replace("_", " ").capitalize()


def grade_words(grade: int | None) -> str:
    """7 -> "Grade 7", 0 -> "Kindergarten", -1 -> "Pre-K", None -> "Grade not known"."""
    if grade is None:
        return "Grade not known"
    if grade == 0:
        return "Kindergarten"
    if grade < 0:
        return "Pre-K"
    return f"Grade {grade}"


def time_words(weekday: int | None, slot: str | None) -> str:
    """(1, "lunch") -> "Tuesday lunch"; missing parts are left out."""
    parts = [WEEKDAYS[weekday] if weekday is not None else "", SLOTS.get(slot or "", "")]
    return " ".join(part for part in parts if part)


def plural(count: float, singular: str, plural_form: str | None = None) -> str:
    """(1, "day") -> "1 day"; (2.5, "day") -> "2.5 days"."""
    number = f"{count:g}" if isinstance(count, float) else f"{count:,}"
    return f"{number} {singular if count == 1 else (plural_form or singular + 's')}"
