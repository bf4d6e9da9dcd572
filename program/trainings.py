"""Mentor trainings: who missed a required session (a later session of the same kind, on or
before the day, is the make-up)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Session:
    """One training session and the mentors who signed in."""

    training_id: int
    held_on: dt.date
    kind: str  # start_of_year, mid_year, end_of_year, other
    required: bool
    title: str = ""
    attendee_ids: frozenset[int] = frozenset()


def made_up(session: Session, mentor_id: int, sessions: Iterable[Session],
            on: dt.date) -> bool:
    """True when the mentor came to a later session of the same kind, held on or before ``on``."""
    return any(other.kind == session.kind and session.held_on < other.held_on <= on
               and mentor_id in other.attendee_ids for other in sessions)


def missed_required(sessions: Sequence[Session], mentor_ids: Iterable[int],
                    on: dt.date) -> list[tuple[int, Session]]:
    """(mentor id, session) for each required session held on or before ``on`` that the mentor
    neither attended nor made up; by session date, then mentor id."""
    held = [s for s in sessions if s.held_on <= on]
    missed = []
    for session in sorted(held, key=lambda s: (s.held_on, s.training_id)):
        if not session.required:
            continue
        for mentor_id in sorted(set(mentor_ids)):
            if mentor_id in session.attendee_ids or made_up(session, mentor_id, held, on):
                continue
            missed.append((mentor_id, session))
    return missed
