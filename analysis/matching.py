"""Matching suggestions for the Matches screen: loads mentors and waiting students and asks
:mod:`program.matching` for ranked suggestions (with reasons in words) or the best assignment
of everyone waiting. Nothing here saves a match: the facilitator reviews and decides.

``on`` (default today) is the date screening is judged on.
"""

from __future__ import annotations

import datetime as dt

import sqlite_utils

from analysis.attendance import meeting_advice_for
from analysis.years import previous_year_id
from program.matching import (
    Assignment,
    MenteeNeeds,
    MentorOption,
    Suggestion,
    screening,
    tags,
)
from program.matching import suggest_all as best_assignment
from program.matching import suggestions_for as ranked_suggestions
from program.waiting import is_waiting
from storage import availability, clock, matches, program_inputs


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def mentor_options(db: sqlite_utils.Database, year_id: int,
                   on: dt.date | None = None) -> list[MentorOption]:
    """Every mentor with their free times, interests, load this year and screening on ``on``."""
    on = on or clock.today()
    grids = availability.get_all(db, "mentor")
    loads = matches.open_match_counts(db, year_id)
    options = []
    for row in program_inputs.mentor_rows(db):
        cleared, why = screening(_day(row["background_check_on"]),
                                 _day(row["background_check_expires"]),
                                 bool(row["agreement_signed"]), on)
        options.append(MentorOption(
            mentor_id=row["id"],
            name=f"{row['first_name']} {row['last_name']}".strip(),
            interests=tags(row["interests"]),
            availability=frozenset(grids.get(row["id"], ())),
            capacity=row["capacity"],
            load=loads.get(row["id"], 0),
            active=bool(row["active"]),
            cleared=cleared,
            not_cleared_because=why,
        ))
    return options


def mentee_needs(db: sqlite_utils.Database, student_ids: list[int],
                 year_id: int, on: dt.date | None = None) -> list[MenteeNeeds]:
    """The students' interests, free times, last year's mentors and suggested meeting day
    (from their attendance as of ``on``), by id."""
    grids = availability.get_all(db, "student")
    earlier = previous_year_id(db, year_id)
    last_year = program_inputs.mentor_ids_by_student(db, earlier) if earlier else {}
    advice = meeting_advice_for(db, year_id, student_ids, on)
    return [
        MenteeNeeds(
            student_id=row["id"],
            name=row["preferred_name"] or row["first_name"],
            interests=tags(row["interests"]),
            availability=frozenset(grids.get(row["id"], ())),
            last_year_mentor_ids=frozenset(last_year.get(row["id"], ())),
            advice=advice.get(row["id"]),
        )
        for row in program_inputs.student_rows(db, list(student_ids))
    ]


def suggestions_for(db: sqlite_utils.Database, student_id: int, year_id: int,
                    on: dt.date | None = None) -> list[Suggestion]:
    """Mentors who could take this student, best first, each with its reasons in words
    (``reason_text``) and marked when not cleared."""
    needs = mentee_needs(db, [student_id], year_id, on)
    if not needs:
        return []
    return ranked_suggestions(needs[0], mentor_options(db, year_id, on))


def waiting_students(db: sqlite_utils.Database, year_id: int,
                     on: dt.date | None = None) -> list[int]:
    """Nominated students (new, accepted or waitlisted) still enrolled and without an open match."""
    on = on or clock.today()
    return [row["student_id"] for row in program_inputs.waiting_inputs(db, year_id)
            if is_waiting(row["statuses"], matched_now=row["matched_now"],
                          archived=row["archived"], exit_date=row["exit_date"], on=on)]


def suggest_all(db: sqlite_utils.Database, year_id: int, on: dt.date | None = None, *,
                include_not_cleared: bool = False) -> Assignment:
    """The best assignment of every waiting student to mentors with room (most students first,
    then the highest total score); for the facilitator to review, nothing saved. Mentors not
    cleared on ``on`` (screening missing or expired) are left out unless asked for."""
    waiting = waiting_students(db, year_id, on)
    options = mentor_options(db, year_id, on)
    if not include_not_cleared:
        options = [option for option in options if option.cleared]
    return best_assignment(mentee_needs(db, waiting, year_id, on), options)


def not_cleared_with_room(db: sqlite_utils.Database, year_id: int,
                          on: dt.date | None = None) -> list[MentorOption]:
    """Active mentors with room for a mentee who are not cleared on ``on``: the ones Suggest
    matches for everyone leaves out unless asked to include them."""
    return [option for option in mentor_options(db, year_id, on)
            if option.active and option.spare > 0 and not option.cleared]
