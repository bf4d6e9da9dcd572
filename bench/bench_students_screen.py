"""How fast the Students screen is with 2,000 students: load, show, filter, sort, search.

Run: python bench/bench_students_screen.py [--students 2000]
Prints milliseconds for each step. "Instant" means each step a person waits for after a click or
a key stays under 100 ms; the background load may take longer (the window stays usable).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MENTORDESK_DATA_DIR", tempfile.mkdtemp(prefix="mentordesk-bench-"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def timed(label: str, work, repeat: int = 5) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    print(f"{label:<52} {best * 1000:8.1f} ms")
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--students", type=int, default=2000)
    args = parser.parse_args()

    from demo.school import build_demo_school
    from storage import years
    from storage.database import open_data_file

    path = Path(tempfile.mkdtemp(prefix="mentordesk-bench-")) / "bench.sqlite"
    start = time.perf_counter()
    with open_data_file(path, create=True) as data:
        build_demo_school(data.db, students_count=args.students, today=dt.date(2026, 11, 24))
    print(f"demo school with {args.students} students made in "
          f"{time.perf_counter() - start:.1f} s")

    from PySide6.QtCore import Qt, QThreadPool
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from ui.main_window import MainWindow
    from ui.models import students as student_rows
    from ui.screens.base import select_row

    window = MainWindow()
    window.open_file(path)
    window.show()
    screen = window.screens["students"]
    db = window.desk.db
    year_id = years.current_year(db)["id"]

    rows_holder = {}

    def load() -> None:
        rows_holder["rows"] = student_rows.load_rows(db, year_id)

    timed("read the list (background thread, not waited for)", load, 3)
    rows = rows_holder["rows"]
    print(f"  rows: {len(rows)}")
    timed("set_rows: the view gets 2,000 rows", lambda: (screen.model.set_rows(rows),
                                                        app.processEvents()))
    timed("filter: grade 7", lambda: (screen.grade.setCurrentIndex(screen.grade.findData(7)),
                                      app.processEvents(),
                                      screen.grade.setCurrentIndex(0), app.processEvents()))
    timed("filter: typed text (one key)", lambda: (screen.proxy.set_predicate(
        student_rows.StudentFilter(text="an")), app.processEvents()))
    screen.proxy.set_predicate(student_rows.StudentFilter())
    for column in (student_rows.NAME, student_rows.GRADE, student_rows.TIER,
                   student_rows.LAST_MEETING):
        title = screen.model.COLUMNS[column].title
        timed(f"sort by {title} (click on the title)",
              lambda c=column: (screen.table.sortByColumn(c, Qt.SortOrder.AscendingOrder),
                                app.processEvents(),
                                screen.table.sortByColumn(c, Qt.SortOrder.DescendingOrder),
                                app.processEvents()))
    timed("choose a student (detail pane)", lambda: (select_row(screen.table, 7),
                                                     app.processEvents(),
                                                     select_row(screen.table, 9),
                                                     app.processEvents()))
    from ui.widgets.search_box import find, load_entries

    entries = load_entries(db, year_id)
    timed("search box: one key typed", lambda: find(entries, "mar"))
    timed("whole screen reload, waited for", lambda: (screen.reload(),
                                                     QThreadPool.globalInstance().waitForDone(),
                                                     app.processEvents()), 3)
    window.close()


if __name__ == "__main__":
    main()
