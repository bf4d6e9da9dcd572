"""Attendance as stored: a status per student per date, period summaries, and the code table."""

from __future__ import annotations

from collections.abc import Iterable

import sqlite_utils

from storage.errors import InvalidInput

STATUSES = (
    "present", "tardy", "absent_excused", "absent_unexcused", "suspension_in",
    "suspension_out", "half_day", "partial",
)


def codes(db: sqlite_utils.Database) -> list[dict]:
    """The school's attendance codes and the status each means, by code."""
    return list(db.query("SELECT code, status, label FROM attendance_codes ORDER BY code"))


def code_map(db: sqlite_utils.Database) -> dict[str, str]:
    """Upper-cased code -> status."""
    return {row["code"].upper(): row["status"] for row in codes(db)}


def normal_status(status: str) -> str:
    """A status as typed ("Absent-Excused") as stored ("absent_excused")."""
    return status.strip().lower().replace("-", "_").replace(" ", "_")


def set_code(db: sqlite_utils.Database, code: str, status: str, label: str = "") -> None:
    """Map one of the school's codes to a status (adding or changing it)."""
    status = normal_status(status)
    if status not in STATUSES:
        raise InvalidInput(
            f'"{status}" is not an attendance status. Use one of: {", ".join(STATUSES)}.'
        )
    code = code.strip()
    db.execute(
        "INSERT INTO attendance_codes (code, status, label) VALUES (?, ?, ?) "
        "ON CONFLICT(code) DO UPDATE SET status = excluded.status, "
        "label = CASE WHEN excluded.label != '' THEN excluded.label ELSE label END",
        [code, status, label],
    )


def delete_code(db: sqlite_utils.Database, code: str) -> None:
    db.execute("DELETE FROM attendance_codes WHERE code = ?", [code.strip()])


def insert_days(
    db: sqlite_utils.Database,
    rows: Iterable[tuple[int, str, str, str]],
    batch_id: int | None = None,
) -> None:
    """Store many (student_id, day, status, code) rows at once, replacing any on the same date."""
    db.conn.executemany(
        "INSERT OR REPLACE INTO attendance (student_id, day, status, code, batch_id) "
        "VALUES (?, ?, ?, ?, ?)",
        ((student_id, day, status, code, batch_id) for student_id, day, status, code in rows),
    )


def days_for_year(db: sqlite_utils.Database, first_day: str, last_day: str) -> list[tuple]:
    """Every stored (student_id, day, status, batch_id) row within a year's dates."""
    return db.execute(
        "SELECT student_id, day, status, batch_id FROM attendance "
        "WHERE day BETWEEN ? AND ? ORDER BY student_id, day",
        [first_day, last_day],
    ).fetchall()


def days_of_student(db: sqlite_utils.Database, student_id: int, first_day: str,
                    last_day: str) -> list[dict]:
    return list(
        db.query(
            "SELECT day, status, code, batch_id FROM attendance WHERE student_id = ? "
            "AND day BETWEEN ? AND ? ORDER BY day",
            [student_id, first_day, last_day],
        )
    )


def add_summary(db: sqlite_utils.Database, student_id: int, year_id: int, as_of: str,
                days_enrolled: float, days_absent: float, batch_id: int | None = None) -> None:
    db.execute(
        "INSERT INTO attendance_summaries (student_id, year_id, as_of, days_enrolled, "
        "days_absent, batch_id) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(student_id, as_of) "
        "DO UPDATE SET days_enrolled = excluded.days_enrolled, "
        "days_absent = excluded.days_absent, year_id = excluded.year_id",
        [student_id, year_id, as_of, days_enrolled, days_absent, batch_id],
    )


def summaries_for_year(db: sqlite_utils.Database, year_id: int) -> list[dict]:
    return list(
        db.query(
            "SELECT * FROM attendance_summaries WHERE year_id = ? ORDER BY student_id, as_of",
            [year_id],
        )
    )


def count_days(db: sqlite_utils.Database) -> int:
    return db.execute("SELECT count(*) FROM attendance").fetchone()[0]
