"""Finding a student by any ID they are known by, and the IDs a file cannot be trusted with.

A student has the ID MentorDesk shows (the school's student number where there is one) and
may have more: the SIS key, the state ID, OneRoster's sourcedId. A file may use any of them, in
a column of any name, so a value is looked up among every kind, its own kind first. A value
that names two different students is used for neither.

A file's own IDs can mislead too: a placeholder such as ``123`` in every State ID cell is the
same for many students, so it finds nobody (:func:`placeholders`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sqlite_utils

from importing.kinds.base import Row, listed, plural, verb
from importing.values import KnownIds, Unreadable, name_key, parse_id, split_name, text_of
from storage import identifiers

# Fields holding an ID -> the kind of ID, the school's own number first.
ID_FIELDS = {"student_id": "student_number", "sis_id": "sis_id", "state_id": "state_id",
             "sourced_id": "sourced_id", "other_id": "other"}
ID_WORDS = {"student_number": "student number", "sis_id": "SIS ID", "state_id": "state ID",
            "sourced_id": "sourced ID", "other": "ID"}
AMBIGUOUS = -1  # a value that names two different students


class StudentIds:
    """Every ID MentorDesk knows students by, to find the student a file's ID names."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.shown: dict[str, int] = {}
        self.shown_kind: dict[int, str] = {}
        self.by_kind: dict[tuple[str, str], int] = {}
        self.by_value: dict[str, int] = {}
        for student_id, local_id, kind in identifiers.shown_ids(db):
            self.shown[local_id] = student_id
            self.shown_kind[student_id] = kind
            self._index(local_id, student_id)
        for kind, value, student_id in identifiers.all_identifiers(db):
            self.by_kind[(kind, value)] = student_id
            self._index(value, student_id)
        self.zeros = KnownIds(self.by_value)

    def _index(self, value: str, student_id: int) -> None:
        known = self.by_value.get(value)
        self.by_value[value] = student_id if known in (None, student_id) else AMBIGUOUS

    def find(self, value: str, kind: str = "student_number") -> tuple[int | None, bool]:
        """(the student ``value`` names, or None, or AMBIGUOUS; whether leading zeros a
        spreadsheet dropped were put back to find them)."""
        found = self._exact(value, kind)
        if found is not None:
            return found, False
        resolved, restored = self.zeros.resolve(value)
        if restored:
            found = self._exact(resolved, kind)
            if found is not None:
                return found, True
        return None, False

    def _exact(self, value: str, kind: str) -> int | None:
        if kind == "student_number":
            found = self.shown.get(value)
            if found is not None:
                return found
        else:
            found = self.by_kind.get((kind, value))
            if found is not None:
                return found
        return self.by_value.get(value)

    def owner(self, kind: str, value: str) -> int | None:
        """The student who already has this ID of this kind (None: nobody)."""
        if kind == "student_number":
            found = self.shown.get(value)
            if found is not None and self.shown_kind.get(found) == "student_number":
                return found
        return self.by_kind.get((kind, value))

    def remember(self, student_id: int, kind: str, value: str) -> None:
        """A new ID this import gives a student (so later rows find them by it)."""
        self.by_kind[(kind, value)] = student_id
        self._index(value, student_id)


def ids_in(row: Row, columns: Iterable[str], problems=None) -> dict[str, str]:
    """kind -> value of the IDs a row gives (blank cells and unreadable IDs left out)."""
    found: dict[str, str] = {}
    for key in columns:
        raw = row.get(key)
        if raw is None:
            continue
        try:
            found[ID_FIELDS[key]] = parse_id(raw)
        except Unreadable as error:
            if problems is not None:
                problems.unreadable(row, key, error, "That ID was not used.")
    return found


def who(row: Row, first_key: str = "first_name", last_key: str = "last_name",
        whole_key: str = "full_name") -> tuple[Any, str]:
    """(a comparable name key, the name as written) of the person a row names; (None, "")
    when the row gives no name."""
    first, last = row.get(first_key), row.get(last_key)
    if first is None and last is None:
        whole = row.get(whole_key)
        if whole is None:
            return None, ""
        try:
            first, last = split_name(whole)
        except Unreadable:
            return None, text_of(whole)
    first, last = text_of(first), text_of(last)
    shown = " ".join(part for part in (first, last) if part)
    return name_key(first, last), shown


def placeholders(rows: Iterable[Row], key: str,
                 identity: Any) -> dict[str, int]:
    """Values of the ID column ``key`` that the file gives to more than one student: value ->
    how many students. ``identity(row)`` says which student a row is about (None: unknown)."""
    owners: dict[str, set] = {}
    for row in rows:
        raw = row.get(key)
        if raw is None:
            continue
        try:
            value = parse_id(raw)
        except Unreadable:
            continue
        person = identity(row)
        if person is not None:
            owners.setdefault(value, set()).add(person)
    return {value: len(people) for value, people in owners.items() if len(people) > 1}


def placeholder_note(column: str, found: dict[str, int]) -> str:
    """The preview's sentence about a column's placeholder values."""
    values = [f"{value} ({plural(count, 'student')})" for value, count in
              sorted(found.items(), key=lambda item: -item[1])]
    return (f"The {column} column gives the same value to several students: "
            f"{listed(values)}. {verb(len(values), 'It is', 'They are')} not a real ID "
            f"(a placeholder), so MentorDesk did not use {verb(len(values), 'it', 'them')} to "
            "find anyone and did not keep " + verb(len(values), "it", "them") + ".")
