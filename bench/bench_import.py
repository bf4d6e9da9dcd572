"""How fast a year of daily attendance imports, against just reading the file.

    python bench/bench_import.py [--students 2000] [--days 180] [--runs 3]

Makes an .xlsx of daily attendance (2,000 students x 180 school days = 360,000 rows; kept in
the system's temporary folder between runs), a data file with the school year and the 2,000
students, then times (best of several runs):

- reading the workbook with python-calamine alone (open it, every cell of every sheet);
- the whole import: the safety checks, reading, finding the table, the preview, and writing
  it in one transaction (into a fresh copy of the data file each time).

Prints both times and their ratio. The goal is 1.6 times the reading or less, never over 2.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from importing.apply import ImportRequest, import_file  # noqa: E402
from storage import settings, students, years  # noqa: E402
from storage.database import open_data_file  # noqa: E402

FIRST_DAY = dt.date(2025, 9, 2)
LAST_DAY = dt.date(2026, 6, 12)


def school_days(count: int) -> list[dt.date]:
    days, day = [], FIRST_DAY
    while len(days) < count:
        if day.weekday() < 5:
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def make_workbook(path: Path, student_count: int, day_count: int) -> None:
    from openpyxl import Workbook

    rng = random.Random(7)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Attendance")
    sheet.append(["Student ID", "Last Name", "First Name", "Date", "Attendance Code"])
    codes = ["P"] * 90 + ["A", "E", "T", "T", "H", "", "", "", "UEX", "ISS"]
    for number in range(student_count):
        local_id = str(100000 + number)
        for day in school_days(day_count):
            sheet.append([local_id, f"Student{number}", "Test", day, rng.choice(codes)])
    book.save(path)


def make_data_file(path: Path, student_count: int) -> None:
    with open_data_file(path, create=True) as data:
        db = data.db
        with db.atomic():
            years.save_year(db, "2025-2026", FIRST_DAY, LAST_DAY)
            settings.set_value(db, "current_year", "2025-2026")
            year_id = years.year_by_name(db, "2025-2026")["id"]
            for number in range(student_count):
                students.add_student(db, year_id=year_id, grade=7,
                                     local_id=str(100000 + number),
                                     first_name="Test", last_name=f"Student{number}")


def read_with_calamine(path: Path) -> int:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    cells = 0
    for name in book.sheet_names:
        rows = book.get_sheet_by_name(name).to_python()
        cells += sum(len(row) for row in rows)
    book.close()
    return cells


def whole_import(workbook: Path, data_path: Path) -> int:
    """What ``main.py import attendance FILE`` does once the data file is open."""
    with open_data_file(data_path) as data:
        plan, _ = import_file(data.path, ImportRequest(workbook, "attendance"))
        return plan.kind_plan.added


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=2000)
    parser.add_argument("--days", type=int, default=180)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.gettempdir()) / "mentordesk-bench"
    folder.mkdir(exist_ok=True)
    workbook = folder / f"attendance-{args.students}x{args.days}.xlsx"
    if not workbook.exists():
        print(f"Making {workbook.name} ({args.students * args.days:,} rows)…", flush=True)
        make_workbook(workbook, args.students, args.days)
    master = folder / f"school-{args.students}.sqlite"
    if not master.exists():
        make_data_file(master, args.students)

    read_times, import_times = [], []
    for _ in range(args.runs):
        started = time.perf_counter()
        read_with_calamine(workbook)
        read_times.append(time.perf_counter() - started)

        target = folder / "run.sqlite"
        for suffix in ("", "-wal", "-shm", ".lock"):
            Path(str(target) + suffix).unlink(missing_ok=True)
        source, destination = sqlite3.connect(master), sqlite3.connect(target)
        source.backup(destination)
        source.close()
        destination.close()
        started = time.perf_counter()
        added = whole_import(workbook, target)
        import_times.append(time.perf_counter() - started)
        assert added == args.students * args.days, added
    read, whole = min(read_times), min(import_times)
    print(f"rows: {args.students * args.days:,}")
    print(f"reading with python-calamine alone: {read:.2f} s")
    print(f"whole import (checks, read, preview, write): {whole:.2f} s")
    print(f"ratio: {whole / read:.2f} (goal 1.6 or less, never over 2)")
    shutil.rmtree(folder / "run.sqlite", ignore_errors=True)


if __name__ == "__main__":
    main()
