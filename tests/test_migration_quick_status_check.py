"""Migration 0010_quick_attendance_status_check: the attendance table is rebuilt with the same
statuses allowed, checked without SQLite's per-row IN look-up; a file of the version before it
keeps every row."""

from __future__ import annotations

import sqlite3

import pytest
import sqlite_utils

from storage import migrations
from storage.database import open_data_file
from storage.schema_check import differences

BEFORE = "0010_quick_attendance_status_check"
STATUSES = ("present", "tardy", "absent_excused", "absent_unexcused", "suspension_in",
            "suspension_out", "half_day", "partial")


def attendance_sql(connection: sqlite3.Connection) -> str:
    return connection.execute("SELECT sql FROM sqlite_master WHERE name = 'attendance'"
                              ).fetchone()[0]


def make_file_before(path) -> None:
    connection = sqlite3.connect(path, isolation_level=None)
    db = sqlite_utils.Database(connection, execute_plugins=False)
    migrations.apply_pending(db, stop_before=BEFORE)
    db.execute("INSERT INTO school_years (name, first_day, last_day) "
               "VALUES ('2025-2026', '2025-09-02', '2026-06-12')")
    db.execute("INSERT INTO students (local_id, first_name, last_name, created_at) "
               "VALUES ('004512', 'Zoë', 'Muñoz', '2025-09-02 08:00:00')")
    db.execute("INSERT INTO import_batches (kind, file_name, imported_at) "
               "VALUES ('attendance', 'a.xlsx', '2025-09-20 08:00:00')")
    for number, status in enumerate(STATUSES):
        db.execute("INSERT INTO attendance (student_id, day, status, code, batch_id) "
                   "VALUES (1, ?, ?, ?, 1)", [f"2025-09-{number + 2:02d}", status, status[:1]])
    connection.close()


def test_the_file_before_checks_statuses_with_an_in_list(tmp_path):
    path = tmp_path / "old.sqlite"
    make_file_before(path)
    connection = sqlite3.connect(path)
    assert "status IN (" in attendance_sql(connection)
    connection.close()


def test_opening_it_keeps_every_row_and_index(tmp_path):
    path = tmp_path / "old.sqlite"
    make_file_before(path)
    connection = sqlite3.connect(path)
    before = connection.execute("SELECT * FROM attendance ORDER BY day").fetchall()
    connection.close()
    with open_data_file(path) as data:
        db = data.db
        assert data.backup_taken is not None
        assert db.execute("SELECT * FROM attendance ORDER BY day").fetchall() == before
        assert "status IN (" not in attendance_sql(db.conn)
        indexes = {row[0] for row in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'attendance' "
            "AND sql IS NOT NULL")}
        assert indexes == {"attendance_by_day", "attendance_by_batch"}
        assert differences(db) == []
        assert db.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST_VERSION


@pytest.mark.parametrize("status", ["Present", "absent", "", "present "])
def test_the_quick_check_still_refuses_a_status_that_is_not_one(tmp_path, status):
    with open_data_file(tmp_path / "new.sqlite", create=True) as data:
        db = data.db
        db.execute("INSERT INTO students (local_id, first_name, last_name, created_at) "
                   "VALUES ('1', 'Ada', 'Ng', '2025-09-02 08:00:00')")
        with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint failed"):
            db.execute("INSERT INTO attendance (student_id, day, status) "
                       "VALUES (1, '2025-09-02', ?)", [status])
        for number, allowed in enumerate(STATUSES):
            db.execute("INSERT INTO attendance (student_id, day, status) VALUES (1, ?, ?)",
                       [f"2025-09-{number + 2:02d}", allowed])
        assert db.execute("SELECT count(*) FROM attendance").fetchone()[0] == len(STATUSES)
