"""An import killed part-way (power cut, Task Manager) leaves the file sound: all of the import
or none of it, and no lock left behind."""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
import subprocess
import sys

import pytest

from tests.conftest import PROJECT, run_main
from tests.spreadsheets import csv_file

STUDENTS = 1500
DAYS = 90


def school_days(count: int) -> list[dt.date]:
    days, day = [], dt.date(2025, 9, 2)
    while len(days) < count:
        if day.weekday() < 5 and day not in (dt.date(2025, 11, 27), dt.date(2025, 11, 28)):
            days.append(day)
        day += dt.timedelta(days=1)
    return days


@pytest.fixture
def big_import(data_file, tmp_path):
    roster = csv_file(tmp_path / "roster.csv", [["Student ID", "Last Name", "First Name"]] + [
        [str(500000 + n), f"Student{n}", "Test"] for n in range(STUDENTS)])
    path = data_file.path
    data_file.close()
    assert run_main("--db", path, "import", "students", roster).code == 0
    rows = [["Student ID", "Date", "Code"]]
    for n in range(STUDENTS):
        for index, day in enumerate(school_days(DAYS)):
            rows.append([str(500000 + n), f"{day.month}/{day.day}/{day.year}",
                         "A" if (n + index) % 17 == 0 else "P"])
    return path, csv_file(tmp_path / "attendance.csv", rows)


def state(path) -> tuple[str, int, int]:
    connection = sqlite3.connect(path)
    try:
        integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
        indexes = {name for name, in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'attendance'")}
        if not {"attendance_by_day", "attendance_by_batch"} <= indexes:
            integrity = f"indexes missing: {sorted(indexes)}"
        batches = connection.execute(
            "SELECT count(*) FROM import_batches WHERE kind = 'attendance'").fetchone()[0]
        rows = connection.execute("SELECT count(*) FROM attendance").fetchone()[0]
    finally:
        connection.close()
    return integrity, batches, rows


def start_import(path, csv_path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(PROJECT / "main.py"), "--db", str(path), "import", "attendance",
         str(csv_path)], cwd=PROJECT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def wal_size(path) -> int:
    wal = path.with_name(path.name + "-wal")
    return wal.stat().st_size if wal.exists() else 0


@pytest.mark.slow
def test_an_import_killed_part_way_leaves_all_of_it_or_none_and_no_lock(big_import):
    path, csv_path = big_import
    expected_rows = STUDENTS * DAYS
    outcomes = []
    # Killed while reading the file, while writing (the log of the transaction growing),
    # and later; each time the file must be sound and hold the whole import or none of it.
    for moment in (0.4, 1.0, "writing", 2.0, "end"):
        start_wal = wal_size(path)
        process = start_import(path, csv_path)
        try:
            if moment == "writing":
                # Wait (without sleeping) until the import's transaction has written a lot.
                while process.poll() is None and wal_size(path) < start_wal + 2_000_000:
                    with contextlib.suppress(subprocess.TimeoutExpired):
                        process.wait(timeout=0.02)
            else:
                process.wait(timeout=None if moment == "end" else moment)
        except subprocess.TimeoutExpired:
            pass
        finished = process.poll() is not None
        process.kill()
        process.wait()
        integrity, batches, rows = state(path)
        assert integrity == "ok", moment
        assert (batches, rows) in ((0, 0), (1, expected_rows)), (moment, batches, rows)
        outcomes.append((moment, finished, batches))
        # No stale lock: the next write goes through.
        check = run_main("--db", path, "codes", "set", "ZZ", "present")
        assert check.code == 0, (moment, check.stderr)
        if batches:
            # Start the next round from no attendance again.
            batch = run_main("--db", path, "imports", "--json").json[0]["batch"]
            assert run_main("--db", path, "undo-import", str(batch)).code == 0
            connection = sqlite3.connect(path)
            connection.execute("DELETE FROM import_batches WHERE id = ?", [batch])
            connection.commit()
            connection.close()
    by_moment = {moment: (finished, batches) for moment, finished, batches in outcomes}
    assert by_moment["writing"] == (False, 0), outcomes  # killed mid-transaction: none of it
    assert by_moment["end"] == (True, 1), outcomes  # left to finish: all of it
