"""The fault hunt's findings (issue 13), each with the test that failed before its fix.

Disk-full and permission errors are injected (the tests may run as root, where permissions do
not bite): a full disk through SQLite's own limit on a file's pages, which makes SQLite fail
exactly as a full disk does; refused permissions by an ``os.open`` that raises.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
import textwrap
import time

import pytest

from storage import database
from tests.conftest import PROJECT, data_checksum, run_main
from tests.spreadsheets import csv_file


def no_traceback(result) -> None:
    assert "Traceback" not in result.stdout + result.stderr
    assert "Something went wrong" not in result.stdout + result.stderr


# 1. demo --force --------------------------------------------------------------------------


def test_demo_force_refuses_a_real_schools_file(cli, data_file):
    path = data_file.path
    data_file.close()
    before = data_checksum(path)
    result = cli("--db", path, "demo", "--students", "30", "--force", "--json")
    assert result.code == 1 and "never empties it" in result.json["error"]
    assert data_checksum(path) == before


KILL_WHEN_WRITING = 300_000  # bytes of write-ahead log: the rebuild is well under way


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_demo_force_killed_part_way_leaves_the_old_demo_whole(tmp_path):
    path = tmp_path / "demo.sqlite"
    assert run_main("--db", path, "demo", "--students", "30").code == 0
    before = data_checksum(path)
    wal = tmp_path / "demo.sqlite-wal"
    process = subprocess.Popen([sys.executable, str(PROJECT / "main.py"), "--db", str(path),
                                "demo", "--students", "600", "--force"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and process.poll() is None:
            if wal.exists() and wal.stat().st_size > KILL_WHEN_WRITING:
                break
            time.sleep(0.005)
        assert process.poll() is None, "the demo finished before it could be stopped"
        process.kill()
    finally:
        process.wait()
    assert data_checksum(path) == before
    assert run_main("--db", path, "check").code == 0


# 2. and 14. A layout MentorDesk did not make -------------------------------------------------


def test_a_file_with_a_foreign_trigger_is_refused_before_it_can_run(cli, demo_copy, tmp_path):
    connection = sqlite3.connect(demo_copy)
    connection.execute("CREATE TRIGGER wipe AFTER INSERT ON students "
                       "BEGIN DELETE FROM attendance; END")
    connection.commit()
    days = connection.execute("SELECT count(*) FROM attendance").fetchone()[0]
    connection.close()
    roster = csv_file(tmp_path / "roster.csv",
                      [["Student ID", "Last Name", "First Name"], ["NEW-1", "Quill", "Tova"]])
    result = cli("--db", demo_copy, "import", "students", roster, "--json")
    assert result.code == 1 and 'a trigger "wipe"' in result.json["error"]
    no_traceback(result)
    checked = cli("--db", demo_copy, "check", "--json")
    assert checked.code == 1
    assert any('trigger "wipe"' in problem for problem in checked.json["problems"])
    connection = sqlite3.connect(demo_copy)
    assert connection.execute("SELECT count(*) FROM attendance").fetchone()[0] == days
    connection.close()


def test_a_dropped_column_fails_check_and_is_refused_plainly(cli, demo_copy):
    connection = sqlite3.connect(demo_copy)
    connection.execute("ALTER TABLE students DROP COLUMN notes")
    connection.execute("DROP TABLE referral_notes")
    connection.commit()
    connection.close()
    checked = cli("--db", demo_copy, "check", "--json")
    assert checked.code == 1
    problems = " ".join(checked.json["problems"])
    assert 'lacks its column "notes"' in problems and '"referral_notes" is missing' in problems
    result = cli("--db", demo_copy, "students", "--json")
    assert result.code == 1 and "changed by another program" in result.json["error"]
    no_traceback(result)


# 4. Reports and sheets never go over a data file ------------------------------------------


def test_report_and_template_refuse_to_write_over_a_data_file(cli, demo_copy, tmp_path):
    disguised = tmp_path / "school.xlsx"  # a data file, whatever its name says
    demo_copy.rename(disguised)
    before = data_checksum(disguised)
    report = cli("--db", disguised, "report", disguised, "--json")
    assert report.code == 1 and "MentorDesk data file" in report.json["error"]
    template = cli("template", "nominations", disguised, "--json")
    assert template.code == 1 and "MentorDesk data file" in template.json["error"]
    wal = cli("--db", disguised, "report", tmp_path / "school.xlsx-wal.xlsx")
    assert wal.code == 0  # an ordinary name beside it is fine
    assert data_checksum(disguised) == before


def test_a_list_export_refuses_a_backup_and_the_write_ahead_log(data_file, tmp_path):
    from reports.saving import write_atomically
    from storage.backups import manual_backup
    from storage.errors import InvalidInput

    copy = manual_backup(data_file.db, data_file.path)
    for target in (copy, data_file.path.with_name(data_file.path.name + "-wal")):
        with pytest.raises(InvalidInput):
            write_atomically(target, lambda temporary: temporary.write_bytes(b"PK"))
    assert copy.read_bytes()[:6] == b"SQLite"


# 5. and 12. A full disk is a full disk ----------------------------------------------------


class FullDisk(sqlite3.Connection):
    """A connection on a disk with no room left: SQLite's page limit makes every write that
    grows the file fail with SQLITE_FULL, as a full disk does."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        pages = super().execute("PRAGMA page_count").fetchone()[0]
        super().execute(f"PRAGMA max_page_count = {max(pages, 1)}")


class NoRoomForTheLog(sqlite3.Connection):
    """A full disk met while SQLite writes its log: removing rows needs room there too."""

    def execute(self, sql, *args):
        if sql.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
            raise sqlite3.OperationalError("database or disk is full")
        return super().execute(sql, *args)

    def executemany(self, sql, *args):
        raise sqlite3.OperationalError("database or disk is full")


@pytest.fixture
def full_disk(monkeypatch):
    real_connect = sqlite3.connect

    def connect(*args, **kwargs):
        kwargs.setdefault("factory", FullDisk)
        return real_connect(*args, **kwargs)

    monkeypatch.setattr(database.sqlite3, "connect", connect)


def test_codes_set_on_a_full_disk_says_the_disk_is_full(cli, demo_copy, full_disk):
    before = data_checksum(demo_copy)
    result = cli("--db", demo_copy, "codes", "set", "ZZ" * 3000, "absent_unexcused",
                 "--label", "x" * 20000, "--json")
    assert result.code == 1
    assert "disk is full" in result.json["error"] and "not damaged" in result.json["error"]
    assert "Restore" not in result.json["error"]
    no_traceback(result)
    assert data_checksum(demo_copy) == before


def test_an_import_on_a_full_disk_says_the_disk_is_full(cli, demo_copy, full_disk, tmp_path):
    before = data_checksum(demo_copy)
    roster = csv_file(tmp_path / "roster.csv", [["Student ID", "Last Name", "First Name"]] + [
        [f"F-{n}", f"Last{n}", f"First{n}"] for n in range(3000)])
    result = cli("--db", demo_copy, "import", "students", roster, "--json")
    assert result.code == 1
    assert "disk is full" in result.json["error"]
    no_traceback(result)
    assert data_checksum(demo_copy) == before


def test_undo_import_on_a_full_disk_says_the_disk_is_full(cli, demo_copy, tmp_path,
                                                          monkeypatch):
    roster = csv_file(tmp_path / "roster.csv", [["Student ID", "Last Name", "First Name"]] + [
        [f"F-{n}", f"Last{n}", f"First{n}"] for n in range(2000)])
    batch = cli("--db", demo_copy, "import", "students", roster, "--json").json["batch"]
    before = data_checksum(demo_copy)
    real_connect = sqlite3.connect

    def connect(*args, **kwargs):
        kwargs.setdefault("factory", NoRoomForTheLog)
        return real_connect(*args, **kwargs)

    monkeypatch.setattr(database.sqlite3, "connect", connect)
    result = cli("--db", demo_copy, "undo-import", batch, "--yes", "--json")
    assert result.code == 1 and "disk is full" in result.json["error"]
    no_traceback(result)
    assert data_checksum(demo_copy) == before


class NoWorkingFiles(sqlite3.Connection):
    """A connection in a folder where SQLite cannot make the write-ahead log: its first read
    fails as SQLite fails there ("unable to open database file")."""

    def execute(self, sql, *args):
        raise sqlite3.OperationalError("unable to open database file")


def test_a_folder_without_room_for_the_log_is_not_called_damaged(cli, demo_copy, monkeypatch):
    real_connect = sqlite3.connect

    def connect(*args, **kwargs):
        kwargs.setdefault("factory", NoWorkingFiles)
        return real_connect(*args, **kwargs)

    monkeypatch.setattr(database.sqlite3, "connect", connect)
    for command in ("check", "summary"):
        result = cli("--db", demo_copy, command, "--json")
        assert result.code == 1
        words = result.json["error"]
        assert "not damaged" in words and "folder" in words, words
        assert "Restore" not in words


# 9. and 13. Read-only files, other people's files and folders ------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_read_only_file_is_read_not_changed_and_keeps_its_mode(cli, demo_copy):
    os.chmod(demo_copy, 0o444)
    before = data_checksum(demo_copy)
    assert cli("--db", demo_copy, "summary", "--json").code == 0
    assert cli("--db", demo_copy, "students", "--json").code == 0
    result = cli("--db", demo_copy, "settings", "set", "school_name", "Renamed", "--json")
    assert result.code == 1 and "read-only" in result.json["error"]
    assert stat.S_IMODE(os.stat(demo_copy).st_mode) == 0o444
    assert data_checksum(demo_copy) == before


def test_a_read_only_file_in_the_window_says_so_when_written(demo_copy):
    from actions.settings import change_setting
    from storage.errors import ReadOnlyFile
    from ui.app import open_for_window

    os.chmod(demo_copy, 0o444)
    data = open_for_window(demo_copy, create=False)
    try:
        assert data.read_only and not data.writable
        with pytest.raises(ReadOnlyFile, match="read-only"):
            change_setting(data.db, "school_name", "Renamed")
    finally:
        data.close()
    assert stat.S_IMODE(os.stat(demo_copy).st_mode) == 0o444


def test_a_file_belonging_to_another_user_is_called_read_only(cli, demo_copy, monkeypatch):
    real_access = os.access

    def access(path, mode, *args, **kwargs):
        if str(path) == str(demo_copy) and mode & os.W_OK:
            return False  # as for another user's file
        return real_access(path, mode, *args, **kwargs)

    monkeypatch.setattr(database.os, "access", access)
    result = cli("--db", demo_copy, "year", "use", "2025-2026", "--json")
    assert result.code == 1 and "belongs to another user" in result.json["error"]
    no_traceback(result)


def test_a_folder_without_write_permission_gets_a_sentence(cli, demo_copy, monkeypatch):
    from storage import lock

    real_open = os.open

    def refused(path, flags, *args, **kwargs):
        if str(path).endswith(".lock"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(lock.os, "open", refused)
    result = cli("--db", demo_copy, "year", "use", "2025-2026", "--json")
    assert result.code == 1 and "may not write in the folder" in result.json["error"]
    no_traceback(result)


# 11. Links are never followed ---------------------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links")
def test_the_lock_never_follows_a_link(cli, demo_copy, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    victim = elsewhere / "important.txt"
    victim.write_text("keep me")
    os.chmod(victim, 0o644)
    lock = demo_copy.with_name(demo_copy.name + ".lock")
    lock.symlink_to(victim)
    result = cli("--db", demo_copy, "year", "use", "2025-2026", "--json")
    assert result.code == 1 and "link" in result.json["error"]
    assert stat.S_IMODE(os.stat(victim).st_mode) == 0o644
    lock.unlink()
    lock.symlink_to(elsewhere / "made-by-the-link")
    assert cli("--db", demo_copy, "year", "use", "2025-2026").code == 1
    assert not (elsewhere / "made-by-the-link").exists()


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links")
def test_a_new_data_file_is_never_made_through_a_link(cli, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    link = tmp_path / "school.sqlite"
    link.symlink_to(elsewhere / "school.sqlite")
    result = cli("--db", link, "year", "add", "2026-2027", "--first-day", "2026-09-01",
                 "--last-day", "2027-06-11", "--json")
    assert result.code == 1 and "link" in result.json["error"]
    assert not (elsewhere / "school.sqlite").exists()


# 15. Odd inputs, crash logs -----------------------------------------------------------------


def test_an_impossible_import_number_is_refused_with_a_sentence(cli, demo_copy):
    result = cli("--db", demo_copy, "undo-import", "99999999999999999999", "--json")
    assert result.code == 1 and "no import number" in result.json["error"]
    no_traceback(result)


def test_a_backup_with_no_name_is_refused_with_a_sentence(cli, demo_copy):
    result = cli("--db", demo_copy, "backup", "", "--json")
    assert result.code == 1 and "Name the backup file" in result.json["error"]


def test_a_folder_named_like_the_lock_gets_a_sentence(cli, demo_copy):
    demo_copy.with_name(demo_copy.name + ".lock").mkdir()
    result = cli("--db", demo_copy, "year", "use", "2025-2026", "--json")
    assert result.code == 1 and "folder named" in result.json["error"]
    no_traceback(result)


def test_two_crashes_in_one_second_keep_two_logs(tmp_path, monkeypatch):
    from storage import crash_log

    monkeypatch.setattr(crash_log, "crash_folder", lambda: tmp_path)
    first = crash_log.write_crash_report(RuntimeError("first"))
    second = crash_log.write_crash_report(RuntimeError("second"))
    assert first != second
    assert "first" in first.read_text() and "second" in second.read_text()
    assert stat.S_IMODE(first.stat().st_mode) == 0o600 or sys.platform == "win32"


def test_a_crash_log_that_cannot_be_written_prints_no_traceback(cli, demo_copy, monkeypatch):
    from cli import file_commands
    from storage import crash_log

    def broken(*args, **kwargs):
        raise ZeroDivisionError("a bug")

    def nowhere(folder, stem):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(file_commands.summary, "record_counts", broken)
    monkeypatch.setattr(crash_log, "_create_private", nowhere)
    result = cli("--db", demo_copy, "summary")
    assert result.code == 1
    assert "could not be saved" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


HARD_CRASH = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {project!r})
    from storage.crash_log import enable_hard_crash_log
    enable_hard_crash_log()
    import faulthandler
    faulthandler._sigsegv()
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="a segmentation fault")
def test_a_hard_crash_is_written_into_the_crash_folder(tmp_path):
    environment = {**os.environ, "MENTORDESK_DATA_DIR": str(tmp_path)}
    crashed = subprocess.run([sys.executable, "-c", HARD_CRASH.format(project=str(PROJECT))],
                             env=environment, capture_output=True, timeout=60)
    assert crashed.returncode != 0
    watch = tmp_path / "logs" / "hard-crash-watch.txt"
    assert "Fatal Python error" in watch.read_text()
    again = (f"import sys; sys.path.insert(0, {str(PROJECT)!r}); from storage.crash_log "
             "import enable_hard_crash_log; enable_hard_crash_log()")
    subprocess.run([sys.executable, "-c", again], env=environment, check=True, timeout=60)
    kept = list((tmp_path / "logs").glob("crash-*-hard.txt"))
    assert len(kept) == 1 and "Segmentation fault" in kept[0].read_text()
    assert not watch.exists()  # a normal exit leaves no watch file behind


def test_the_window_no_longer_reaches_into_the_command_line():
    import ast

    for path in (PROJECT / "ui").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                assert not node.module.startswith("cli"), path
            if isinstance(node, ast.Import):
                assert not any(alias.name.startswith("cli") for alias in node.names), path
