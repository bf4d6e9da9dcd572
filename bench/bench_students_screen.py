"""How fast the Students screen is with 2,000 students: load, show, filter, sort, search.

Run: python bench/bench_students_screen.py [--students 2000]
Prints milliseconds for each step. "Instant" means each step a person waits for after a click or
a key stays under 100 ms; the background load may take longer (the window stays usable). Last,
what the UI thread does when switching screens and years: the click, and the handling of the rows
when they arrive from the background.
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
    # What the first paint sets going (the other screens, the integrity check and the day's
    # backup on another thread) finishes before anything is timed.
    while not window.first_paint.happened or window.screens.unbuilt() \
            or window.file_checks is None or not window.file_checks.done.is_set():
        app.processEvents()
        time.sleep(0.01)
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
    switching(app, window)
    window.close()


def switching(app, window) -> None:
    """What the UI thread does when the facilitator changes screen or year: the click itself,
    then the moment the rows arrive from the background (the longest single step counts); and
    choosing a row to see its details."""
    from PySide6.QtCore import QThreadPool

    from ui.loading import Loader

    steps: list[float] = []
    finished = Loader._finished

    def timed_finished(self, generation, result, on_done):
        start = time.perf_counter()
        finished(self, generation, result, on_done)
        steps.append(time.perf_counter() - start)

    Loader._finished = timed_finished

    def settle(screen) -> float:
        start = time.perf_counter()
        while True:
            QThreadPool.globalInstance().waitForDone(50)
            app.processEvents()
            loaders = [getattr(screen, "loader", None)]
            chart = getattr(screen, "month_chart", None)
            loaders.append(getattr(chart, "loader", None))
            if not screen._dirty and not any(loader and loader.busy for loader in loaders):
                return time.perf_counter() - start

    def report(label: str, click: float, waited: float) -> None:
        slowest = max(steps, default=0.0)
        print(f"{label:<40} click {click * 1000:6.1f} ms, rows in {slowest * 1000:6.1f} ms "
              f"(ready after {waited * 1000:6.0f} ms)")

    print("UI thread when switching (the window stays usable while rows load):")
    for key in window.screens:
        if key == "reports":
            continue  # the report screen builds its document in its own job
        steps.clear()
        start = time.perf_counter()
        window.show_screen(key)
        click = time.perf_counter() - start
        report(f"  go to {key}", click, settle(window.screens[key]))
        screen = window.screens[key]
        if getattr(screen, "detail", None) is not None and screen.proxy.rowCount() > 9:
            from ui.screens.base import select_row

            timed(f"    choose one in the {key} list (details)",
                  lambda s=screen: (select_row(s.table, 7), app.processEvents(),
                                    select_row(s.table, 9), app.processEvents()), 3)
    for index in range(window.year_combo.count()):
        window.show_screen("students")
        settle(window.screens["students"])
        steps.clear()
        start = time.perf_counter()
        window.year_combo.setCurrentIndex(index)
        click = time.perf_counter() - start
        report(f"  year {window.year_combo.currentText()}", click,
               settle(window.screens["students"]))
    Loader._finished = finished


if __name__ == "__main__":
    main()
