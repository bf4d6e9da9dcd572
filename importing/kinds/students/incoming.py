"""One student as a file gives them: a row read, and rows about the same student merged."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from importing.kinds.base import Problems, Row
from importing.kinds.students.reasons import read_reasons
from importing.values import (
    Unreadable,
    parse_availability,
    parse_date,
    parse_grade,
    parse_yes_no,
    split_name,
    text_of,
)

NOMINATION_FIELDS = {"nominated_by", "nominated_on", "reasons", "reason_attendance",
                     "reason_behavior", "reason_academics", "reason_social_emotional",
                     "reason_other"}
REASON_FLAGS = {"reason_attendance": "attendance", "reason_behavior": "behavior",
                "reason_academics": "academics", "reason_social_emotional": "social_emotional",
                "reason_other": "other"}
WITHDRAWN_WORDS = {"withdrawn", "withdrew", "inactive", "transferred", "transferred out",
                   "left", "moved", "graduated", "exited", "no show", "dropped", "w", "i",
                   "tobedeleted"}


@dataclass
class Incoming:
    """One student as the file gives them (merged over every row that names them)."""

    row: Row
    rows: list[Row]
    ids: dict[str, str]  # kind of ID -> value (student_number, sis_id, state_id, ...)
    first_name: str
    last_name: str
    profile: dict[str, str] = field(default_factory=dict)
    grade: int | None = None
    enrollment: dict[str, Any] = field(default_factory=dict)
    grid: set | None = None
    withdrawn: bool = False
    nominations: list[dict] = field(default_factory=list)
    existing: dict | None = None
    id_restored: bool = False

    @property
    def local_id(self) -> str | None:
        """The school's student number, if the file gives one."""
        return self.ids.get("student_number")

    @property
    def shown_name(self) -> str:
        """The name as a sentence shows it, without a gap where a part is missing."""
        return " ".join(part for part in (self.first_name, self.last_name) if part)


def read_details(student: Incoming, row: Row, problems: Problems, is_nomination_file: bool,
                 every_weekday_rows: list[int], reason_words: dict) -> None:
    """Everything but the IDs and the name: profile, grade, enrollment, times, nomination."""
    for key in ("preferred_name", "guardian_name", "guardian_phone", "guardian_email",
                "interests"):
        value = row.get(key)
        if value is not None:
            student.profile[key] = text_of(value)
    raw_grade = row.get("grade")
    if raw_grade is not None:
        try:
            # OneRoster may list several grades ("09,10"): the first is the student's.
            first = re.split(r"[,;]", raw_grade)[0] if isinstance(raw_grade, str) else raw_grade
            student.grade = parse_grade(first)
        except Unreadable as error:
            problems.unreadable(row, "grade", error, "The grade was left out.")
    elif row.table.sheet_grade is not None:
        student.grade = row.table.sheet_grade
    if student.grade is not None:
        student.enrollment["grade"] = student.grade
    homeroom = row.get("homeroom")
    if homeroom is not None:
        student.enrollment["homeroom"] = text_of(homeroom)
    for key in ("entry_date", "exit_date"):
        value = row.get(key)
        if value is not None:
            try:
                student.enrollment[key] = parse_date(value).isoformat()
            except Unreadable as error:
                problems.unreadable(row, key, error, "It was left as it was.")
    status = row.get("enroll_status")
    if status is not None:
        student.withdrawn = is_withdrawn(status, row.column("enroll_status") or "")
    when_free = row.get("availability")
    if when_free is not None:
        try:
            grid, every_weekday = parse_availability(when_free)
            student.grid = grid
            if every_weekday:
                every_weekday_rows.append(row.number)
        except Unreadable as error:
            problems.unreadable(row, "availability", error, "The times were left as they were.")
    notes = row.get("notes")
    if is_nomination_file:
        student.nominations.append(nomination_of(row, problems, notes, reason_words))
    elif notes is not None:
        student.profile["notes"] = text_of(notes)


def name_of(row: Row, problems: Problems) -> tuple[str | None, str | None]:
    """(first, last) of the row's student; (None, None) when the name cannot be read."""
    first, last = row.get("first_name"), row.get("last_name")
    if first is not None or last is not None:
        return text_of(first), text_of(last)
    whole = row.get("full_name")
    if whole is None:
        return "", ""
    try:
        return split_name(whole)
    except Unreadable as error:
        problems.unreadable(row, "full_name", error, "The row was skipped.")
        return None, None


def is_withdrawn(value: Any, header: str) -> bool:
    """Whether an enrollment status says the student has left."""
    text = text_of(value).lower()
    if header.strip().upper() == "TG":  # Aeries: blank is active, anything else is not
        return bool(text)
    if text in ("2", "3"):  # PowerSchool: 2 transferred out, 3 graduated
        return True
    return text in WITHDRAWN_WORDS


def nomination_of(row: Row, problems: Problems, notes: Any, reason_words: dict) -> dict:
    """The nomination a row of a teachers' sheet makes: by whom, when, why."""
    nomination: dict[str, Any] = {"reasons": set(), "nominated_by": "", "nominated_on": None,
                                  "notes": text_of(notes) if notes is not None else "",
                                  "row": row}
    by = row.get("nominated_by")
    if by is not None:
        nomination["nominated_by"] = text_of(by)
    on = row.get("nominated_on")
    if on is not None:
        try:
            nomination["nominated_on"] = parse_date(on).isoformat()
        except Unreadable as error:
            problems.unreadable(row, "nominated_on", error, "The date was left blank.")
    words = row.get("reasons")
    if words is not None:
        reasons, guessed, unknown = read_reasons(text_of(words))
        nomination["reasons"] |= reasons
        for part, reason in guessed:
            reason_words.setdefault("guessed", {})[part] = reason
        if unknown:
            nomination["reasons"].add("other")
            nomination["notes"] = "; ".join(filter(None, [nomination["notes"],
                                                          "Reason: " + ", ".join(unknown)]))
            problems.group("unknown_reasons", row, "reasons", ", ".join(unknown),
                           lambda rows, items: _unknown_reasons_sentence(rows, items))
    for key, reason in REASON_FLAGS.items():
        value = row.get(key)
        if value is None:
            continue
        try:
            if parse_yes_no(value):
                nomination["reasons"].add(reason)
        except Unreadable:
            # A teacher wrote words in the box instead of a tick: that still says yes.
            nomination["reasons"].add(reason)
            nomination["notes"] = "; ".join(filter(None, [nomination["notes"], text_of(value)]))
    return nomination


def _unknown_reasons_sentence(rows: int, items: list[str]) -> str:
    from importing.kinds.base import listed, plural, verb

    quoted = [f'"{item}"' for item in items]
    return (f"{plural(rows, 'nomination')} {verb(rows, 'gives', 'give')} reasons MentorDesk "
            f"does not know ({listed(quoted)}): {verb(rows, 'it was', 'they were')} saved as "
            "Other, with the words in the nomination's notes. Check them after the import.")


def merge(first: Incoming, other: Incoming, problems: Problems) -> None:
    """The same student on two rows (one per nominating teacher, say)."""
    first.rows.append(other.row)
    for kind, value in other.ids.items():
        first.ids.setdefault(kind, value)
    for key, value in other.profile.items():
        if key not in first.profile:
            first.profile[key] = value
    for key, value in other.enrollment.items():
        if key in first.enrollment and first.enrollment[key] != value:
            problems.add(other.row, key,
                         f"This student is also on row {first.row.number} of sheet "
                         f"\"{first.row.sheet}\" with a different {key.replace('_', ' ')}; "
                         "the first row's value was used.")
        first.enrollment.setdefault(key, value)
    if first.grade is None:
        first.grade = other.grade
    if other.grid:
        first.grid = (first.grid or set()) | other.grid
    first.withdrawn = first.withdrawn or other.withdrawn
    for nomination in other.nominations:
        same = [n for n in first.nominations
                if n["nominated_by"].lower() == nomination["nominated_by"].lower()]
        if same:  # the same teacher twice: one nomination with every reason given
            same[0]["reasons"] |= nomination["reasons"]
            if nomination["notes"] and nomination["notes"] not in same[0]["notes"]:
                same[0]["notes"] = "; ".join(filter(None, [same[0]["notes"],
                                                           nomination["notes"]]))
        else:
            first.nominations.append(nomination)
