"""Numbered migrations: an old file is upgraded, keeps its data, and is backed up first."""

from __future__ import annotations

import sqlite3

import sqlite_utils

from storage import migrations
from storage.backups import list_backups
from storage.database import open_data_file


def make_version_1_file(path) -> None:
    """A data file exactly as the first MentorDesk release left it, with a student in it."""
    connection = sqlite3.connect(path, isolation_level=None)
    db = sqlite_utils.Database(connection, execute_plugins=False)
    migrations.apply_pending(db, stop_before=migrations.MIGRATION_NAMES[1])
    db.execute("INSERT INTO school_years (name, first_day, last_day) "
               "VALUES ('2024-2025', '2024-09-03', '2025-06-13')")
    db.execute("INSERT INTO students (local_id, first_name, last_name, created_at) "
               "VALUES ('004512', 'Zoë', 'Muñoz', '2024-09-03 08:00:00')")
    connection.close()


def test_the_version_1_file_really_is_version_1(tmp_path):
    path = tmp_path / "old.sqlite"
    make_version_1_file(path)
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == 1
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    assert "column_mappings" not in tables
    connection.close()


def test_opening_a_version_1_file_upgrades_it_and_keeps_its_data(tmp_path):
    path = tmp_path / "old.sqlite"
    make_version_1_file(path)
    with open_data_file(path) as data:
        assert data.db.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST_VERSION
        assert "column_mappings" in data.db.table_names()
        row = data.db.execute("SELECT local_id, first_name, last_name FROM students").fetchone()
        assert row == ("004512", "Zoë", "Muñoz")
        applied = [m.name for m in migrations.migrations.applied(data.db)]
    assert applied == migrations.MIGRATION_NAMES


def test_a_copy_is_taken_before_the_upgrade_and_holds_the_old_version(tmp_path):
    path = tmp_path / "old.sqlite"
    make_version_1_file(path)
    with open_data_file(path) as data:
        taken = data.backup_taken
    assert taken is not None and taken in list_backups(path)
    assert "before-update-from-v1" in taken.name
    connection = sqlite3.connect(taken)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == 1
    assert connection.execute("SELECT first_name FROM students").fetchone()[0] == "Zoë"
    connection.close()


def test_an_up_to_date_file_is_not_migrated_or_backed_up_again(new_file):
    with open_data_file(new_file, create=True):
        pass
    with open_data_file(new_file) as data:
        assert data.backup_taken is None
    assert list_backups(new_file) == []


def test_a_failing_migration_leaves_the_file_as_it_was(tmp_path, monkeypatch):
    path = tmp_path / "old.sqlite"
    make_version_1_file(path)

    def broken(db):
        db.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("disk pulled out")

    broken_set = sqlite_utils.migrations.Migrations("mentordesk")
    for migration in migrations.migrations._migrations:
        broken_set._migrations.append(migration)
    broken_set._migrations.append(broken_set._Migration("0099_broken", broken, True))
    monkeypatch.setattr(migrations, "migrations", broken_set)
    import pytest

    with pytest.raises(RuntimeError):
        open_data_file(path)
    connection = sqlite3.connect(path)
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    connection.close()
    assert "half_done" not in tables
