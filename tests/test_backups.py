"""Backups: consistent copies through SQLite's backup API, daily automatic ones, restores."""

from __future__ import annotations

import datetime as dt
import sqlite3

from storage import activity, backups
from storage.backups import backups_to_keep
from storage.database import open_data_file
from storage.paths import backups_folder
from tests.conftest import data_checksum


def test_a_restored_backup_equals_the_original(demo_copy, tmp_path):
    copy = tmp_path / "copy.sqlite"
    with open_data_file(demo_copy) as data:
        backups.backup_to(data.db, copy)
        original = data_checksum(demo_copy)
        # Then the day goes on: something changes in the data file ...
        activity.record(data.db, "test", "a later change")
        assert data_checksum(demo_copy) != original
        # ... and the backup is restored over it.
        backups.restore_from(copy, demo_copy)
    assert data_checksum(demo_copy) == original
    assert data_checksum(copy) == original


def test_a_backup_is_a_complete_standalone_file(demo_copy, tmp_path):
    copy = tmp_path / "copy.sqlite"
    with open_data_file(demo_copy) as data:
        backups.backup_to(data.db, copy)
    assert not (tmp_path / "copy.sqlite-wal").exists()
    connection = sqlite3.connect(copy)
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert connection.execute("SELECT count(*) FROM students").fetchone()[0] > 400
    connection.close()


def test_the_automatic_backup_happens_once_a_day(demo_copy):
    with open_data_file(demo_copy, automatic_backup=True) as data:
        first = data.backup_taken
    with open_data_file(demo_copy, automatic_backup=True) as data:
        second = data.backup_taken
    assert first is not None and first.exists()
    assert second is None
    assert first.parent == backups_folder(demo_copy)
    assert data_checksum(first) == data_checksum(demo_copy)


def test_automatic_backups_keep_the_last_fourteen_and_one_a_month():
    days = [dt.date(2025, 9, 1) + dt.timedelta(days=n) for n in range(90)]
    kept = backups_to_keep(days)
    newest_fourteen = set(days[-14:])
    assert newest_fourteen <= kept
    assert dt.date(2025, 9, 30) in kept  # the last of September
    assert dt.date(2025, 10, 31) in kept  # the last of October
    assert dt.date(2025, 9, 15) not in kept
    assert len(kept) == 14 + 2


def test_pruning_removes_only_old_automatic_backups(data_file):
    folder = backups_folder(data_file.path)
    stem = data_file.path.stem
    for n in range(60):
        day = dt.date(2025, 9, 1) + dt.timedelta(days=n)
        backups.backup_to(data_file.db, folder / f"{stem}-auto-{day.isoformat()}.sqlite")
    manual = backups.manual_backup(data_file.db, data_file.path)
    removed = backups.prune_automatic_backups(folder, stem)
    remaining = backups.automatic_backups(folder, stem)
    assert len(removed) == 60 - len(remaining)
    assert len(remaining) == 14 + 1  # the newest 14 and the last of September
    assert manual.exists()


def test_backing_up_onto_a_folder_that_cannot_be_written_says_what_to_do(data_file, tmp_path):
    import pytest

    from storage.errors import KnownProblem

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(KnownProblem, match="could not write the backup"):
        backups.backup_to(data_file.db, blocker / "copy.sqlite")


def test_backups_are_readable_by_their_owner_only(data_file):
    import os
    import stat
    import sys

    if sys.platform == "win32":
        return
    copy = backups.manual_backup(data_file.db, data_file.path)
    assert stat.S_IMODE(os.stat(copy).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(copy.parent).st_mode) == 0o700
