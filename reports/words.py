"""Words for the codes reports print: the program's vocabulary, plus a few report phrasings."""

from __future__ import annotations

from program.vocabulary import (
    CHANGES,
    CLOSURE_REASONS,
    GOAL_STATUSES,
    MEETING_KINDS,
    MEETING_OUTCOMES,
    NOMINATION_REASONS,
    REFERRAL_KINDS,
    TIER_EXPLANATIONS,
    TIERS,
    TRAINING_KINDS,
    WEEKDAYS,
    join_words,
    label,
    plural,
    slot_words,
)

__all__ = [
    "CHANGES", "CLOSURE_REASONS", "GOAL_STATUSES", "IMPORT_MODES", "MEETING_KINDS",
    "MEETING_OUTCOMES", "NOMINATION_REASONS", "REFERRAL_KINDS", "TIER_MEANINGS", "TIER_WORDS",
    "TRAINING_KINDS", "WEEKDAYS", "join_words", "plural", "time_words", "word",
]

TIER_WORDS = TIERS
TIER_MEANINGS = TIER_EXPLANATIONS
IMPORT_MODES = {"daily": "Day by day", "exceptions": "Absences only", None: ""}
word = label


def time_words(weekday: int | None, slot: str | None) -> str:
    """(1, "lunch") -> "Tuesday lunch"; a missing part is left out."""
    parts = [WEEKDAYS[weekday] if weekday is not None else "",
             slot_words(slot).lower() if slot else ""]
    return " ".join(part for part in parts if part)
