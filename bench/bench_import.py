"""How fast a year of daily attendance imports, against just reading the file.

    python bench/bench_import.py [--students 2000] [--days 180] [--runs 3] [--order date]

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
import gc
import os
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from importing.apply import ImportRequest, import_file  # noqa: E402
from importing.plan import read_file  # noqa: E402
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


def make_workbook(path: Path, student_count: int, day_count: int, order: str = "student") -> None:
    """Rows student by student (each one's days in turn), or with ``order="date"`` day by day."""
    from openpyxl import Workbook

    rng = random.Random(7)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Attendance")
    sheet.append(["Student ID", "Last Name", "First Name", "Date", "Attendance Code"])
    codes = ["P"] * 90 + ["A", "E", "T", "T", "H", "", "", "", "UEX", "ISS"]
    slots = [(number, day) for number in range(student_count) for day in school_days(day_count)]
    if order == "date":
        slots.sort(key=lambda slot: (slot[1], slot[0]))
    for number, day in slots:
        sheet.append([str(100000 + number), f"Student{number}", "Test", day, rng.choice(codes)])
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


def whole_import(workbook: Path, data_path: Path, phases: dict[str, float] | None = None) -> int:
    """What ``main.py import attendance FILE`` does: check and open the file, then import it.

    ``phases`` gets the seconds of each part: checking and parsing the file; reading its rows,
    the preview and the writing alongside; closing the data file.
    """
    phases = {} if phases is None else phases
    started = time.perf_counter()
    book = read_file(workbook)
    phases["check and parse"] = time.perf_counter() - started
    with open_data_file(data_path) as data:
        started = time.perf_counter()
        plan, _ = import_file(data.path, ImportRequest(workbook, "attendance"), workbook=book)
        phases["rows, preview, write"] = time.perf_counter() - started
        started = time.perf_counter()
    phases["close"] = time.perf_counter() - started
    return plan.kind_plan.added


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=2000)
    parser.add_argument("--days", type=int, default=180)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--order", choices=("student", "date"), default="student",
                        help="the rows student by student (default) or day by day, as some "
                             "student information systems export them")
    args = parser.parse_args()
    folder = Path(tempfile.gettempdir()) / "mentordesk-bench"
    folder.mkdir(exist_ok=True)
    by_date = "-by-date" if args.order == "date" else ""
    workbook = folder / f"attendance-{args.students}x{args.days}{by_date}.xlsx"
    if not workbook.exists():
        print(f"Making {workbook.name} ({args.students * args.days:,} rows)…", flush=True)
        made = workbook.with_suffix(f".{os.getpid()}.xlsx")  # whole, or not there at all
        make_workbook(made, args.students, args.days, args.order)
        made.replace(workbook)
    master = folder / f"school-{args.students}.sqlite"
    if not master.exists():
        make_data_file(master, args.students)

    target = folder / f"run-{os.getpid()}.sqlite"  # others may run the bench meanwhile
    read_times, import_times, phase_times = [], [], []
    for _ in range(args.runs):
        gc.collect()  # neither timing pays for the other's garbage
        started = time.perf_counter()
        read_with_calamine(workbook)
        read_times.append(time.perf_counter() - started)

        remove_data_file(target)
        source, destination = sqlite3.connect(master), sqlite3.connect(target)
        source.backup(destination)
        source.close()
        destination.close()
        phases: dict[str, float] = {}
        gc.collect()
        started = time.perf_counter()
        added = whole_import(workbook, target, phases)
        import_times.append(time.perf_counter() - started)
        phase_times.append(phases)
        assert added == args.students * args.days, added
    remove_data_file(target)
    read, whole = min(read_times), min(import_times)
    fastest = phase_times[import_times.index(whole)]
    print(f"rows: {args.students * args.days:,}")
    print(f"reading with python-calamine alone: {read:.2f} s")
    print(f"whole import (checks, read, preview, write): {whole:.2f} s")
    print("  of which " + ", ".join(f"{name} {seconds:.2f} s" for name, seconds in
                                    fastest.items()))
    print(f"ratio: {whole / read:.2f} (goal 1.6 or less, never over 2)")


def remove_data_file(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", ".lock"):
        Path(str(path) + suffix).unlink(missing_ok=True)


if __name__ == "__main__":
    main()
