"""The mentors list: every mentor with their load, rhythm, screening and trainings."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlite_utils
from PySide6.QtGui import QColor

from analysis import cadence, matching
from analysis.trainings import training_load
from storage import matches, mentors
from ui.models.students import fold
from ui.models.table import Column, RowsModel
from ui.words import day_words

NAME, ROLE, LOAD, MEETINGS_THIS_MONTH, OVERDUE, SCREENING, TRAININGS = range(7)


def screening_facts(row: dict) -> str:
    """What is on file about a mentor's screening, in words (dates only, no judgement)."""
    parts = []
    if row.get("background_check_expires"):
        parts.append(f"check expires {day_words(row['background_check_expires'])}")
    elif row.get("background_check_on"):
        parts.append(f"checked {day_words(row['background_check_on'])}")
    else:
        parts.append("no background check on file")
    parts.append("agreement signed" if row.get("agreement_signed") else "agreement not signed")
    text = "; ".join(parts)
    return text[0].upper() + text[1:]


def load_rows(db: sqlite_utils.Database, year_id: int,
              as_of: dt.date | None = None) -> list[dict]:
    """Every mentor with this year's mentees, meeting rhythm, screening and trainings, as the
    program's rules judge them (reads only; any thread)."""
    rows = mentors.all_mentors(db)
    held: dict[int, int] = {}
    overdue: dict[int, int] = {}
    status: dict[int, dict[int, str]] = {}
    for rhythm in cadence.match_rhythm(db, year_id, as_of):
        if not rhythm.active or rhythm.mentor_id is None:
            continue
        held[rhythm.mentor_id] = held.get(rhythm.mentor_id, 0) + rhythm.held_this_month
        overdue[rhythm.mentor_id] = overdue.get(rhythm.mentor_id, 0) + int(rhythm.overdue)
        status.setdefault(rhythm.mentor_id, {})[rhythm.match_id] = (
            f"overdue ({rhythm.school_days_since} school days)" if rhythm.overdue else
            "behind this month" if rhythm.behind_target else "on track")
    screening = {option.mentor_id: option for option in
                 matching.mentor_options(db, year_id, as_of)}
    load = matches.open_match_counts(db, year_id)
    # Sessions held by the day (not those still to come), and required ones missed with no
    # make-up yet: the Trainings screen's rule (program.trainings).
    trainings = training_load(db, year_id, as_of)
    for row in rows:
        row["mentees"] = load.get(row["id"], 0)
        done = trainings.get(row["id"])
        row["trainings"] = done.attended if done else 0
        row["trainings_held"] = done.held if done else 0
        row["trainings_missed"] = list(done.missed) if done else []
        row["screening"] = screening_facts(row)
        option = screening.get(row["id"])
        row["cleared"] = option.cleared if option else None
        if option and not option.cleared:
            row["screening"] = f"Not cleared: {option.not_cleared_because}"
        row["meetings_this_month"] = held.get(row["id"], 0)
        row["overdue_matches"] = overdue.get(row["id"], 0)
        row["match_status"] = status.get(row["id"], {})
        row["search_text"] = fold(f"{row['first_name']} {row['last_name']} {row['email']} "
                                  f"{row['role'] or ''} {row['interests']}")
    return rows


class MentorsModel(RowsModel):
    """Mentors: name, role, mentees / capacity, meetings this month, overdue, screening."""

    COLUMNS = (
        Column("name", "Name", "The mentor's name"),
        Column("role", "Role", "Their job in the school"),
        Column("mentees", "Mentees", "Mentees now / the most they will take", numeric=True),
        Column("meetings_this_month", "This month",
               "Meetings held this month, counted per mentee (a group meeting counts once for "
               "each mentee there)", numeric=True),
        Column("overdue_matches", "Overdue", "Mentees not met for longer than the program "
               "allows (Settings)", numeric=True),
        Column("screening", "Screening", "Background check and signed agreement (point at "
               "\"Not cleared\" to see what is missing)"),
        Column("trainings", "Trainings", "Training sessions attended / held so far this year "
               "(orange: missed a required one, not made up yet)", numeric=True),
    )

    def cell_text(self, row: dict, column: int) -> str:
        if column == NAME:
            name = f"{row['first_name']} {row['last_name']}".strip()
            return name if row["active"] else f"{name} (not active)"
        if column == LOAD:
            return f"{row['mentees']} / {row['capacity']}"
        if column == SCREENING:
            # The reason is in the tooltip and the mentor's details: the cell stays short.
            if row["cleared"] is None:
                return row["screening"]
            return "Cleared" if row["cleared"] else "Not cleared"
        if column == TRAININGS:
            return f"{row['trainings']} / {row['trainings_held']}"
        return super().cell_text(row, column)

    def cell_sort_value(self, row: dict, column: int) -> Any:
        if column == NAME:
            return fold(f"{row['last_name']} {row['first_name']}")
        if column == LOAD:
            return (row["capacity"] - row["mentees"], row["mentees"])
        return super().cell_sort_value(row, column)

    def cell_tooltip(self, row: dict, column: int) -> str | None:
        if column == SCREENING:
            return row["screening"]
        if column == LOAD and row["mentees"] >= row["capacity"]:
            return "Full: no room for another mentee"
        if column == TRAININGS and row["trainings_missed"] and row["active"]:
            return ("Missed, not made up yet: " + "; ".join(row["trainings_missed"])
                    + " (a later session of the same kind counts)")
        return None

    def cell_colours(self, row: dict, column: int) -> tuple[QColor, QColor] | None:
        if column == SCREENING and row["cleared"] is False:
            return QColor("#fff3cd"), QColor("#6b4e00")
        if column == OVERDUE and row["overdue_matches"]:
            return QColor("#fde2c8"), QColor("#7a3300")
        if column == TRAININGS and row["trainings_missed"] and row["active"]:
            return QColor("#fde2c8"), QColor("#7a3300")
        if not row["active"]:
            return QColor("#f1f3f5"), QColor("#7b8794")
        return None


ACTIVE, ROOM, ALL = "active", "room", "all"


class MentorFilter:
    """The mentors list's filters as one predicate."""

    def __init__(self, text: str = "", which: str = ACTIVE) -> None:
        self.tokens = fold(text).split()
        self.which = which

    def __call__(self, row: dict) -> bool:
        if self.which in (ACTIVE, ROOM) and not row["active"]:
            return False
        if self.which == ROOM and row["mentees"] >= row["capacity"]:
            return False
        return all(token in row["search_text"] for token in self.tokens)
