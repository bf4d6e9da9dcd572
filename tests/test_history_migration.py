"""Migration 0005 (mentor and student history): a file from before it keeps its mentors and
students and gets their state now as their first recorded state, from the day each was
added; the quick check on opening reads the file on a read-only connection of its own."""

from __future__ import annotations

import sqlite3

import sqlite_utils

from storage import migrations
from storage.database import open_data_file

HISTORY = "0005_mentor_and_student_history"


def make_file_before_history(path) -> None:
    connection = sqlite3.connect(path, isolation_level=None)
    db = sqlite_utils.Database(connection, execute_plugins=False)
    migrations.apply_pending(db, stop_before=HISTORY)
    db.execute("INSERT INTO mentors (first_name, last_name, active, background_check_on, "
               "background_check_expires, agreement_signed, created_at) "
               "VALUES ('Rosa', 'Quintero', 0, '2024-08-01', '2027-08-01', 1, "
               "'2024-08-20 10:00:00')")
    db.execute("INSERT INTO students (first_name, last_name, archived, created_at) "
               "VALUES ('Zoë', 'Muñoz', 1, '2024-09-03 08:00:00')")
    connection.close()


def test_the_history_starts_with_each_mentor_and_student_as_they_are(tmp_path):
    path = tmp_path / "before.sqlite"
    make_file_before_history(path)
    with open_data_file(path) as data:
        db = data.db
        assert HISTORY in [m.name for m in migrations.migrations.applied(db)]
        assert db.execute("SELECT changed_on, active, background_check_expires, "
                          "agreement_signed FROM mentor_history").fetchall() == [
            ("2024-08-20", 0, "2027-08-01", 1)]
        assert db.execute("SELECT changed_on, archived FROM student_history").fetchall() == [
            ("2024-09-03", 1)]
        assert db.execute("SELECT first_name FROM mentors").fetchone()[0] == "Rosa"


def test_opening_checks_the_file_on_a_read_only_connection(tmp_path, monkeypatch):
    from storage import database

    path = tmp_path / "school.sqlite"
    with open_data_file(path, create=True):
        pass
    seen = []
    real = database._quick_check_read_only

    def spy(where):
        seen.append(where)
        return real(where)

    monkeypatch.setattr(database, "_quick_check_read_only", spy)
    with open_data_file(path, write=False):
        pass
    assert seen == [path]


def test_a_damaged_page_is_still_found_when_only_reading(tmp_path):
    import pytest

    from storage.errors import DamagedFile

    path = tmp_path / "school.sqlite"
    with open_data_file(path, create=True) as data:
        for number in range(3000):
            data.db.execute("INSERT INTO activity (at, action, summary) VALUES (?, 'x', ?)",
                            ["2025-01-01", f"entry {number:05d}"])
        data.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw = bytearray(path.read_bytes())
    page_size = int.from_bytes(raw[16:18], "big")
    pages = len(raw) // page_size
    for page in range(pages - 3, pages):  # the last pages: the activity table's leaves
        raw[page * page_size + 3: page * page_size + 5] = b"\x7f\xff"  # an absurd cell count
    path.write_bytes(bytes(raw))
    with pytest.raises(DamagedFile, match="backup"):
        open_data_file(path, write=False)
