"""Bulk loads of what the program's rules need beyond attendance: matches, meetings, mentors,
nominations, trainings and referrals of one school year, as plain rows."""

from __future__ import annotations

import sqlite_utils


def matched_student_ids(db: sqlite_utils.Database, year_id: int) -> set[int]:
    """Students with a match (open or closed) in the year."""
    return {row[0] for row in db.execute(
        "SELECT DISTINCT student_id FROM matches WHERE year_id = ?", [year_id])}


def match_dates(db: sqlite_utils.Database,
                year_id: int) -> list[tuple[int, int, int, str, str | None, str | None]]:
    """(match_id, mentor_id, student_id, started_on, ended_on, closure_reason) of every match
    in the year."""
    return db.execute(
        "SELECT id, mentor_id, student_id, started_on, ended_on, closure_reason FROM matches "
        "WHERE year_id = ? ORDER BY id",
        [year_id],
    ).fetchall()


def year_of_match(db: sqlite_utils.Database, match_id: int) -> int | None:
    """The school year a match belongs to."""
    row = db.execute("SELECT year_id FROM matches WHERE id = ?", [match_id]).fetchone()
    return row[0] if row else None


def mentor_rows(db: sqlite_utils.Database) -> list[dict]:
    """Every mentor with what matching weighs: interests, capacity, screening, active."""
    return list(db.query(
        "SELECT id, first_name, last_name, interests, capacity, background_check_on, "
        "background_check_expires, agreement_signed, active FROM mentors ORDER BY id"))


def student_rows(db: sqlite_utils.Database, student_ids: list[int]) -> list[dict]:
    """The named students' names and interests, by id."""
    if not student_ids:
        return []
    marks = ", ".join("?" * len(student_ids))
    return list(db.query(
        "SELECT id, first_name, last_name, preferred_name, interests FROM students "
        f"WHERE id IN ({marks}) ORDER BY id", list(student_ids)))


def waiting_inputs(db: sqlite_utils.Database, year_id: int) -> list[dict]:
    """What decides whether each nominated student of the year waits for a mentor: their
    nominations' statuses, whether they have an open match, archived, and their exit date
    (program.waiting.is_waiting decides)."""
    rows = db.execute(
        "SELECT n.student_id, group_concat(n.status), s.archived, e.exit_date, "
        "EXISTS (SELECT 1 FROM matches x WHERE x.student_id = n.student_id "
        "AND x.year_id = n.year_id AND x.ended_on IS NULL) "
        "FROM nominations n JOIN students s ON s.id = n.student_id "
        "JOIN enrollments e ON e.student_id = n.student_id AND e.year_id = n.year_id "
        "WHERE n.year_id = ? GROUP BY n.student_id ORDER BY n.student_id", [year_id]).fetchall()
    return [{"student_id": student_id, "statuses": statuses.split(","),
             "archived": bool(archived), "exit_date": exit_date, "matched_now": bool(matched)}
            for student_id, statuses, archived, exit_date, matched in rows]


def mentor_ids_by_student(db: sqlite_utils.Database, year_id: int) -> dict[int, set[int]]:
    """Student -> the mentors they were matched with in the year (open or closed)."""
    found: dict[int, set[int]] = {}
    for student_id, mentor_id in db.execute(
            "SELECT student_id, mentor_id FROM matches WHERE year_id = ?", [year_id]):
        found.setdefault(student_id, set()).add(mentor_id)
    return found


def nomination_days(db: sqlite_utils.Database,
                    year_id: int) -> list[tuple[int, str, str | None, str | None]]:
    """(student_id, status, nominated_on, imported_at) of every nomination of the year: the
    date the teacher gave, and when the sheet that brought it was imported (None when typed)."""
    return db.execute(
        "SELECT n.student_id, n.status, n.nominated_on, b.imported_at FROM nominations n "
        "LEFT JOIN import_batches b ON b.id = n.batch_id WHERE n.year_id = ? ORDER BY n.id",
        [year_id]).fetchall()
