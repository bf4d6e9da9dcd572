"""What kind of day a calendar row names ("Holiday", "Make-up day", an Ed-Fi descriptor), and
whether students are in school on it. Words nobody has said are asked about, as unknown
attendance codes are: nothing is imported until they are."""

from __future__ import annotations

import re
from typing import Any

import sqlite_utils

from importing.kinds.attendance.codes import quoted
from importing.kinds.base import Context, Problems, Row, listed, plural
from importing.values import descriptor_word
from storage import database, day_types


class DayTypes:
    """The school's kinds of day: word -> school day or not."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.known = day_types.day_types(db)
        self.unknown: dict[str, list[Row]] = {}

    def school_day(self, raw: Any, row: Row) -> bool | None:
        """True (school), False (no school), or None when nobody has said (noted)."""
        word = normal(descriptor_word(raw))
        if word in self.known:
            return self.known[word]
        # "Holiday - Thanksgiving", "Early release (2 hours)": the kind of day comes first.
        for known, school in sorted(self.known.items(), key=lambda item: -len(item[0])):
            if word.startswith(known + " ") or re.match(rf"{re.escape(known)}\b", word):
                return school
        self.unknown.setdefault(descriptor_word(raw), []).append(row)
        return None


def normal(text: str) -> str:
    """A kind of day as compared: lower case, single spaces, "-" and "_" as spaces."""
    return " ".join(text.lower().replace("_", " ").replace("–", "-").split())


def stop_on_unknown_words(unknown: dict[str, list[Row]], problems: Problems,
                          context: Context) -> None:
    """Nothing goes in until every kind of day is known: the problems and what to do."""
    for word, rows in unknown.items():
        problems.add(rows[0], "day_type",
                     f'"{word}" ({plural(len(rows), "row")}) is not a kind of day MentorDesk '
                     "knows. Say whether students are in school on such a day, then import "
                     "again.", stops=True)
    words = [f'"{word}"' for word in unknown]
    example = next(iter(unknown))
    path = database.file_path(context.db)
    where = f"--db {quoted(str(path))} " if path else ""
    context.stopped = (
        f"{context.file_name} names kinds of day MentorDesk does not know: {listed(words)}. "
        "Nothing was imported. Say whether students are in school on each, in the import "
        f"window or with a command such as: python main.py {where}day-types set "
        f"{quoted(example)} no-school (or school), then import the file again.")

