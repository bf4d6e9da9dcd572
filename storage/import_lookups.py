"""Everything an import compares its rows with, loaded in a few queries."""

from __future__ import annotations

import sqlite_utils


def students_with_enrollment(db: sqlite_utils.Database, year_id: int | None) -> list[dict]:
    """Every student, with their enrollment in ``year_id`` (enrollment fields None if none)."""
    return list(db.query(
        "SELECT s.*, e.id AS enrollment_id, e.grade, e.homeroom, e.entry_date, e.exit_date, "
        "e.grade_provisional "
        "FROM students s LEFT JOIN enrollments e ON e.student_id = s.id AND e.year_id = ? "
        "ORDER BY s.id", [year_id]))


def enrollment_row(db: sqlite_utils.Database, student_id: int, year_id: int) -> dict | None:
    rows = list(db.query("SELECT * FROM enrollments WHERE student_id = ? AND year_id = ?",
                         [student_id, year_id]))
    return rows[0] if rows else None


def matches_with_names(db: sqlite_utils.Database, year_id: int) -> list[dict]:
    """The year's matches with student ID and mentor name, for matching imported rows."""
    return list(db.query(
        "SELECT x.*, s.local_id AS student_local_id, s.first_name AS student_first_name, "
        "s.last_name AS student_last_name, m.first_name AS mentor_first_name, "
        "m.last_name AS mentor_last_name, m.email AS mentor_email FROM matches x "
        "JOIN students s ON s.id = x.student_id JOIN mentors m ON m.id = x.mentor_id "
        "WHERE x.year_id = ? ORDER BY x.id", [year_id]))


def meetings_by_match(db: sqlite_utils.Database, year_id: int) -> list[dict]:
    """Each meeting of the year once per match it belongs to, with its topic ids."""
    return list(db.query(
        "SELECT g.*, mm.match_id, (SELECT group_concat(topic_id) FROM meeting_topics t "
        "WHERE t.meeting_id = g.id) AS topic_list FROM meetings g "
        "JOIN meeting_matches mm ON mm.meeting_id = g.id JOIN matches x ON x.id = mm.match_id "
        "WHERE x.year_id = ? ORDER BY g.id", [year_id]))


def mentor_name(db: sqlite_utils.Database, mentor_id: int) -> str:
    """A mentor's first and last name, as a referral records who raised it."""
    row = db.execute("SELECT first_name, last_name FROM mentors WHERE id = ?",
                     [mentor_id]).fetchone()
    return " ".join(part for part in row if part) if row else ""


def roles(db: sqlite_utils.Database) -> dict[str, int]:
    """Every mentor role (active or not), lower-cased name -> id."""
    return {name.lower(): role_id for role_id, name in
            db.execute("SELECT id, name FROM mentor_roles")}


def topics(db: sqlite_utils.Database) -> dict[str, int]:
    return {name.lower(): topic_id for topic_id, name in db.execute("SELECT id, name FROM topics")}


def add_role(db: sqlite_utils.Database, name: str) -> int:
    order = db.execute("SELECT coalesce(max(sort_order), -1) + 1 FROM mentor_roles").fetchone()[0]
    return db.execute("INSERT INTO mentor_roles (name, sort_order) VALUES (?, ?)",
                      [name, order]).lastrowid


def add_topic(db: sqlite_utils.Database, name: str) -> int:
    order = db.execute("SELECT coalesce(max(sort_order), -1) + 1 FROM topics").fetchone()[0]
    return db.execute("INSERT INTO topics (name, sort_order) VALUES (?, ?)",
                      [name, order]).lastrowid


def non_school_days_of(db: sqlite_utils.Database, year_id: int) -> dict[str, dict]:
    """The year's non-school days by date, whole rows (to save them before a change)."""
    return {row["day"]: row for row in
            db.query("SELECT * FROM non_school_days WHERE year_id = ?", [year_id])}


def set_non_school_day(db: sqlite_utils.Database, year_id: int, day: str, label: str,
                       batch_id: int | None) -> None:
    db.execute(
        "INSERT INTO non_school_days (year_id, day, label, batch_id) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(year_id, day) DO UPDATE SET label = excluded.label",
        [year_id, day, label, batch_id])


def remove_non_school_day(db: sqlite_utils.Database, year_id: int, day: str) -> None:
    db.execute("DELETE FROM non_school_days WHERE year_id = ? AND day = ?", [year_id, day])


def enrollment_id(db: sqlite_utils.Database, student_id: int, year_id: int) -> int | None:
    row = db.execute("SELECT id FROM enrollments WHERE student_id = ? AND year_id = ?",
                     [student_id, year_id]).fetchone()
    return row[0] if row else None


def set_student_batch(db: sqlite_utils.Database, student_id: int, batch_id: int) -> None:
    db.execute("UPDATE students SET batch_id = ? WHERE id = ?", [batch_id, student_id])


def set_match_start(db: sqlite_utils.Database, match_id: int, started_on: str) -> None:
    db.execute("UPDATE matches SET started_on = ? WHERE id = ?", [started_on, match_id])
