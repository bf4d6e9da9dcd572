"""How fast a year of daily attendance imports, against just reading the file.

    python bench/bench_import.py [--students 2000] [--days 180] [--runs 3] [--order date]

Makes an .xlsx of daily attendance (2,000 students x 180 school days = 360,000 rows; kept in
the system's temporary folder between runs), a data file with the school year and the 2,000
students, then times two whole processes, from start to exit, one after the other in turn:

- reading the workbook with python-calamine alone (``python -c`` that opens it and reads the
  sheet with ``to_python()``);
- the headless import (``python main.py --db COPY import attendance FILE``: the safety checks,
  reading, finding the table, the preview, and writing it in one transaction), into a fresh
  copy of the data file each time.

MentorDesk runs from compiled bytecode, as an installed program does (the installer's bundle
holds it, pip compiles it when installing, and Python writes it on a first run), and so does
python-calamine's own Python code: the bench compiles MentorDesk's modules once before timing,
as it makes the workbook once, so that a machine that forbids writing bytecode
(PYTHONDONTWRITEBYTECODE) does not time the compiling of 150 modules in every run
(0.2-0.3 s here). ``--from-source`` times that too: it takes the compiled modules away first.

Prints the median of each and their ratio. The goal is 1.6 times the reading or less.
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from storage import settings, students, years  # noqa: E402
from storage.database import open_data_file  # noqa: E402
from storage.migrations import MIGRATION_NAMES  # noqa: E402

# MentorDesk's own packages (pyproject.toml's list).
PACKAGES = ("cli", "storage", "program", "analysis", "importing", "reports", "ui", "demo",
            "actions")
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


READ = ("from python_calamine import CalamineWorkbook\n"
        "book = CalamineWorkbook.from_path({path!r})\n"
        "rows = [book.get_sheet_by_name(name).to_python() for name in book.sheet_names]\n")


def timed(command: list[str]) -> float:
    """Seconds a whole process takes, from start to exit (it must succeed)."""
    started = time.perf_counter()
    completed = subprocess.run(command, cwd=PROJECT, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if completed.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{completed.stderr}")
    return seconds


def fresh_copy(master: Path, target: Path) -> None:
    remove_data_file(target)
    source, destination = sqlite3.connect(master), sqlite3.connect(target)
    source.backup(destination)
    source.close()
    destination.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=2000)
    parser.add_argument("--days", type=int, default=180)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--order", choices=("student", "date"), default="student",
                        help="the rows student by student (default) or day by day, as some "
                             "student information systems export them")
    parser.add_argument("--from-source", action="store_true",
                        help="take MentorDesk's compiled modules away first (where Python may "
                             "not write bytecode, each run then compiles them)")
    args = parser.parse_args()
    if args.from_source:
        uncompile_program()
    else:
        compile_program()
    folder = Path(tempfile.gettempdir()) / "mentordesk-bench"
    folder.mkdir(exist_ok=True)
    by_date = "-by-date" if args.order == "date" else ""
    workbook = folder / f"attendance-{args.students}x{args.days}{by_date}.xlsx"
    if not workbook.exists():
        print(f"Making {workbook.name} ({args.students * args.days:,} rows)…", flush=True)
        made = workbook.with_suffix(f".{os.getpid()}.xlsx")  # whole, or not there at all
        make_workbook(made, args.students, args.days, args.order)
        made.replace(workbook)
    # Named by the schema's version: an older master would be upgraded inside each timed run.
    master = folder / f"school-{args.students}-m{len(MIGRATION_NAMES)}.sqlite"
    if not master.exists():
        make_data_file(master, args.students)

    target = folder / f"run-{os.getpid()}.sqlite"  # others may run the bench meanwhile
    read_command = [sys.executable, "-c", READ.format(path=str(workbook))]
    import_command = [sys.executable, str(PROJECT / "main.py"), "--db", str(target), "import",
                      "attendance", str(workbook)]
    read_times, import_times = [], []
    for _ in range(args.runs):
        read_times.append(timed(read_command))
        fresh_copy(master, target)
        import_times.append(timed(import_command))
    rows = sqlite3.connect(target).execute("SELECT count(*) FROM attendance").fetchone()[0]
    remove_data_file(target)
    assert rows == args.students * args.days, rows
    read, whole = statistics.median(read_times), statistics.median(import_times)
    print(f"rows: {args.students * args.days:,}")
    print(f"reading with python-calamine alone (whole process): {read:.2f} s "
          f"(runs: {', '.join(f'{t:.2f}' for t in read_times)})")
    print(f"headless import (whole process): {whole:.2f} s "
          f"(runs: {', '.join(f'{t:.2f}' for t in import_times)})")
    print(f"ratio: {whole / read:.2f} (median of {args.runs}, alternating; goal 1.6 or less; "
          f"MentorDesk {'from source' if args.from_source else 'compiled'})")


def compile_program() -> None:
    """Compile MentorDesk's modules to bytecode beside them (in __pycache__), as installing
    it or a first run would; Python rewrites any that are out of date."""
    for package in PACKAGES:
        compileall.compile_dir(PROJECT / package, quiet=1)


def uncompile_program() -> None:
    """Remove MentorDesk's compiled modules, as in a fresh checkout."""
    for package in PACKAGES:
        for cache in (PROJECT / package).rglob("__pycache__"):
            shutil.rmtree(cache, ignore_errors=True)


def remove_data_file(path: Path) -> None:
    """The data file and what MentorDesk keeps beside it (journal, lock, the backups folder
    the import fills before it writes)."""
    for suffix in ("", "-wal", "-shm", ".lock"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    shutil.rmtree(f"{path} backups", ignore_errors=True)


if __name__ == "__main__":
    main()
