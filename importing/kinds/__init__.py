"""The kinds of file MentorDesk imports, by name."""

from __future__ import annotations

from importing.kinds import (
    attendance,
    calendar,
    matches,
    meetings,
    mentors,
    students,
    surveys,
)
from importing.kinds.base import Kind

KINDS: dict[str, Kind] = {
    module.KIND.name: module.KIND
    for module in (students, mentors, matches, meetings, attendance, calendar, surveys)
}
KIND_NAMES = tuple(KINDS)


def kind(name: str) -> Kind:
    """The kind called ``name`` (students, mentors, matches, meetings, attendance, calendar,
    surveys)."""
    return KINDS[name]
