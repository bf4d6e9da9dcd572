"""Small rules the program report applies: who each mentee's mentor is, who is still matched
on the last day, how many staff nominated, and which mentees began with a mentor not cleared."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from program.mentor_history import MentorTimeline


@dataclass(frozen=True)
class MatchDates:
    """What these rules need of a match."""

    match_id: int
    mentor_id: int
    student_id: int
    started_on: dt.date
    ended_on: dt.date | None = None
    closure_reason: str | None = None


def latest_matches(matches: Iterable[MatchDates], as_of: dt.date) -> dict[int, MatchDates]:
    """Each matched student's latest match begun by the date (its mentor is "their mentor")."""
    latest: dict[int, MatchDates] = {}
    for match in matches:
        if match.started_on > as_of:
            continue
        best = latest.get(match.student_id)
        if best is None or (match.started_on, match.match_id) > (best.started_on, best.match_id):
            latest[match.student_id] = match
    return latest


def still_matched(match: MatchDates | None, as_of: dt.date) -> bool:
    """Matched on the report's last day: open then, or closed as planned at the year's end."""
    if match is None:
        return False
    return (match.ended_on is None or match.ended_on > as_of
            or match.closure_reason == "planned_end")


def nominators(names: Iterable[str]) -> int:
    """How many different staff nominated: "Ms. Carrow" and "MS.  CARROW" are one."""
    return len({" ".join(name.lower().split()) for name in names if name.strip()})


def uncleared_mentees(matches: Iterable[MatchDates], timelines: Mapping[int, MentorTimeline],
                      in_period: Iterable[int]) -> set[int]:
    """Mentees with a match (in the period) that began while its mentor's screening was not
    complete, as the file recorded it then."""
    wanted = set(in_period)
    found = set()
    for match in matches:
        if match.match_id not in wanted:
            continue
        timeline = timelines.get(match.mentor_id)
        state = timeline.best_known_on(match.started_on) if timeline else None
        if state is None or not state.cleared_on(match.started_on):
            found.add(match.student_id)
    return found
