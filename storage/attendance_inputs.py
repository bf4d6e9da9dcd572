"""Bulk loads of what the attendance rules need for one school year (rows, coverage, totals).

Imports that were undone count for nothing: their rows and coverage are left out here.
Every function takes an optional ``student_id`` to load one student only (the detail view).
"""

from __future__ import annotations

import sqlite_utils


def _student_clause(column: str, student_id: int | None) -> tuple[str, list]:
    if student_id is None:
        return "", []
    return f" AND {column} = ?", [student_id]


def enrollment_dates(db: sqlite_utils.Database, year_id: int,
                     student_id: int | None = None) -> list[tuple[int, str | None, str | None]]:
    """(student_id, entry_date, exit_date) of every student enrolled in the year."""
    clause, params = _student_clause("student_id", student_id)
    return db.execute(
        f"SELECT student_id, entry_date, exit_date FROM enrollments WHERE year_id = ?{clause} "
        "ORDER BY student_id",
        [year_id, *params],
    ).fetchall()


def attendance_rows(db: sqlite_utils.Database, first_day: str, last_day: str,
                    student_id: int | None = None) -> list[tuple[int, str, str, int | None]]:
    """(student_id, day, status, batch_id) of every stored row within the dates, by student and
    day, leaving out rows of undone imports; ``batch_id`` is None for rows typed by hand."""
    clause, params = _student_clause("student_id", student_id)
    # "+day": read the table in its own (student, day) order rather than through the day index,
    # three times faster for a whole year (the rows come out grouped by student, unsorted work
    # for nobody).
    rows = db.execute(
        "SELECT student_id, day, status, batch_id FROM attendance "
        f"WHERE +day BETWEEN ? AND ?{clause} ORDER BY student_id, day",
        [first_day, last_day, *params],
    ).fetchall()
    undone = undone_batch_ids(db)
    if undone:
        rows = [row for row in rows if row[3] not in undone]
    return rows


def undone_batch_ids(db: sqlite_utils.Database) -> set[int]:
    """Imports that were undone: what they stored counts for nothing."""
    return {row[0] for row in db.execute(
        "SELECT id FROM import_batches WHERE undone_at IS NOT NULL")}


def exceptions_coverage(db: sqlite_utils.Database, first_day: str, last_day: str,
                        student_id: int | None = None) -> list[tuple[int, int, str, str]]:
    """(student_id, batch_id, covers_from, covers_through) of every exceptions-only import that
    speaks for a student within the dates (not undone).

    An import without recorded dates covers from the year's first day through the day it was
    imported: it cannot speak for days after it was made.
    """
    clause, params = _student_clause("c.student_id", student_id)
    return db.execute(
        "SELECT c.student_id, b.id, coalesce(b.covers_from, ?) AS covers_from, "
        "coalesce(b.covers_through, substr(b.imported_at, 1, 10)) AS covers_through "
        "FROM attendance_coverage c JOIN import_batches b ON b.id = c.batch_id "
        "WHERE b.attendance_mode = 'exceptions' AND b.undone_at IS NULL "
        f"AND coalesce(b.covers_from, ?) <= ? "
        f"AND coalesce(b.covers_through, substr(b.imported_at, 1, 10)) >= ?{clause}",
        [first_day, first_day, last_day, first_day, *params],
    ).fetchall()


def period_summaries(db: sqlite_utils.Database, year_id: int,
                     student_id: int | None = None) -> list[tuple[int, str, float, float]]:
    """(student_id, as_of, days_enrolled, days_absent) of the year's period totals, leaving out
    totals from undone imports."""
    clause, params = _student_clause("s.student_id", student_id)
    return db.execute(
        "SELECT s.student_id, s.as_of, s.days_enrolled, s.days_absent "
        "FROM attendance_summaries s LEFT JOIN import_batches b ON b.id = s.batch_id "
        f"WHERE s.year_id = ? AND b.undone_at IS NULL{clause}",
        [year_id, *params],
    ).fetchall()


def attendance_imports(db: sqlite_utils.Database, first_day: str,
                       last_day: str) -> list[dict]:
    """The attendance imports that touch the dates (undone ones included, marked), oldest
    first, with how many rows and students each still holds."""
    return list(
        db.query(
            "SELECT b.id, b.file_name, b.imported_at, b.attendance_mode, b.covers_from, "
            "b.covers_through, b.undone_at, "
            "(SELECT count(*) FROM attendance a WHERE a.batch_id = b.id) AS rows_kept, "
            "(SELECT count(*) FROM attendance_coverage c WHERE c.batch_id = b.id) "
            "AS students_covered "
            "FROM import_batches b WHERE b.attendance_mode IS NOT NULL "
            "AND coalesce(b.covers_from, ?) <= ? "
            "AND coalesce(b.covers_through, substr(b.imported_at, 1, 10)) >= ? "
            "ORDER BY b.id",
            [first_day, last_day, first_day],
        )
    )


def days_with_rows(db: sqlite_utils.Database, first_day: str, last_day: str) -> set[str]:
    """Days within the dates on which any student has a stored row (undone imports left out)."""
    undone = undone_batch_ids(db)
    if not undone:
        # Answered from the day index alone: fast even for a whole year of a big school.
        return {row[0] for row in db.execute(
            "SELECT DISTINCT day FROM attendance WHERE day BETWEEN ? AND ?",
            [first_day, last_day])}
    marks = ", ".join("?" * len(undone))
    return {row[0] for row in db.execute(
        "SELECT DISTINCT day FROM attendance WHERE day BETWEEN ? AND ? "
        f"AND (batch_id IS NULL OR batch_id NOT IN ({marks}))",
        [first_day, last_day, *sorted(undone)])}


def record_coverage(db: sqlite_utils.Database, batch_id: int, student_ids: list[int]) -> None:
    """Note which students an exceptions-only import speaks for (its silence = present)."""
    db.conn.executemany(
        "INSERT OR IGNORE INTO attendance_coverage (batch_id, student_id) VALUES (?, ?)",
        ((batch_id, student_id) for student_id in student_ids),
    )


def day_spans(db: sqlite_utils.Database, year_id: int, first_day: str, last_day: str
              ) -> list[tuple[int, str, str, int, str | None]]:
    """Each enrolled student's stored days within the dates, compactly: (student_id, first
    day, last day, rows, the rows that are not plain presence as "YYYY-MM-DDstatus" joined by
    commas); students with no row left out, and undone imports.

    For most students a daily import lists every school day between the first and the last:
    then the span and the absences are all a report needs (analysis.report_attendance). Each
    student's rows are found through the key (student, day), so the other years' rows are
    never read: twice as fast as one pass over the whole table."""
    undone = sorted(undone_batch_ids(db))
    batch_clause = ""
    if undone:
        batch_clause = f" AND (a.batch_id IS NULL OR a.batch_id NOT IN " \
                       f"({', '.join(str(int(batch)) for batch in undone)}))"
    rows = f"FROM attendance a WHERE a.student_id = e.student_id " \
           f"AND a.day BETWEEN :first AND :last{batch_clause}"
    found = db.execute(
        f"SELECT e.student_id, (SELECT min(a.day) {rows}), (SELECT max(a.day) {rows}), "
        f"(SELECT count(*) {rows}), "
        f"(SELECT group_concat(a.day || a.status) {rows} "
        "AND a.status NOT IN ('present', 'tardy')) "
        "FROM enrollments e WHERE e.year_id = :year ORDER BY e.student_id",
        {"first": first_day, "last": last_day, "year": year_id},
    ).fetchall()
    return [row for row in found if row[3]]


def students_with_rows_on(db: sqlite_utils.Database, days: list[str]) -> set[int]:
    """Students with a stored row on any of ``days`` (through the day index: quick when, as
    usual, there is none), undone imports left out."""
    found: set[int] = set()
    undone = undone_batch_ids(db)
    for start in range(0, len(days), 500):
        chunk = days[start:start + 500]
        found |= {row[0] for row in db.execute(
            "SELECT student_id, batch_id FROM attendance "
            f"WHERE day IN ({', '.join('?' * len(chunk))})", chunk) if row[1] not in undone}
    return found


def attendance_rows_of(db: sqlite_utils.Database, first_day: str, last_day: str,
                       student_ids: list[int]) -> list[tuple[int, str, str, int | None]]:
    """:func:`attendance_rows` for some students only (by student and day)."""
    rows: list[tuple[int, str, str, int | None]] = []
    ordered = sorted(set(student_ids))
    for start in range(0, len(ordered), 500):
        chunk = ordered[start:start + 500]
        rows += db.execute(
            "SELECT student_id, day, status, batch_id FROM attendance "
            f"WHERE student_id IN ({', '.join('?' * len(chunk))}) AND day BETWEEN ? AND ? "
            "ORDER BY student_id, day", [*chunk, first_day, last_day]).fetchall()
    undone = undone_batch_ids(db)
    if undone:
        rows = [row for row in rows if row[3] not in undone]
    return rows
