"""How long the attendance figures take for a big school: 2,000 students x a whole year.

Run: python bench/attendance_bench.py [--students N]
Prints the load and compute times for daily and exceptions-only data; the goal is well under
a second or two for 2,000 students x 180 days.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis import attendance as analysis_attendance  # noqa: E402
from analysis import outcomes as analysis_outcomes  # noqa: E402
from analysis.years import school_calendar  # noqa: E402
from demo.school import school_calendar as demo_calendar  # noqa: E402
from storage import attendance, attendance_inputs, imports, students, years  # noqa: E402
from storage.database import open_data_file  # noqa: E402

STATUSES = ["absent_excused", "absent_unexcused", "half_day", "tardy", "suspension_in"]


def build(path: Path, count: int, mode: str) -> int:
    """A school with ``count`` students and a whole year of attendance in one import."""
    rng = random.Random(7)
    with open_data_file(path, create=True) as data:
        db = data.db
        first, last, closed = demo_calendar(2025)
        with db.atomic():
            year_id = years.save_year(db, "2025-2026", first, last, closed)
            calendar = school_calendar(db, year_id)
            ids = [students.add_student(db, local_id=f"{n:06d}", first_name="S",
                                        last_name=str(n), year_id=year_id, grade=7)
                   for n in range(count)]
            batch = imports.start_batch(db, "attendance", attendance_mode=mode,
                                        covers_from=first.isoformat(),
                                        covers_through=last.isoformat(), year_id=year_id)
            rows = []
            for sid in ids:
                chance = rng.choice([0.01, 0.03, 0.07, 0.12, 0.25])
                for day in calendar.days:
                    if rng.random() < chance:
                        rows.append((sid, day.isoformat(), rng.choice(STATUSES), "X"))
                    elif mode == "daily":
                        rows.append((sid, day.isoformat(), "present", "P"))
            attendance.insert_days(db, rows, batch)
            if mode == "exceptions":
                attendance_inputs.record_coverage(db, batch, ids)
        return year_id


def timed(label: str, work, repeat: int = 3):
    best = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = work()
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    print(f"  {label:<42} {best * 1000:8.0f} ms")
    return result, best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--students", type=int, default=2000)
    args = parser.parse_args()
    as_of = dt.date(2026, 6, 12)
    with tempfile.TemporaryDirectory() as folder:
        for mode in ("daily", "exceptions"):
            path = Path(folder) / f"{mode}.sqlite"
            year_id = build(path, args.students, mode)
            with open_data_file(path, write=False) as data:
                measure(data.db, year_id, args.students, as_of, mode)


def measure(db, year_id: int, count: int, as_of: dt.date, mode: str) -> None:
    calendar = school_calendar(db, year_id)
    print(f"{mode}: {count} students x {len(calendar.days)} school days")
    timed("load (storage -> plain values)",
          lambda: analysis_attendance.load_student_days(db, year_id, calendar))
    records, best = timed("year_attendance (load + rules)",
                          lambda: analysis_attendance.year_attendance(db, year_id, as_of))
    timed("school_overview", lambda: analysis_attendance.school_overview(db, year_id, as_of))
    sid = records[len(records) // 2].student_id
    timed("student_detail (one student)",
          lambda: analysis_attendance.student_detail(db, sid, year_id, as_of))
    timed("program_outcomes (comparison over everyone)",
          lambda: analysis_outcomes.program_outcomes(db, year_id, as_of))
    print(f"  goal: under 2000 ms for the whole school -> ratio {best / 2.0:.2f} of the goal")

if __name__ == "__main__":
    main()
