"""Finding the students and mentors a row names (for matches, meetings and attendance)."""

from __future__ import annotations

from typing import Any

import sqlite_utils

from importing.kinds.base import Problems, Row, listed, plural, verb
from importing.values import KnownIds, Unreadable, name_key, parse_id, split_name, text_of
from storage import import_lookups
from storage import mentors as mentor_store


class StudentFinder:
    """Students by ID (lost leading zeros noticed), else by name (and grade) when unique."""

    def __init__(self, db: sqlite_utils.Database, year_id: int | None) -> None:
        rows = import_lookups.students_with_enrollment(db, year_id)
        self.by_local_id = {row["local_id"]: row for row in rows if row["local_id"]}
        self.known = KnownIds(self.by_local_id)
        self.by_name: dict[tuple[str, str], list[dict]] = {}
        for row in rows:
            self.by_name.setdefault(name_key(row["first_name"], row["last_name"]), []).append(row)

    def find(self, row: Row, problems: Problems) -> dict | None:
        """The student a row names, or None (with the reason added to ``problems``)."""
        raw_id = row.get("student_id")
        if raw_id is not None:
            try:
                local_id = parse_id(raw_id)
            except Unreadable as error:
                problems.unreadable(row, "student_id", error, "The row was skipped.")
                return None
            resolved, restored = self.known.resolve(local_id)
            student = self.by_local_id.get(resolved)
            if student is None:
                problems.group("unknown_students", row, "student_id", local_id,
                               lambda rows, ids: f"{plural(rows, 'row')} for "
                               f"{plural(len(ids), 'student')} not on the roster (ID "
                               f"{listed(ids)}) {verb(rows, 'was', 'were')} skipped. Import the "
                               "roster first, or check the IDs.")
                return None
            if restored:
                problems.group("restored_zeros", row, "student_id", local_id,
                               lambda rows, ids: f"{plural(len(ids), 'student ID')} had lost "
                               f"{verb(len(ids), 'its', 'their')} leading zeros ({listed(ids)}) "
                               f"and {verb(len(ids), 'was', 'were')} matched to the students "
                               "whose IDs start with zeros.")
            return student
        first, last = _name_in(row, "first_name", "last_name", "full_name", problems)
        if first is None:
            return None
        if not first and not last:
            problems.add(row, None, "This row has neither a student ID nor a name: it was "
                                    "skipped.")
            return None
        candidates = self.by_name.get(name_key(first, last), [])
        if len(candidates) > 1 and row.get("grade") is not None:
            from importing.values import parse_grade

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
