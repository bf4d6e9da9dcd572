"""The benchmarks' large school, made once and kept in the system's temporary folder.

2,000 students this year (with last year's leavers), 150 mentors, up to 400 matches a year, and
every school day's attendance for two years; the counts are printed when it is made.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

# The demo school's "today": the same school on any day the benchmarks run.
TODAY = dt.date(2026, 11, 24)
STUDENTS, MENTORS, MATCHES = 2000, 150, 400


def bench_folder() -> Path:
    """Where the benchmarks keep what they make between runs."""
    folder = Path(tempfile.gettempdir()) / "mentordesk-bench"
    folder.mkdir(exist_ok=True)
    return folder


def large_school(students: int = STUDENTS) -> Path:
    """The large school's data file (made the first time, whole or not at all)."""
    path = bench_folder() / f"large-school-{students}.sqlite"
    if path.exists():
        return path
    from demo.school import build_demo_school
    from storage.database import open_data_file
    from storage.summary import record_counts

    print(f"Making the large school ({students:,} students)…", flush=True)
    made = path.with_suffix(f".{os.getpid()}.sqlite")
    with open_data_file(made, create=True) as data:
        build_demo_school(data.db, students_count=students, today=TODAY,
                          mentors_count=round(MENTORS * students / STUDENTS),
                          matches_count=round(MATCHES * students / STUDENTS))
        counts = record_counts(data.db)
    for suffix in ("-wal", "-shm", ".lock"):
        Path(str(made) + suffix).unlink(missing_ok=True)
    made.replace(path)
    print("  " + ", ".join(f"{counts[key]:,} {key}" for key in
                           ("students", "mentors", "matches", "meetings", "attendance_days")))
    return path


def fresh_copy(master: Path, target: Path) -> Path:
    """A copy of ``master`` at ``target`` through SQLite's backup API (no backups beside it)."""
    remove(target)
    source, destination = sqlite3.connect(master), sqlite3.connect(target)
    source.backup(destination)
    source.close()
    destination.close()
    return target


def remove(path: Path) -> None:
    """A data file with its side files and backups folder."""
    import shutil

    for suffix in ("", "-wal", "-shm", ".lock"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    shutil.rmtree(path.parent / f"{path.stem} backups", ignore_errors=True)
