"""Backups listed with what they hold, restored after a question, each file's own folder."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import stat
import subprocess
import sys
import textwrap
import time

import pytest

from actions.backups import PRIVACY_WARNING, back_up_to, restore_backup
from storage import backups, settings, students, years
from storage.database import open_data_file
from storage.errors import FileInUse, InvalidInput
from storage.paths import backups_folder, legacy_backups_folder
from tests.conftest import PROJECT, data_checksum
from tests.test_migrations import make_version_1_file


def add_student(path, local_id: str) -> None:
    with open_data_file(path) as data:
        year = years.current_year(data.db)
        students.add_student(data.db, year_id=year["id"], grade=6, local_id=local_id,
                             first_name="Test", last_name=local_id)


def test_backups_lists_each_kind_with_what_it_holds(cli, data_file, frozen_clock):
    path = data_file.path
    students.add_student(data_file.db, local_id="S-1", first_name="Una", last_name="Vale")
    backups.manual_backup(data_file.db, path)
    data_file.close()
    frozen_clock.freeze(dt.datetime(2026, 11, 25, 7, 30))
    with open_data_file(path, automatic_backup=True):
        pass
    result = cli("--db", path, "backups", "--json")
    assert result.code == 0, result.stderr
    found = result.json
    assert [entry["kind"] for entry in found] == ["automatic", "manual"]
    assert found[0]["taken_at"] == "2026-11-25T07:30:00"
    assert found[1]["taken_at"] == "2026-11-24T08:00:00"
    assert all(entry["students"] == 1 and entry["meetings"] == 0 for entry in found)
    assert all(entry["path"].startswith(str(backups_folder(path))) for entry in found)


def test_a_restore_without_yes_says_what_would_happen_and_changes_nothing(cli, data_file):
    path = data_file.path
    copy = backups.manual_backup(data_file.db, path)
    data_file.close()
    add_student(path, "LATER-1")
    before = data_checksum(path)
    result = cli("--db", path, "restore", copy, "--json")
    assert result.code == 1
    words = result.json["error"]
    assert "0 students" in words and "now 1 student" in words and "set aside" in words
    assert "--yes" in words
    assert data_checksum(path) == before
    assert len(backups.list_backups(path)) == 1


def test_restoring_sets_the_file_aside_first_and_puts_the_copy_back(cli, data_file):
    path = data_file.path
    copy = backups.manual_backup(data_file.db, path)
    data_file.close()
    add_student(path, "LATER-1")
    before = data_checksum(path)
    result = cli("--db", path, "restore", copy, "--yes", "--json")
    assert result.code == 0, result.stderr
    document = result.json
    assert document["kind"] == "manual" and document["updated"] is False
    set_aside = backups_folder(path) / os.path.basename(document["set_aside"])
    assert data_checksum(set_aside) == before
    with open_data_file(path, write=False) as data:
        assert students.count_students(data.db) == 0
        line = data.db.execute("SELECT action FROM activity ORDER BY id DESC").fetchone()[0]
    assert line == "restore"
    listed = cli("--db", path, "backups", "--json").json
    assert "before restore" in [entry["kind"] for entry in listed]


def test_an_older_copy_is_brought_up_to_date_when_restored(cli, tmp_path, data_file):
    path = data_file.path
    data_file.close()
    old = tmp_path / "usb" / "old-copy.sqlite"
    old.parent.mkdir()
    make_version_1_file(old)
    result = cli("--db", path, "restore", old, "--yes", "--json")
    assert result.code == 0, result.stderr
    assert result.json["updated"] is True
    with open_data_file(path, write=False) as data:
        from storage.migrations import LATEST_VERSION

        assert data.db.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
        assert data.db.execute("SELECT first_name FROM students").fetchone()[0] == "Zoë"


def test_a_damaged_file_can_be_restored_over(cli, data_file):
    path = data_file.path
    copy = backups.manual_backup(data_file.db, path)
    data_file.close()
    with open(path, "r+b") as handle:  # keep the header, spoil the pages
        handle.seek(100)
        handle.write(os.urandom(8000))
    assert cli("--db", path, "check").code == 1
    result = cli("--db", path, "restore", copy, "--yes", "--json")
    assert result.code == 0, result.stderr
    assert cli("--db", path, "check").code == 0
    assert os.path.exists(result.json["set_aside"])


def test_restore_is_refused_while_another_mentordesk_writes(data_file):
    copy = backups.manual_backup(data_file.db, data_file.path)
    with pytest.raises(FileInUse):
        restore_backup(data_file.path, copy)


def test_a_file_that_is_not_a_backup_is_refused(cli, data_file, tmp_path):
    path = data_file.path
    data_file.close()
    sheet = tmp_path / "roster.sqlite"
    sheet.write_text("Student ID,Name\n1,Ana\n")
    result = cli("--db", path, "restore", sheet, "--yes", "--json")
    assert result.code == 1 and "not a MentorDesk backup" in result.json["error"]


def test_two_files_with_one_stem_keep_their_backups_apart(tmp_path):
    # Before: both went to "school backups", and one school's list offered the other's data.
    sqlite, db = tmp_path / "school.sqlite", tmp_path / "school.db"
    for path, name in ((sqlite, "Lakeside"), (db, "Hillcrest")):
        with open_data_file(path, create=True) as data:
            settings.set_value(data.db, "school_name", name)
            backups.manual_backup(data.db, path)
    assert backups_folder(sqlite) != backups_folder(db)
    for path, name in ((sqlite, "Lakeside"), (db, "Hillcrest")):
        (listed,) = backups.list_backups(path)
        with sqlite3.connect(listed) as connection:
            assert connection.execute("SELECT value FROM settings WHERE key = 'school_name'"
                                      ).fetchone()[0] == name


def test_an_older_versions_shared_folder_is_taken_over_and_stays_listed(cli, tmp_path):
    sqlite, db = tmp_path / "school.sqlite", tmp_path / "school.db"
    legacy = legacy_backups_folder(sqlite)
    legacy.mkdir()
    for path in (sqlite, db):
        with open_data_file(path, create=True) as data:
            years.save_year(data.db, path.suffix, dt.date(2025, 9, 1), dt.date(2026, 6, 1))
            # Where an older MentorDesk put its automatic copy:
            backups.backup_to(data.db, legacy / f"school-auto-2026-11-2{len(path.suffix)}.sqlite")
    listed = cli("--db", sqlite, "backups", "--json").json
    assert [entry["kind"] for entry in listed] == ["automatic"]
    with sqlite3.connect(listed[0]["path"]) as connection:
        assert connection.execute("SELECT name FROM school_years").fetchone()[0] == ".sqlite"
    with open_data_file(sqlite, automatic_backup=True):
        pass  # the window opening the file moves its copies into its own folder
    names = sorted(path.name for path in backups_folder(sqlite).iterdir())
    assert "school-auto-2026-11-27.sqlite" in names  # ".sqlite" is 7 long
    assert [path.name for path in legacy.iterdir()] == ["school-auto-2026-11-23.sqlite"]
    assert len(cli("--db", sqlite, "backups", "--json").json) == 2


def test_the_first_days_work_is_backed_up_when_the_window_closes_the_file(new_file):
    # Before: a new file had no backup until it was opened again the next day.
    with open_data_file(new_file, create=True, automatic_backup=True) as data:
        years.save_year(data.db, "2026-2027", dt.date(2026, 9, 1), dt.date(2027, 6, 11))
        settings.set_value(data.db, "school_name", "Day One School")
        from storage import activity

        activity.record(data.db, "year", "School year 2026-2027 added")
        assert backups.list_backups(new_file) == []
    (copy,) = backups.list_backups(new_file)
    with sqlite3.connect(copy) as connection:
        assert connection.execute("SELECT name FROM school_years").fetchone()[0] == "2026-2027"


def test_closing_without_a_change_takes_no_second_copy(demo_copy):
    with open_data_file(demo_copy, automatic_backup=True):
        pass
    with open_data_file(demo_copy, automatic_backup=True):
        pass
    assert len(backups.list_backups(demo_copy)) == 1


def test_back_up_to_a_chosen_place_warns_and_the_last_backup_time_follows(data_file, tmp_path,
                                                                         frozen_clock):
    assert backups.last_backup_time(data_file.db, data_file.path) is None
    frozen_clock.freeze(dt.datetime(2026, 11, 24, 15, 45))
    stick = tmp_path / "USB STICK" / "mentoring.sqlite"
    stick.parent.mkdir()
    outcome = back_up_to(data_file.db, data_file.path, stick)
    assert stick.exists() and PRIVACY_WARNING in outcome.message
    assert "student" in PRIVACY_WARNING
    assert backups.last_backup_time(data_file.db, data_file.path) == dt.datetime(
        2026, 11, 24, 15, 45)
    with pytest.raises(InvalidInput, match="the data file itself"):
        back_up_to(data_file.db, data_file.path, data_file.path)
    with pytest.raises(InvalidInput, match="the data file itself"):
        back_up_to(data_file.db, data_file.path,
                   data_file.path.with_name(data_file.path.name + "-wal"))


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_the_temporary_copy_is_owner_only_from_the_start_with_no_journal(data_file, tmp_path):
    # Before: the temporary copy was created 0644 (readable by everyone) with a -journal.
    os.umask(0o022)
    seen = []

    def look(done: int, total: int) -> None:
        for path in (tmp_path / "out").iterdir():
            seen.append((path.name, stat.S_IMODE(path.stat().st_mode)))

    (tmp_path / "out").mkdir()
    students.add_student(data_file.db, local_id="X", first_name="A" * 5000, last_name="B")
    backups.backup_to(data_file.db, tmp_path / "out" / "copy.sqlite", progress=look)
    assert seen, "the copy was never seen in progress"
    assert all(mode == 0o600 for _, mode in seen), seen
    assert not any(name.endswith("-journal") for name, _ in seen), seen


KILLED_BACKUP = textwrap.dedent(
    """
    import sys, time
    sys.path.insert(0, {project!r})
    from pathlib import Path
    from storage import backups
    from storage.database import open_data_file

    def slowly(done, total):
        print("copying", flush=True)
        time.sleep(30)

    with open_data_file(Path({path!r}), write=False) as data:
        backups.backup_to(data.db, Path({target!r}), progress=slowly)
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_killed_backup_leaves_nothing_the_next_one_does_not_clean(demo_copy, tmp_path):
    target = tmp_path / "out" / "copy.sqlite"
    process = subprocess.Popen(
        [sys.executable, "-c", KILLED_BACKUP.format(project=str(PROJECT), path=str(demo_copy),
                                                     target=str(target))],
        stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout.readline().strip() == "copying"
        process.kill()
        process.wait()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stdout.close()
    left = [path for path in target.parent.iterdir()]
    assert left and all(stat.S_IMODE(path.stat().st_mode) == 0o600 for path in left)
    assert not target.exists()
    time.sleep(0.05)
    with open_data_file(demo_copy, write=False) as data:
        backups.backup_to(data.db, target)
    assert sorted(path.name for path in target.parent.iterdir()) == ["copy.sqlite"]
