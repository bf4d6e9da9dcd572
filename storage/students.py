"""Students, and their place in each school year (grade, homeroom, entry and exit dates)."""

from __future__ import annotations

from typing import Any

import sqlite_utils

from storage import history
from storage.clock import day_text, now_text
from storage.errors import InvalidInput

PROFILE_FIELDS = (
    "local_id", "id_kind", "first_name", "last_name", "preferred_name", "guardian_name",
    "guardian_phone", "guardian_email", "consent_status", "consent_date", "interests", "notes",
)
ENROLLMENT_FIELDS = ("grade", "homeroom", "entry_date", "exit_date")


def add_student(
    db: sqlite_utils.Database,
    *,
    year_id: int | None = None,
    grade: int | None = None,
    homeroom: str = "",
    entry_date: str | None = None,
    exit_date: str | None = None,
    batch_id: int | None = None,
    **profile: Any,
) -> int:
    """Add a student (and, with ``year_id``, their enrollment that year); returns the new id."""
    unknown = set(profile) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"unknown student fields: {sorted(unknown)}")
    values = {field: profile.get(field, "") for field in PROFILE_FIELDS}
    values["local_id"] = _clean_local_id(profile.get("local_id"))
    values["id_kind"] = profile.get("id_kind") or "student_number"
    values["consent_status"] = profile.get("consent_status") or "unknown"
    values["consent_date"] = day_text(profile.get("consent_date"))
    if values["local_id"] and student_by_local_id(db, values["local_id"]):
        raise InvalidInput(f"A student with ID {values['local_id']} is already in MentorDesk.")
    with db.atomic():
        student_id = db.execute(
            f"INSERT INTO students ({', '.join(PROFILE_FIELDS)}, created_at, batch_id) "
            f"VALUES ({', '.join('?' * len(PROFILE_FIELDS))}, ?, ?)",
            [values[field] for field in PROFILE_FIELDS] + [now_text(), batch_id],
        ).lastrowid
        if year_id is not None:
            set_enrollment(db, student_id, year_id, grade=grade, homeroom=homeroom,
                           entry_date=entry_date, exit_date=exit_date, batch_id=batch_id)
        history.record_student(db, student_id)
    return student_id


def _clean_local_id(value: Any) -> str | None:
    text = "" if value is None else str(value).strip()
    return text or None


def update_student(db: sqlite_utils.Database, student_id: int, **changes: Any) -> None:
    """Change profile fields of one student."""
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"unknown student fields: {sorted(unknown)}")
    if not changes:
        return
    if "local_id" in changes:
        changes["local_id"] = _clean_local_id(changes["local_id"])
        other = student_by_local_id(db, changes["local_id"]) if changes["local_id"] else None
        if other and other["id"] != student_id:
            raise InvalidInput(
                f"Another student already has ID {changes['local_id']}. Check the ID."
            )
    if "consent_date" in changes:
        changes["consent_date"] = day_text(changes["consent_date"])
    assignments = ", ".join(f"{field} = ?" for field in changes)
    db.execute(
        f"UPDATE students SET {assignments} WHERE id = ?", [*changes.values(), student_id]
    )


def set_enrollment(
    db: sqlite_utils.Database,
    student_id: int,
    year_id: int,
    *,
    grade: int | None = None,
    homeroom: str = "",
    entry_date: str | None = None,
    exit_date: str | None = None,
    batch_id: int | None = None,
) -> None:
    """Put a student in a school year, or update their grade, homeroom and dates there."""
    db.execute(
        "INSERT INTO enrollments (student_id, year_id, grade, homeroom, entry_date, exit_date, "
        "batch_id) VALUES (?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(student_id, year_id) DO UPDATE SET grade = excluded.grade, "
        "homeroom = excluded.homeroom, entry_date = excluded.entry_date, "
        "exit_date = excluded.exit_date, "
        # A grade set to something else is a known grade, no longer a guess from last year.
        "grade_provisional = CASE WHEN excluded.grade IS enrollments.grade "
        "THEN enrollments.grade_provisional ELSE 0 END",
        [student_id, year_id, grade, homeroom or "", day_text(entry_date), day_text(exit_date),
         batch_id],
    )


def carry_up(db: sqlite_utils.Database, student_id: int, year_id: int, grade: int) -> None:
    """Enroll a student in a new school year one grade up, provisionally (until that year's
    roster confirms the grade)."""
    db.execute(
        "INSERT INTO enrollments (student_id, year_id, grade, grade_provisional) "
        "VALUES (?, ?, ?, 1)", [student_id, year_id, grade])


def confirm_grades(db: sqlite_utils.Database, year_id: int, student_ids: list[int]) -> int:
    """The roster gave these students' grades: they are no longer provisional. Returns how
    many were."""
    confirmed = 0
    for start in range(0, len(student_ids), 500):
        chunk = student_ids[start:start + 500]
        confirmed += db.execute(
            "UPDATE enrollments SET grade_provisional = 0 WHERE year_id = ? AND "
            f"grade_provisional = 1 AND student_id IN ({', '.join('?' * len(chunk))})",
            [year_id, *chunk]).rowcount
    return confirmed


def provisional_count(db: sqlite_utils.Database, year_id: int) -> int:
    """How many students of the year have a grade carried up and not confirmed yet."""
    return db.execute("SELECT count(*) FROM enrollments WHERE year_id = ? AND "
                      "grade_provisional = 1", [year_id]).fetchone()[0]


def set_archived(db: sqlite_utils.Database, student_id: int, archived: bool) -> None:
    """Archive (hide) or restore a student; students are never deleted by hand. The change is
    recorded from today (:mod:`storage.history`): earlier reports keep the student as they were."""
    db.execute("UPDATE students SET archived = ? WHERE id = ?", [int(archived), student_id])
    history.record_student(db, student_id)


def student(db: sqlite_utils.Database, student_id: int) -> dict | None:
    rows = list(db.query("SELECT * FROM students WHERE id = ?", [student_id]))
    return rows[0] if rows else None


def student_by_local_id(db: sqlite_utils.Database, local_id: str) -> dict | None:
    rows = list(db.query("SELECT * FROM students WHERE local_id = ?", [str(local_id)]))
    return rows[0] if rows else None


def enrollment(db: sqlite_utils.Database, student_id: int, year_id: int) -> dict | None:
    rows = list(
        db.query(
            "SELECT * FROM enrollments WHERE student_id = ? AND year_id = ?",
            [student_id, year_id],
        )
    )
    return rows[0] if rows else None


def enrollments_of(db: sqlite_utils.Database, student_id: int) -> list[dict]:
    """A student's enrollments, every year, oldest first, with the year's name."""
    return list(
        db.query(
            "SELECT e.*, y.name AS year_name FROM enrollments e "
            "JOIN school_years y ON y.id = e.year_id WHERE e.student_id = ? ORDER BY y.first_day",
            [student_id],
        )
    )


def students_in_year(
    db: sqlite_utils.Database, year_id: int, *, include_archived: bool = True
) -> list[dict]:
    """Students enrolled in a year with their grade, homeroom and dates, by name."""
    archived_clause = "" if include_archived else "AND s.archived = 0"
    return list(
        db.query(
            "SELECT s.*, e.grade, e.homeroom, e.entry_date, e.exit_date, e.year_id, "
            "e.grade_provisional "
            "FROM students s JOIN enrollments e ON e.student_id = s.id "
            f"WHERE e.year_id = ? {archived_clause} "
            "ORDER BY s.last_name COLLATE NOCASE, s.first_name COLLATE NOCASE, s.id",
            [year_id],
        )
    )


def count_students(db: sqlite_utils.Database) -> int:
    return db.execute("SELECT count(*) FROM students").fetchone()[0]


def local_ids(db: sqlite_utils.Database) -> dict[str, int]:
    """Every student's local ID mapped to their internal id (for imports)."""
    return {
        local_id: student_id
        for student_id, local_id in db.execute(
            "SELECT id, local_id FROM students WHERE local_id IS NOT NULL"
        )
    }
