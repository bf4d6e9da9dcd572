"""What starting a new school year would do, read from the file (nothing is written)."""

from __future__ import annotations

import sqlite_utils

from program.school_year import YearChange, sort_year
from program.waiting import OPEN_NOMINATION_STATUSES
from storage import matches, mentors, nominations, settings, students


def year_change(db: sqlite_utils.Database, year_id: int, *, keep_matches: bool) -> YearChange:
    """This year's students, open matches and open nominations sorted for the next year."""
    roster = students.students_in_year(db, year_id)
    open_matches = matches.open_matches(db, year_id)
    open_nominations = [row for row in nominations.nominations_in_year(db, year_id)
                        if row["status"] in OPEN_NOMINATION_STATUSES]
    active = {row["id"] for row in mentors.all_mentors(db, active_only=True)}
    return sort_year(roster, open_matches, open_nominations,
                     top_grade=settings.get(db, "top_grade"), active_mentors=active,
                     keep_matches=keep_matches)
