"""Attendance as an import reads and writes it: in bulk, by date range, with coverage.

An exceptions-only import speaks for every student enrolled in its year whose enrollment
overlaps the dates it covers (``attendance_coverage``): within those dates, a day such a
student has no row for was a present day.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import chain
from operator import add, itemgetter

import sqlite_utils


def years_with_calendars(db: sqlite_utils.Database) -> list[dict]:
    """Every school year with its non-school days as a set of ISO dates."""
    years = list(db.query("SELECT id, name, first_day, last_day FROM school_years "
                          "ORDER BY first_day"))
    closed: dict[int, set[str]] = {year["id"]: set() for year in years}
    for year_id, day in db.execute("SELECT year_id, day FROM non_school_days"):
        closed.setdefault(year_id, set()).add(day)
    for year in years:
        year["closed"] = closed[year["id"]]
    return years


def stored_rows(
    db: sqlite_utils.Database, first_day: str, last_day: str, *, exceptions_only: bool = False
) -> dict[tuple[int, str], tuple[str, str, int | None]]:
    """(student id, day) -> (status, code, batch id) of the stored rows between two dates."""
    where = " AND status != 'present'" if exceptions_only else ""
    return {
        (student_id, day): (status, code, batch_id)
        for student_id, day, status, code, batch_id in db.execute(
            "SELECT student_id, day, status, code, batch_id FROM attendance "
            f"WHERE day BETWEEN ? AND ?{where}", [first_day, last_day])
    }


def has_rows_between(db: sqlite_utils.Database, first_day: str, last_day: str) -> bool:
    return db.execute("SELECT EXISTS (SELECT 1 FROM attendance WHERE day BETWEEN ? AND ?)",
                      [first_day, last_day]).fetchone()[0] == 1


def insert_rows(db: sqlite_utils.Database, rows: Iterable[tuple[int, str, str, str]],
                batch_id: int) -> None:
    """Add (student id, day, status, code) rows that are not stored yet, marked with the batch."""
    db.conn.executemany(
        "INSERT INTO attendance (student_id, day, status, code, batch_id) VALUES (?, ?, ?, ?, ?)",
        ((student_id, day, status, code, batch_id) for student_id, day, status, code in rows))


def update_rows(db: sqlite_utils.Database, rows: Iterable[tuple[int, str, str, str]],
                batch_id: int) -> None:
    """Change stored rows' status and code; they now belong to the batch."""
    db.conn.executemany(
        "UPDATE attendance SET status = ?, code = ?, batch_id = ? WHERE student_id = ? AND day = ?",
        ((status, code, batch_id, student_id, day) for student_id, day, status, code in rows))


def delete_rows(db: sqlite_utils.Database, keys: Iterable[tuple[int, str]]) -> None:
    db.conn.executemany("DELETE FROM attendance WHERE student_id = ? AND day = ?", keys)


def enrolled_between(db: sqlite_utils.Database, year_id: int, first_day: str,
                     last_day: str) -> list[int]:
    """Students enrolled in the year whose enrollment overlaps the dates (exit is exclusive)."""
    return [row[0] for row in db.execute(
        "SELECT student_id FROM enrollments WHERE year_id = ? "
        "AND (entry_date IS NULL OR entry_date <= ?) AND (exit_date IS NULL OR exit_date > ?)",
        [year_id, last_day, first_day])]


def add_coverage(db: sqlite_utils.Database, batch_id: int, student_ids: Iterable[int]) -> None:
    db.conn.executemany(
        "INSERT OR IGNORE INTO attendance_coverage (batch_id, student_id) VALUES (?, ?)",
        ((batch_id, student_id) for student_id in student_ids))


def stored_summaries(db: sqlite_utils.Database) -> dict[tuple[int, str], dict]:
    """(student id, as-of date) -> the stored summary row."""
    return {(row["student_id"], row["as_of"]): row
            for row in db.query("SELECT * FROM attendance_summaries")}


def add_summary(db: sqlite_utils.Database, student_id: int, year_id: int, as_of: str,
                days_enrolled: float, days_absent: float, batch_id: int) -> int:
    return db.execute(
        "INSERT INTO attendance_summaries (student_id, year_id, as_of, days_enrolled, "
        "days_absent, batch_id) VALUES (?, ?, ?, ?, ?, ?)",
        [student_id, year_id, as_of, days_enrolled, days_absent, batch_id]).lastrowid


def update_summary(db: sqlite_utils.Database, summary_id: int, days_enrolled: float,
                   days_absent: float) -> None:
    db.execute("UPDATE attendance_summaries SET days_enrolled = ?, days_absent = ? WHERE id = ?",
               [days_enrolled, days_absent, summary_id])


def students_with_rows(db: sqlite_utils.Database) -> set[int]:
    """Every student with any attendance stored (an import's rows for others are all new)."""
    return {row[0] for row in db.execute("SELECT DISTINCT student_id FROM attendance")}


# Rows per INSERT: four values each, within SQLite's 32,766 parameters a statement.
ROWS_PER_STATEMENT = 8000


def insert_many(db: sqlite_utils.Database, rows: list, batch_id: int) -> None:
    """Add rows not stored yet: ((student id, day), (status, code)) each, thousands per statement.

    Python binds a statement's values in one call and SQLite stores them without coming back
    to Python, which is most of the time of a big import and lets Python read on meanwhile
    in another thread.
    """
    insert_laid_out(db, laid_out(rows), batch_id)


def laid_out(rows: list) -> list[list]:
    """The values of the INSERT statements that add ``rows`` (see :func:`insert_many`).

    The rows go in by student and date, the table's own order: a file sorted by date otherwise
    adds each row to another student's pages, several times slower (and sorting rows already
    in that order costs next to nothing). Plain Python, so the reading thread can do it while
    the writing thread writes.
    """
    rows = sorted(rows, key=itemgetter(0))
    return [list(chain.from_iterable(chain.from_iterable(rows[start:start + ROWS_PER_STATEMENT])))
            for start in range(0, len(rows), ROWS_PER_STATEMENT)]


def values_of(slots: Iterable[tuple[int, str]], meanings: Iterable[tuple[str, str]]
              ) -> Iterator:
    """The INSERT values of rows already in the table's order: (student id, day) and
    (status, code) of each row, one after the other."""
    return chain.from_iterable(map(add, slots, meanings))


def statements_of(values: list) -> list[list]:
    """:func:`values_of`'s values, cut into the INSERT statements :func:`laid_out` makes."""
    step = 4 * ROWS_PER_STATEMENT
    return [values[start:start + step] for start in range(0, len(values), step)]


def insert_laid_out(db: sqlite_utils.Database, statements: list[list], batch_id: int) -> None:
    """Run the INSERT statements :func:`laid_out` made, the rows marked with the batch."""
    batch = int(batch_id)
    for values in statements:
        db.execute(_insert_sql(len(values) // 4, batch), values)


@lru_cache(maxsize=8)
def _insert_sql(count: int, batch_id: int) -> str:
    return ("INSERT INTO attendance (student_id, day, status, code, batch_id) VALUES "
            + ",".join([f"(?, ?, ?, ?, {batch_id})"] * count))


def row_count(db: sqlite_utils.Database) -> int:
    return db.execute("SELECT count(*) FROM attendance").fetchone()[0]


def drop_indexes(db: sqlite_utils.Database) -> list[str]:
    """Drop the attendance indexes a big import would keep rebuilding (inside the caller's
    transaction); returns the SQL that makes them again.

    Building the index by date once at the end, from sorted rows, is quicker than growing it a
    row at a time when most of the table is new (rows come student by student, so each lands
    in its middle). The index by batch is kept up as the rows go in: its entries only grow at
    its end, and the writer does that while the file is still being read, whereas rebuilding
    it after the last row kept the import waiting (a year of 2,000 students: both indexes
    rebuilt took 0.3-0.55 s after the last row; the one by date alone 0.2-0.3 s).
    """
    names = ["attendance_by_day"]
    made = []
    for name, sql in db.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = "
            f"'attendance' AND name IN ({', '.join('?' * len(names))}) ORDER BY name",
            names).fetchall():
        made.append(sql)
        db.execute(f"DROP INDEX [{name}]")
    return made


def make_indexes(db: sqlite_utils.Database, statements: list[str]) -> None:
    for sql in statements:
        db.execute(sql)


def remove_batch_rows_outside(db: sqlite_utils.Database, batch_id: int, first_day: str,
                              last_day: str) -> None:
    db.execute("DELETE FROM attendance WHERE batch_id = ? AND (day < ? OR day > ?)",
               [batch_id, first_day, last_day])


def fix_rows(db: sqlite_utils.Database, rows: list[tuple[str, str, int, str]]) -> None:
    """Set (status, code) of rows this same import added: (status, code, student id, day)."""
    db.conn.executemany("UPDATE attendance SET status = ?, code = ? WHERE student_id = ? "
                        "AND day = ?", rows)


def remove_batch_rows_of(db: sqlite_utils.Database, batch_id: int,
                         student_ids: list[int]) -> None:
    """Take back rows this same import added for some students."""
    db.conn.executemany("DELETE FROM attendance WHERE batch_id = ? AND student_id = ?",
                        [(batch_id, student_id) for student_id in student_ids])
