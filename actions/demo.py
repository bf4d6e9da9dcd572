"""The demo school: a made-up school to look around with, in a file of its own."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import sqlite_utils

from actions.changes import EVERYTHING
from actions.core import Outcome, change
from storage import maintenance, summary
from storage.errors import InvalidInput


def make_demo_school(db: sqlite_utils.Database, *, file_name: str, students: int = 400,
                     seed: int = 1, today: dt.date | None = None, replace_demo: bool = False,
                     progress: Callable[[int, int], None] | None = None) -> Outcome:
    """Fill the file with the demo school, in one transaction; value: the record counts.

    A file that holds data is refused, except an older demo school with ``replace_demo`` (it
    is emptied and refilled in the same transaction, so a stop half-way leaves it as it was).
    A real school's file is never emptied.
    """
    from demo.school import build_demo_school

    if students < 12 or students > 5000:
        raise InvalidInput("The demo school takes from 12 to 5000 students.")
    if maintenance.holds_data(db):
        if not maintenance.is_demo_file(db):
            raise InvalidInput(
                f"{file_name} holds a school's own data, not the demo school. MentorDesk never "
                "empties it to make a demo. Nothing was changed. Choose a new file name for the "
                "demo.")
        if not replace_demo:
            raise InvalidInput(
                f"{file_name} already holds the demo school. Nothing was changed. Choose a new "
                "file name, or add --force to make the demo again in this file.")
    with change(db, "Make the demo school", EVERYTHING, code="demo_file",
                undoable=False) as step:
        maintenance.empty_file(db)
        made = build_demo_school(db, students_count=students, seed=seed, today=today,
                                 progress=progress)
        counts = summary.record_counts(db)
        step.note("Made the demo school", students=counts["students"])
        step.done("Made the demo school.", {**counts, "years": made["years"]})
    return step.outcome
