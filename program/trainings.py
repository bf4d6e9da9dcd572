"""Mentor trainings: who missed a required session, a later session of the same kind counting
as the make-up. The one rule This week, the Trainings screen and the Mentors list share."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Session:
    """One training session as the rule needs it."""

    training_id: int
    held_on: dt.date
    kind: str
    required: bool
    attendees: frozenset[int]
    title: str = ""


@dataclass(frozen=True)
class Missed:
    """A mentor who was at neither a required session nor a make-up for it."""

    mentor_id: int
    session: Session


def made_up_by(session: Session, other: Session) -> bool:
    """True when ``other`` counts as the make-up for ``session``: a session of the same kind
    held the same day or later (not the session itself)."""
    return (other.training_id != session.training_id and other.kind == session.kind
            and other.held_on >= session.held_on)


def held_by(sessions: Iterable[Session], as_of: dt.date) -> list[Session]:
    """The sessions held on or before ``as_of``, by date."""
    return sorted((s for s in sessions if s.held_on <= as_of),
                  key=lambda s: (s.held_on, s.training_id))


def covered(mentor_id: int, session: Session, held: Iterable[Session]) -> bool:
    """True when the mentor was at the session or at a make-up for it (among ``held``)."""
    if mentor_id in session.attendees:
        return True
    return any(mentor_id in other.attendees and made_up_by(session, other) for other in held)


def missed_required(sessions: Iterable[Session], mentor_ids: Iterable[int],
                    as_of: dt.date) -> list[Missed]:
    """One item per mentor and required session held on or before ``as_of`` that they were
    at neither that session nor a make-up held by then; by session date, then mentor id."""
    held = held_by(sessions, as_of)
    mentors = sorted(set(mentor_ids))
    return [Missed(mentor_id, session)
            for session in held if session.required
            for mentor_id in mentors if not covered(mentor_id, session, held)]


def attended_count(mentor_id: int, sessions: Iterable[Session], as_of: dt.date) -> int:
    """How many of the sessions held by ``as_of`` the mentor came to."""
    return sum(1 for s in held_by(sessions, as_of) if mentor_id in s.attendees)
