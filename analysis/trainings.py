"""Trainings for screens and commands: the year's sessions as the rule takes them, who missed
a required one (program.trainings), and each mentor's sessions attended and held."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import sqlite_utils

from program.trainings import Missed, Session, attended_count, held_by, missed_required
from storage import clock, mentors, trainings


def sessions(db: sqlite_utils.Database, year_id: int) -> list[Session]:
    """The year's sessions, by date, with who came to each."""
    return [Session(training_id=row["id"], held_on=dt.date.fromisoformat(row["held_on"]),
                    kind=row["kind"], required=bool(row["required"]),
                    attendees=frozenset(row["attendee_ids"]), title=row["title"])
            for row in trainings.trainings_in_year(db, year_id)]


@dataclass(frozen=True)
class MissedSession:
    """A mentor (with name and email) who missed a required session and every make-up."""

    mentor_id: int
    mentor_name: str
    mentor_email: str
    training_id: int
    title: str
    held_on: dt.date
    kind: str


def missed_required_sessions(db: sqlite_utils.Database, year_id: int,
                             as_of: dt.date | None = None,
                             mentor_ids: Iterable[int] | None = None) -> list[MissedSession]:
    """Mentors (the active ones, or those given) who missed a required session held by
    ``as_of`` (default today) and every make-up since; by session date, then mentor name."""
    as_of = as_of or clock.today()
    people = {row["id"]: row for row in mentors.all_mentors(db, active_only=mentor_ids is None)}
    chosen = list(people) if mentor_ids is None else [i for i in mentor_ids if i in people]
    found: list[Missed] = missed_required(sessions(db, year_id), chosen, as_of)
    items = [MissedSession(
        mentor_id=item.mentor_id,
        mentor_name=f"{people[item.mentor_id]['first_name']} "
                    f"{people[item.mentor_id]['last_name']}".strip(),
        mentor_email=people[item.mentor_id]["email"], training_id=item.session.training_id,
        title=item.session.title, held_on=item.session.held_on, kind=item.session.kind)
        for item in found]
    surname = {i: (row["last_name"].casefold(), row["first_name"].casefold())
               for i, row in people.items()}
    return sorted(items, key=lambda m: (m.held_on, m.training_id, surname[m.mentor_id]))


@dataclass(frozen=True)
class TrainingLoad:
    """A mentor's sessions attended of those held so far, and the required ones missed."""

    attended: int
    held: int
    missed: tuple[str, ...]  # titles of required sessions missed (no make-up yet)


def training_load(db: sqlite_utils.Database, year_id: int,
                  as_of: dt.date | None = None) -> dict[int, TrainingLoad]:
    """Every mentor's attended / held this year up to ``as_of`` (default today)."""
    as_of = as_of or clock.today()
    year_sessions = sessions(db, year_id)
    held = len(held_by(year_sessions, as_of))
    everyone = [row["id"] for row in mentors.all_mentors(db)]
    missed: dict[int, list[str]] = {}
    for item in missed_required(year_sessions, everyone, as_of):
        missed.setdefault(item.mentor_id, []).append(item.session.title)
    return {mentor_id: TrainingLoad(attended_count(mentor_id, year_sessions, as_of), held,
                                    tuple(missed.get(mentor_id, ())))
            for mentor_id in everyone}
