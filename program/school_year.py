"""A new school year's rules: who moves up a grade, who leaves, which matches go on.

Pure Python on plain values; analysis/new_year.py loads the values and actions/new_year.py
writes what these rules decide.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

CARRIED, LEFT, NEEDS_GRADE, NOT_CARRIED = "carried", "left", "needs_grade", "not_carried"


def place_next_year(student: Mapping[str, Any], top_grade: int) -> str:
    """Where a student of this year goes in the next: carried up a grade, left (the top grade),
    needing a grade first (none is known), or not carried (archived, or left during the year).
    """
    if student.get("archived") or student.get("exit_date"):
        return NOT_CARRIED
    grade = student.get("grade")
    if grade is None:
        return NEEDS_GRADE
    if grade >= top_grade:
        return LEFT
    return CARRIED


def next_grade(grade: int) -> int:
    """One grade up (pre-K to K, K to 1, ...)."""
    return grade + 1


def last_day_of_match(match_started: str | dt.date, year_last_day: dt.date) -> dt.date:
    """A match closed at the end of the year ends on its last day (never before it began)."""
    started = (match_started if isinstance(match_started, dt.date)
               else dt.date.fromisoformat(str(match_started)))
    return max(year_last_day, started)


@dataclass
class YearChange:
    """What starting a new year will do: students sorted, matches sorted, nominations kept."""

    carried: list[dict] = field(default_factory=list)
    left: list[dict] = field(default_factory=list)
    needs_grade: list[dict] = field(default_factory=list)
    continued: list[dict] = field(default_factory=list)
    closed: list[dict] = field(default_factory=list)
    nominations: list[dict] = field(default_factory=list)


def sort_year(students: Iterable[Mapping[str, Any]], open_matches: Iterable[Mapping[str, Any]],
              open_nominations: Iterable[Mapping[str, Any]], *, top_grade: int,
              active_mentors: set[int], keep_matches: bool) -> YearChange:
    """Sort this year's students, open matches and open nominations for the next year.

    A match goes on when matches are kept and both its student (carried) and its mentor (still
    active) remain; every other open match closes. A student's open nominations carry over when
    they are carried and were still waiting (no open match).
    """
    change = YearChange()
    places = {}
    for student in students:
        place = place_next_year(student, top_grade)
        places[student["id"]] = place
        if place == CARRIED:
            change.carried.append(dict(student))
        elif place == LEFT:
            change.left.append(dict(student))
        elif place == NEEDS_GRADE:
            change.needs_grade.append(dict(student))
    matched = set()
    for match in open_matches:
        matched.add(match["student_id"])
        stays = (keep_matches and places.get(match["student_id"]) == CARRIED
                 and match["mentor_id"] in active_mentors)
        (change.continued if stays else change.closed).append(dict(match))
    change.nominations = [dict(nomination) for nomination in open_nominations
                          if places.get(nomination["student_id"]) == CARRIED
                          and nomination["student_id"] not in matched]
    return change
