"""What a school's attendance code means, and which of two statuses is the more serious."""

from __future__ import annotations

ABSENT = frozenset({"absent_excused", "absent_unexcused", "suspension_out"})
# When two rows give one date, the more serious one is kept.
SERIOUSNESS = {"present": 0, "tardy": 1, "partial": 2, "suspension_in": 3, "half_day": 4,
               "absent_excused": 5, "absent_unexcused": 6, "suspension_out": 7}


def more_serious(first: str, second: str) -> str:
    """The more serious of two statuses (the first on a tie)."""
    return second if SERIOUSNESS[second] > SERIOUSNESS[first] else first
