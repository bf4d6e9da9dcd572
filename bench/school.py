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


# A year of daily attendance -----------------------------------------------------------------

YEAR = "2025-2026"
FIRST_DAY, LAST_DAY = dt.date(2025, 9, 2), dt.date(2026, 6, 12)


def school_days(count: int = 180) -> list[dt.date]:
    """The first ``count`` weekdays of the year."""
    days, day = [], FIRST_DAY
    while len(days) < count:
        if day.weekday() < 5:
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def attendance_school(students: int = STUDENTS) -> Path:
    """A data file with the year and its students only (where a year's attendance goes)."""
    path = bench_folder() / f"attendance-school-{students}.sqlite"
    if path.exists():
        return path
    from storage import settings, years
    from storage import students as student_records
    from storage.database import open_data_file

    made = path.with_suffix(f".{os.getpid()}.sqlite")
    with open_data_file(made, create=True) as data:
        db = data.db
        with db.atomic():
            year_id = years.save_year(db, YEAR, FIRST_DAY, LAST_DAY)
            settings.set_value(db, "current_year", YEAR)
            for number in range(students):
                student_records.add_student(db, year_id=year_id, grade=6 + number % 3,
                                            local_id=str(100000 + number), first_name="Test",
                                            last_name=f"Student{number}")
    for suffix in ("-wal", "-shm", ".lock"):
        Path(str(made) + suffix).unlink(missing_ok=True)
    made.replace(path)
    return path


def attendance_rows(students: int = STUDENTS, days: int = 180):
    """Header, then one row per student and school day, as a student system exports them."""
    import random

    rng = random.Random(7)
    codes = ["P"] * 90 + ["A", "E", "T", "T", "H", "", "", "", "UEX", "ISS"]
    yield ["Student ID", "Last Name", "First Name", "Date", "Attendance Code"]
    for number in range(students):
        for day in school_days(days):
            yield [str(100000 + number), f"Student{number}", "Test", day, rng.choice(codes)]


def attendance_csv(students: int = STUDENTS, days: int = 180) -> Path:
    """A year of daily attendance as CSV (made once)."""
    import csv

    path = bench_folder() / f"attendance-{students}x{days}.csv"
    if not path.exists():
        made = path.with_suffix(f".{os.getpid()}.csv")
        with open(made, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            for row in attendance_rows(students, days):
                writer.writerow([value.isoformat() if isinstance(value, dt.date) else value
                                 for value in row])
        made.replace(path)
    return path
