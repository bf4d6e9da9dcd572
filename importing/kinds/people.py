"""Finding the students and mentors a row names (for matches, meetings and attendance)."""

from __future__ import annotations

from typing import Any

import sqlite_utils

from importing.kinds.base import Problems, Row, listed, plural, verb
from importing.kinds.sorting import Seen
from importing.kinds.student_ids import (
    AMBIGUOUS,
    ID_FIELDS,
    StudentIds,
    placeholder_note,
    placeholders,
    who,
)
from importing.values import Unreadable, name_key, parse_grade, parse_id, split_name, text_of
from storage import import_lookups
from storage import mentors as mentor_store


class StudentFinder:
    """Students by any ID they are known by (lost leading zeros noticed), else by name (and
    grade) when unique.

    :meth:`prepare` reads the file's rows once first: an ID the file gives to two differently
    named students finds neither (both rows are named), and a placeholder in an ID column
    (the same value for several students) finds nobody.
    """

    def __init__(self, db: sqlite_utils.Database, year_id: int | None) -> None:
        rows = import_lookups.students_with_enrollment(db, year_id)
        self.by_id = {row["id"]: row for row in rows}
        self.ids = StudentIds(db)
        self.by_name: dict[tuple[str, str], list[dict]] = {}
        for row in rows:
            self.by_name.setdefault(name_key(row["first_name"], row["last_name"]), []).append(row)
        self.clashing: set[str] = set()
        self.placeholders: dict[str, set[str]] = {}

    def prepare(self, rows: list[Row], problems: Problems) -> None:
        """Note the file's IDs that cannot be trusted (see the class)."""
        seen: Seen = Seen()
        for row in rows:
            raw = row.get("student_id")
            if raw is None:
                continue
            try:
                value = parse_id(raw)
            except Unreadable:
                continue
            name, shown = who(row)
            seen.add(value, row, name, shown)
        seen.report(problems, "student_id", "student ID")
        self.clashing = set(seen.clashes)
        if not rows:
            return
        for key in ("sis_id", "state_id", "sourced_id", "other_id"):
            found = placeholders(rows, key, _identity)
            if found:
                self.placeholders[key] = set(found)
                header = rows[0].column(key) or key
                problems.add(None, None, placeholder_note(header, found),
                             sheet=rows[0].sheet)

    def find(self, row: Row, problems: Problems) -> dict | None:
        """The student a row names, or None (with the reason added to ``problems``)."""
        tried = False
        for key, kind in ID_FIELDS.items():
            raw_id = row.get(key)
            if raw_id is None:
                continue
            try:
                local_id = parse_id(raw_id)
            except Unreadable as error:
                problems.unreadable(row, key, error, "The row was skipped.")
                return None
            if key == "student_id" and local_id in self.clashing:
                return None  # named already (one ID, two students)
            if local_id in self.placeholders.get(key, ()):
                continue
            tried = True
            student_id, restored = self.ids.find(local_id, kind)
            if student_id is None or student_id == AMBIGUOUS or student_id not in self.by_id:
                if key != "student_id":
                    continue
                problems.group("unknown_students", row, "student_id", local_id,
                               lambda rows, ids: f"{plural(rows, 'row')} for "
                               f"{plural(len(ids), 'student')} not on the roster (ID "
                               f"{listed(ids)}) {verb(rows, 'was', 'were')} skipped. Import the "
                               "roster first, or check the IDs.")
                return None
            if restored:
                problems.group("restored_zeros", row, key, local_id,
                               lambda rows, ids: f"{plural(len(ids), 'student ID')} had lost "
                               f"{verb(len(ids), 'its', 'their')} leading zeros ({listed(ids)}) "
                               f"and {verb(len(ids), 'was', 'were')} matched to the students "
                               "whose IDs start with zeros.")
            return self.by_id[student_id]
        if tried:
            problems.group("unknown_other_ids", row, None, str(row.number),
                           lambda rows, numbers: f"{plural(rows, 'row')} "
                           f"{verb(rows, 'gives', 'give')} only IDs MentorDesk does not know "
                           f"and {verb(rows, 'was', 'were')} skipped. Import the roster first, "
                           "or check the IDs.")
            return None
        first, last = _name_in(row, "first_name", "last_name", "full_name", problems)
        if first is None:
            return None
        if not first and not last:
            problems.add(row, None, "This row has neither a student ID nor a name: it was "
                                    "skipped.")
            return None
        candidates = self.by_name.get(name_key(first, last), [])
        if len(candidates) > 1 and row.get("grade") is not None:
            try:
                grade = parse_grade(row.get("grade"))
                candidates = [c for c in candidates if c["grade"] == grade]
            except Unreadable:
                pass
        if len(candidates) == 1:
            problems.group("matched_by_name", row, None, f"{first} {last}",
                           lambda rows, names: f"{plural(rows, 'row')} had no student ID; "
                           f"{listed(names)} {verb(len(names), 'was', 'were')} found by name. "
                           "Add the student ID to be sure.")
            return candidates[0]
        if candidates:
            problems.add(row, None, f"{len(candidates)} students are called {first} {last}: "
                                    "the row was skipped. Add the student ID.")
        else:
            problems.group("unknown_names", row, None, f"{first} {last}",
                           lambda rows, names: f"{plural(rows, 'row')} for "
                           f"{plural(len(names), 'student')} not in MentorDesk "
                           f"({listed(names)}) {verb(rows, 'was', 'were')} skipped. Import the "
                           "roster first.")
        return None


def _identity(row: Row):
    """Which student a row is about, for telling a placeholder ID from a real one."""
    raw = row.get("student_id")
    if raw is not None:
        try:
            return ("id", parse_id(raw))
        except Unreadable:
            pass
    name, _ = who(row)
    return ("name", name) if name is not None else None


class MentorFinder:
    """Mentors by email, else by full name when only one mentor has it."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.by_email: dict[str, dict] = {}
        self.by_name: dict[tuple[str, str], list[dict]] = {}
        for mentor in mentor_store.all_mentors(db):
            if mentor["email"]:
                self.by_email[mentor["email"].lower()] = mentor
            self.by_name.setdefault(name_key(mentor["first_name"], mentor["last_name"]),
                                    []).append(mentor)

    def named(self, row: Row) -> bool:
        return any(row.get(key) is not None for key in
                   ("mentor", "mentor_email", "mentor_first_name", "mentor_last_name"))

    def find(self, row: Row, problems: Problems) -> dict | None:
        email = row.get("mentor_email")
        if email is not None and text_of(email).lower() in self.by_email:
            return self.by_email[text_of(email).lower()]
        whole = row.get("mentor")
        if whole is not None and "@" in text_of(whole):
            found = self.by_email.get(text_of(whole).lower())
            if found:
                return found
        first, last = _name_in(row, "mentor_first_name", "mentor_last_name", "mentor", problems)
        if first is None:
            return None
        if not first and not last:
            if email is not None:
                return self._unknown(row, "mentor_email", text_of(email), problems)
            problems.add(row, None, "This row does not say which mentor: it was skipped.")
            return None
        candidates = self.by_name.get(name_key(first, last), [])
        if not first:  # "Mr. Lopez": a last name alone, if only one mentor has it
            candidates = [m for names, group in self.by_name.items() if names[1] ==
                          name_key("", last)[1] for m in group]
        if len(candidates) == 1:
            return candidates[0]
        if len(candidates) > 1:
            problems.add(row, "mentor", f"{len(candidates)} mentors are called "
                                        f"{first} {last}: the row was skipped. Add the mentor's "
                                        "email to tell them apart.")
            return None
        return self._unknown(row, "mentor", f"{first} {last}".strip(), problems)

    def _unknown(self, row: Row, key: str, who: str, problems: Problems) -> None:
        problems.group("unknown_mentors", row, key, who,
                       lambda rows, names: f"{plural(rows, 'row')} "
                       f"{verb(rows, 'names', 'name')} {plural(len(names), 'mentor')} not in "
                       f"MentorDesk ({listed(names)}) and {verb(rows, 'was', 'were')} skipped. "
                       "Import the staff list first, or check the names.")
        return None


def _name_in(row: Row, first_key: str, last_key: str, whole_key: str,
             problems: Problems) -> tuple[Any, Any]:
    first, last = row.get(first_key), row.get(last_key)
    if first is not None or last is not None:
        return text_of(first), text_of(last)
    whole = row.get(whole_key)
    if whole is None:
        return "", ""
    text = text_of(whole)
    for title in ("mr.", "mrs.", "ms.", "dr.", "mr", "mrs", "ms", "dr", "coach"):
        if text.lower().startswith(title + " "):
            return "", text[len(title) + 1:].strip()
    try:
        return split_name(text)
    except Unreadable as error:
        problems.unreadable(row, whole_key, error, "The row was skipped.")
        return None, None
