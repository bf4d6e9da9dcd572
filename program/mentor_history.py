"""Who was a mentor, in which role, and cleared to mentor, on a past day (the file's recorded
states; see storage/history.py), so that a closed year's report keeps what was true then."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from program.matching import screening


@dataclass(frozen=True)
class MentorState:
    """One mentor's recorded state from a day on."""

    changed_on: dt.date
    active: bool
    role_id: int | None = None
    background_check_on: dt.date | None = None
    background_check_expires: dt.date | None = None
    agreement_signed: bool = False
    agreement_signed_on: dt.date | None = None

    def cleared_on(self, day: dt.date) -> bool:
        """Screening complete on ``day``: a background check not expired, an agreement signed."""
        return screening(self.background_check_on, self.background_check_expires,
                         self.agreement_signed, day)[0]


class MentorTimeline:
    """One mentor's recorded states, oldest first; answers "what was true on a day"."""

    def __init__(self, states: Iterable[MentorState]) -> None:
        # Two changes on one day: the later one holds from that day.
        latest: dict[dt.date, MentorState] = {}
        for state in states:
            latest[state.changed_on] = state
        self.states = tuple(latest[day] for day in sorted(latest))
        self._days = [state.changed_on for state in self.states]

    def on(self, day: dt.date) -> MentorState | None:
        """The state on ``day``; None before the file knew the mentor."""
        index = bisect.bisect_right(self._days, day)
        return self.states[index - 1] if index else None

    def best_known_on(self, day: dt.date) -> MentorState | None:
        """The state on ``day``, or, for a mentor added to the file later (with earlier matches
        imported), the first state recorded: the best knowledge there is."""
        return self.on(day) or (self.states[0] if self.states else None)

    def active_between(self, first: dt.date, last: dt.date) -> bool:
        """Recorded as active on at least one day from ``first`` to ``last``."""
        state = self.on(first)
        if state is not None and state.active:
            return True
        return any(s.active for s in self.states if first < s.changed_on <= last)


def timelines(rows: Iterable[tuple]) -> dict[int, MentorTimeline]:
    """Timelines from stored rows (mentor_id, changed_on, active, role_id, check on, check
    expires, agreement signed, signed on), dates as ISO text."""
    states: dict[int, list[MentorState]] = {}
    for mentor_id, changed_on, active, role_id, check_on, expires, signed, signed_on in rows:
        states.setdefault(mentor_id, []).append(MentorState(
            _date(changed_on), bool(active), role_id, _date(check_on), _date(expires),
            bool(signed), _date(signed_on)))
    return {mentor_id: MentorTimeline(found) for mentor_id, found in states.items()}


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text[:10]) if text else None


def mentors_in_program(timelines: dict[int, MentorTimeline], first: dt.date, last: dt.date,
                       with_mentees: Iterable[int]) -> frozenset[int]:
    """Mentors in the program from ``first`` to ``last``: recorded as active on one of those
    days, or with a mentee then (a mentor with a mentee was in the program, whatever the file
    says of them)."""
    active = {mentor_id for mentor_id, timeline in timelines.items()
              if timeline.active_between(first, last)}
    return frozenset(active | set(with_mentees))
