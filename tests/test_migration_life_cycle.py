"""Migration 0006_school_year_life_cycle: a file of the version before it is upgraded whole."""

from __future__ import annotations

import sqlite3

import sqlite_utils

from storage import migrations
from storage.database import open_data_file
from storage.schema_check import differences

BEFORE = "0006_school_year_life_cycle"


def make_file_before_the_life_cycle(path) -> None:
    connection = sqlite3.connect(path, isolation_level=None)
    db = sqlite_utils.Database(connection, execute_plugins=False)
    migrations.apply_pending(db, stop_before=BEFORE)
    db.execute("INSERT INTO school_years (name, first_day, last_day) "
               "VALUES ('2024-2025', '2024-09-03', '2025-06-13')")
    db.execute("INSERT INTO students (local_id, first_name, last_name, created_at) "
               "VALUES ('004512', 'Zoë', 'Muñoz', '2024-09-03 08:00:00')")
    db.execute("INSERT INTO enrollments (student_id, year_id, grade) VALUES (1, 1, 7)")
    db.execute("INSERT INTO mentors (first_name, last_name, created_at) "
               "VALUES ('Mo', 'Diaz', '2024-09-03 08:00:00')")
    db.execute("INSERT INTO matches (mentor_id, student_id, year_id, started_on) "
               "VALUES (1, 1, 1, '2024-10-01')")
    connection.close()


def test_the_file_before_really_lacks_the_life_cycle(tmp_path):
    path = tmp_path / "old.sqlite"
    make_file_before_the_life_cycle(path)
    connection = sqlite3.connect(path)
    columns = {row[1] for row in connection.execute("PRAGMA table_info(enrollments)")}
    connection.close()
    assert "grade_provisional" not in columns


def test_opening_it_adds_the_life_cycle_and_keeps_the_data(tmp_path):
    path = tmp_path / "old.sqlite"
    make_file_before_the_life_cycle(path)
    with open_data_file(path) as data:
        db = data.db
        assert data.backup_taken is not None
        assert db.execute("SELECT grade, grade_provisional FROM enrollments").fetchone() == (7, 0)
        assert db.execute("SELECT continues_match_id FROM matches").fetchone() == (None,)
        assert db.execute("SELECT purged_on FROM school_years").fetchone() == (None,)
        assert db.execute("SELECT count(*) FROM saved_reports").fetchone() == (0,)
        assert differences(db) == []
        assert db.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST_VERSION
