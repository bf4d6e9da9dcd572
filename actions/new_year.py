"""Start a new school year: set it up, move every current student up a grade, carry on matches.

One transaction: the year and its calendar; each current student enrolled one grade up
(provisionally: the new year's roster import confirms the grades); the top grade leaves; open
matches whose student and mentor both remain go on (a new match on the new year's first day,
linked to last year's), the others close as "planned end of year" on last year's last day;
open nominations carry over as they are. Last year stays as it was, readable and reportable.
It keeps no undo entry (it lets the file's undo steps go): a year is started on purpose, after
a preview.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import sqlite_utils

from actions.changes import EVERYTHING
from actions.core import Outcome, change
from analysis.new_year import year_change
from program.school_year import YearChange, last_day_of_match, next_grade
from program.vocabulary import day_words, join_words, list_name, plural
from storage import matches, nominations, settings, students, years
from storage.errors import InvalidInput

PLANNED_END = "planned_end"


@dataclass(frozen=True)
class NewYear:
    """What the facilitator asked for: the name, dates, days off, and whether matches go on."""

    name: str
    first_day: dt.date
    last_day: dt.date
    non_school_days: Sequence[tuple[dt.date, str]] = ()
    keep_matches: bool = True


@dataclass
class NewYearPreview:
    """What starting the year will do (and, once done, did): the figures and the names."""

    request: NewYear
    from_year: dict
    change: YearChange
    nominations_carried: int = 0
    details: dict = field(default_factory=dict)

    def figures(self) -> dict:
        """The headless command's JSON (the issue's fields first, then more detail)."""
        change = self.change
        return {
            "year": self.request.name,
            "students_carried": len(change.carried),
            "students_left": len(change.left),
            "matches_continued": len(change.continued),
            "matches_closed": len(change.closed),
            "from_year": self.from_year["name"],
            "first_day": self.request.first_day.isoformat(),
            "last_day": self.request.last_day.isoformat(),
            "keep_matches": self.request.keep_matches,
            "nominations_carried": len(change.nominations),
            "students_needing_grade": [
                {"student_id": row["local_id"], "name": list_name(row)}
                for row in change.needs_grade],
        }

    def sentences(self) -> list[str]:
        """The preview in words, for the command line and the wizard."""
        change = self.change
        old, new = self.from_year["name"], self.request.name
        lines = [
            f"From {old} to {new} ({day_words(self.request.first_day)} to "
            f"{day_words(self.request.last_day)}):",
            f"{plural(len(change.carried), 'student')} move up a grade (the grades stay "
            "provisional until the new year's roster is imported).",
            f"{plural(len(change.left), 'student')} in the top grade leave.",
            f"{plural(len(change.continued), 'match', 'matches')} go on into {new}; "
            f"{plural(len(change.closed), 'match', 'matches')} close as \u201cplanned end of "
            f"year\u201d on {day_words(self.from_year['last_day'])}.",
            f"{plural(len(change.nominations), 'open nomination')} carry over.",
        ]
        if change.needs_grade:
            names = [list_name(row) for row in change.needs_grade]
            shown = join_words(names[:8] + ([f"{len(names) - 8} more"] if len(names) > 8 else []))
            lines.append(
                f"{plural(len(names), 'student has', 'students have')} no grade and "
                f"{'is' if len(names) == 1 else 'are'} not carried: {shown}. Give "
                f"{'them a grade' if len(names) > 1 else 'a grade'} in {old} first, or add "
                f"{'them' if len(names) > 1 else 'the student'} to {new} by hand.")
        return lines


def preview_new_year(db: sqlite_utils.Database, request: NewYear) -> NewYearPreview:
    """What starting the year would do; writes nothing (the wizard's preview, --dry-run)."""
    request = checked_request(db, request)
    current = years.current_year(db)
    return NewYearPreview(request, current,
                          year_change(db, current["id"], keep_matches=request.keep_matches))


def checked_request(db: sqlite_utils.Database, request: NewYear) -> NewYear:
    """The request with its name tidied, or a refusal in a sentence (writes nothing)."""
    name = request.name.strip()
    if not name:
        raise InvalidInput("The new school year needs a name, such as 2027-2028.")
    if years.year_by_name(db, name) is not None:
        raise InvalidInput(
            f"There is already a school year called {name}. A new year needs a name of its "
            "own. Nothing was changed.")
    current = years.current_year(db)
    if current is None:
        raise InvalidInput(
            "This file has no current school year to move on from. Add the year first (year "
            "add), or choose the current one (year use).")
    ends = dt.date.fromisoformat(current["last_day"])
    if request.first_day <= ends:
        raise InvalidInput(
            f"{name} must start after {current['name']} ends ({day_words(ends)}); its first day "
            f"is {day_words(request.first_day)}. Check the dates. Nothing was changed.")
    years.check_year(db, name, request.first_day, request.last_day,
                     list(request.non_school_days), None)
    return NewYear(name, request.first_day, request.last_day, tuple(request.non_school_days),
                   request.keep_matches)


def start_new_year(db: sqlite_utils.Database, request: NewYear,
                   progress: Callable[[int, int], None] | None = None) -> Outcome:
    """Start the year (see the module's words); value: the :class:`NewYearPreview` of what
    was done."""
    preview = preview_new_year(db, request)
    request, moving = preview.request, preview.change
    old = preview.from_year
    old_last = dt.date.fromisoformat(old["last_day"])
    total = len(moving.carried) + len(moving.continued) + len(moving.closed) + len(
        moving.nominations) + 1
    done = 0

    def step_done() -> None:
        nonlocal done
        done += 1
        if progress is not None and (done % 50 == 0 or done == total):
            progress(done, total)

    with change(db, f"Start the school year {request.name}", EVERYTHING, code="new_year",
                undoable=False) as step:
        year_id = years.save_year(db, request.name, request.first_day, request.last_day,
                                  list(request.non_school_days))
        for student in moving.carried:
            students.carry_up(db, student["id"], year_id, next_grade(student["grade"]))
            step_done()
        first_day = request.first_day.isoformat()
        for match in moving.continued:
            matches.close_match(db, match["id"],
                                last_day_of_match(match["started_on"], old_last).isoformat(),
                                PLANNED_END, f"Went on into {request.name}.")
            matches.continue_match(db, match, year_id, first_day)
            step_done()
        for match in moving.closed:
            matches.close_match(db, match["id"],
                                last_day_of_match(match["started_on"], old_last).isoformat(),
                                PLANNED_END)
            step_done()
        for nomination in moving.nominations:
            nominations.carry_nomination(db, nomination, year_id)
            step_done()
        settings.set_value(db, "current_year", request.name)
        figures = preview.figures()
        step.note(f"Started the school year {request.name}: "
                  f"{plural(figures['students_carried'], 'student')} moved up a grade, "
                  f"{figures['students_left']} left, "
                  f"{plural(figures['matches_continued'], 'match', 'matches')} went on, "
                  f"{figures['matches_closed']} closed",
                  year=request.name, from_year=old["name"],
                  **{key: value for key, value in figures.items()
                     if key.startswith(("students_carried", "students_left", "matches_"))})
        step.done(f"{request.name} is the current year: "
                  f"{plural(figures['students_carried'], 'student')} moved up a grade and "
                  f"{plural(figures['matches_continued'], 'match', 'matches')} went on.",
                  preview)
        step_done()
    return step.outcome

