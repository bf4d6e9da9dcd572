"""Letting data go on purpose: a student deleted for good, a past year's student records purged.

Both ask first (the window and the headless commands show :func:`deletion_question` or
:func:`purge_question`), run in one transaction with a history line that names no one, keep no
undo entry (an undo entry would hold what was let go) and overwrite the freed space in the file.
Older backups still hold what was let go; the question says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils

from actions.changes import EVERYTHING
from actions.core import Outcome, change
from program.vocabulary import day_words, join_words, person_name, plural
from storage import clock, erasure, students, years
from storage.errors import InvalidInput
from storage.paths import backups_folder


def find_student(db: sqlite_utils.Database, local_id: str) -> dict:
    """The student with this school ID, or a refusal that says so."""
    student = students.student_by_local_id(db, local_id.strip())
    if student is None:
        raise InvalidInput(f"There is no student with ID {local_id.strip()} in this file. "
                           "Check the ID (the students command lists them).")
    return student


def _what_goes(counts: dict[str, int]) -> str:
    parts = [plural(count, *erasure.WHAT_GOES[key]) for key, count in counts.items()
             if count and key in erasure.WHAT_GOES]
    return join_words(parts) if parts else "their record"


def deletion_question(db: sqlite_utils.Database, student_id: int,
                      data_path: Path | None = None) -> str:
    """The confirmation: whom, everything that goes with them, and that backups keep them."""
    student = students.student(db, student_id)
    counts = erasure.student_footprint(db, student_id)
    who = person_name(student) + (f" (ID {student['local_id']})" if student["local_id"] else "")
    where = (f' (in the folder "{backups_folder(data_path).name}" and any copies you made)'
             if data_path is not None else " and any copies you made")
    return (f"Delete {who} for good? Everything MentorDesk holds about them goes: their "
            f"profile, {_what_goes(counts)}. This cannot be undone. Older backups still hold "
            f"their record{where}.")


def delete_student_for_good(db: sqlite_utils.Database, student_id: int) -> Outcome:
    """Remove the student and everything about them; value: what went, counted."""
    if students.student(db, student_id) is None:
        raise InvalidInput("That student is no longer in this file. Nothing was changed.")
    erasure.secure_deletes(db)
    with change(db, "Delete a student for good", EVERYTHING, code="delete_student",
                undoable=False) as step:
        counts = erasure.delete_student(db, student_id)
        # The line names no one: a line that named them would keep them in the file.
        step.note("A student was deleted for good, with everything about them",
                  **{key: value for key, value in counts.items() if value})
        step.done("The student was deleted for good.", counts)
    erasure.checkpoint(db)
    return step.outcome


@dataclass(frozen=True)
class YearReport:
    """A year's aggregate report, made before the year is purged: kept in the data file."""

    figures: dict[str, Any]
    workbook: bytes | None = None
    pdf: bytes | None = None


def purgeable_year(db: sqlite_utils.Database, name: str) -> dict:
    """A past year whose student records can be let go, or a refusal saying why not."""
    year = years.resolve_year(db, name)
    current = years.current_year(db)
    if current is not None and current["id"] == year["id"]:
        raise InvalidInput(
            f"{year['name']} is the current school year: its records are still in use. Only a "
            "past year's records can be let go. Nothing was changed.")
    if year["last_day"] >= clock.today().isoformat():
        raise InvalidInput(
            f"{year['name']} has not ended yet (its last day is {day_words(year['last_day'])}). "
            "Only a past year's records can be let go. Nothing was changed.")
    if year.get("purged_on"):
        raise InvalidInput(
            f"The student records of {year['name']} were already let go on "
            f"{day_words(year['purged_on'])}. Its report is kept. Nothing was changed.")
    return year


def purge_question(db: sqlite_utils.Database, name: str, data_path: Path | None = None) -> str:
    """The confirmation for purging a year: what goes, what stays, and that backups keep it."""
    year = purgeable_year(db, name)
    whole = len(erasure.students_only_in(db, year["id"]))
    where = (f' (in the folder "{backups_folder(data_path).name}" and any copies you made)'
             if data_path is not None else " and any copies you made")
    return (f"Let go of the student records of {year['name']}? Its enrollments, nominations, "
            "matches, meetings, referrals, attendance, finished goals and imports go, and "
            f"{plural(whole, 'student')} who were only in that year go for good. The year's "
            "report is saved first and stays: its figures and files can still be opened. "
            f"Mentors and trainings stay. This cannot be undone. Older backups still hold the "
            f"records{where}.")


def purge_year(db: sqlite_utils.Database, name: str, report: YearReport) -> Outcome:
    """Keep the year's report, then let go of its student-level records; value: counts."""
    year = purgeable_year(db, name)
    if not report.figures:
        raise InvalidInput(f"The report of {year['name']} must be saved before its records "
                           "are let go. Nothing was changed.")
    erasure.secure_deletes(db)
    with change(db, f"Let go of the student records of {year['name']}", EVERYTHING,
                code="purge_year", undoable=False) as step:
        erasure.save_report(db, year["id"], clock.now_text(), report.figures, report.workbook,
                            report.pdf)
        counts = erasure.purge_year(db, year, clock.today().isoformat())
        step.note(f"Let go of the student records of {year['name']} (its report is kept)",
                  year=year["name"], **{key: value for key, value in counts.items() if value})
        step.done(f"The student records of {year['name']} were let go; its report is kept.",
                  counts)
    erasure.checkpoint(db)
    return step.outcome


def years_to_let_go(db: sqlite_utils.Database) -> list[dict]:
    """The yearly reminder: years that ended more than a year ago and still hold students'
    records."""
    today = clock.today()
    try:
        a_year_ago = today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        a_year_ago = today.replace(year=today.year - 1, day=28)
    return erasure.years_holding_student_records(db, a_year_ago.isoformat())
