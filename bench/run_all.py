"""Every speed figure of MentorDesk in one run, each against a lower bound measured alongside.

    python bench/run_all.py [--runs 5] [--only start,import,report,screens,memory]

Makes (once, kept in the system's temporary folder) the large school: 2,000 students, 150
mentors, matches and meetings (bench/school.py), and a year of daily attendance for 2,000
students as .xlsx (bench/bench_import.py makes it) and .csv. Then prints, each the median of
``--runs`` runs and its ratio to a lower bound measured in the same run:

- start: the window with its first screen's rows painted, against a bare PySide6 window (both
  whole processes, alternating: bench/bench_start.py);
- attendance import: the .xlsx against reading it with python-calamine (bench/bench_import.py,
  run as it is), the .csv against reading it with Python's csv module;
- the report as .xlsx and .pdf (bench/bench_report.py when it is there), against working out the
  year's attendance alone (which every report needs);
- filtering the students list per key typed, against the same filter over the rows in plain
  Python; switching to a screen whose rows changed, against reading its rows alone;
- peak memory of the window with the large school open (every screen visited), against the bare
  window's.

bench/README.md keeps the figures with the date and the machine.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.school import (  # noqa: E402
    attendance_csv,
    attendance_school,
    bench_folder,
    fresh_copy,
    large_school,
    remove,
)

PROJECT = Path(__file__).resolve().parent.parent
PARTS = ("start", "import", "report", "screens", "memory")


def line(what: str, seconds: float, bound_what: str, bound: float) -> None:
    """One figure: the median, the lower bound's median, their ratio."""
    print(f"{what:<46} {seconds * 1000:9.1f} ms   {bound_what:<40} {bound * 1000:9.1f} ms"
          f"   ratio {seconds / bound:5.2f}", flush=True)


def quietly(work):
    """Run ``work()`` with its printing swallowed (the commands say what they did)."""
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        return work()


# Start ----------------------------------------------------------------------------------------

def start(runs: int) -> None:
    from bench.bench_start import measure

    bare, app = measure(runs, large_school())
    line("start: first screen's rows painted", statistics.median(app),
         "a bare PySide6 window painted", statistics.median(bare))


# Attendance import ---------------------------------------------------------------------------

def import_xlsx(runs: int) -> None:
    """bench/bench_import.py as it is (another piece of work owns it), its figures passed on."""
    done = subprocess.run([sys.executable, str(PROJECT / "bench" / "bench_import.py"),
                           "--runs", str(runs)], capture_output=True, text=True, cwd=PROJECT)
    if done.returncode != 0:
        print(f"attendance import .xlsx: bench_import.py failed:\n{done.stderr}")
        return
    text = done.stdout
    read = re.search(r"reading with python-calamine alone[^:]*: ([0-9.]+) s", text)
    whole = re.search(r"headless import[^:]*: ([0-9.]+) s", text)
    if read and whole:
        line("attendance import .xlsx (bench_import.py)", float(whole[1]),
             "reading it with python-calamine", float(read[1]))
    else:
        print("attendance import .xlsx (bench_import.py says):\n  "
              + "\n  ".join(text.strip().splitlines()))


def import_csv(runs: int) -> None:
    import csv

    from cli import run

    master, source = attendance_school(), attendance_csv()
    target = bench_folder() / f"import-{os.getpid()}.sqlite"
    whole, read = [], []
    try:
        for _ in range(runs):
            started = time.perf_counter()
            with open(source, newline="", encoding="utf-8") as handle:
                rows = sum(1 for _ in csv.reader(handle))
            read.append(time.perf_counter() - started)
            fresh_copy(master, target)
            started = time.perf_counter()
            code = quietly(lambda: run(["--db", str(target), "import", "attendance",
                                        str(source), "--json"]))
            whole.append(time.perf_counter() - started)
            assert code == 0, "the CSV import failed"
    finally:
        remove(target)
    line(f"attendance import .csv ({rows - 1:,} rows)", statistics.median(whole),
         "reading it with Python's csv module", statistics.median(read))


# Reports ---------------------------------------------------------------------------------------

def report(runs: int) -> None:
    own = PROJECT / "bench" / "bench_report.py"
    if own.exists():  # the report's own benchmark (another piece of work writes it)
        done = subprocess.run([sys.executable, str(own), "--runs", str(runs)],
                              capture_output=True, text=True, cwd=PROJECT)
        print("report (bench_report.py says):\n  " + "\n  ".join(
            (done.stdout or done.stderr).strip().splitlines()), flush=True)
        return
    from cli import run

    copy = fresh_copy(large_school(), bench_folder() / f"report-{os.getpid()}.sqlite")
    out = Path(tempfile.mkdtemp(prefix="mentordesk-bench-report-"))
    try:
        bound = statistics.median(_attendance_alone(copy) for _ in range(runs))
        for suffix in (".xlsx", ".pdf"):
            seconds = []
            for number in range(runs):
                target = out / f"report-{number}{suffix}"
                started = time.perf_counter()
                code = quietly(lambda t=target: run(["--db", str(copy), "report", str(t)]))
                seconds.append(time.perf_counter() - started)
                assert code == 0, f"the {suffix} report failed"
            line(f"report {suffix} (the current year)", statistics.median(seconds),
                 "the year's attendance worked out alone", bound)
    finally:
        remove(copy)


def _attendance_alone(path: Path) -> float:
    from analysis.attendance import year_attendance
    from storage import years
    from storage.database import connect

    db = connect(path)
    try:
        year_id = years.current_year(db)["id"]
        started = time.perf_counter()
        year_attendance(db, year_id)
        return time.perf_counter() - started
    finally:
        db.close()


# The window's screens (in a process of its own: Qt) ------------------------------------------

def screens(runs: int) -> None:
    done = subprocess.run([sys.executable, __file__, "--screens-here", str(runs)],
                          capture_output=True, text=True, cwd=PROJECT,
                          env={**os.environ, "QT_QPA_PLATFORM": os.environ.get(
                              "QT_QPA_PLATFORM", "offscreen"),
                               "MENTORDESK_DATA_DIR": tempfile.mkdtemp()})
    print(done.stdout, end="", flush=True)
    if done.returncode != 0:
        print(f"screens: failed\n{done.stderr}")


def screens_here(runs: int) -> None:
    """Filtering per key and switching screens, measured inside the window."""
    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QApplication

    from storage import clock, years
    from storage.database import connect
    from ui.main_window import MainWindow
    from ui.models.students import StudentFilter

    copy = fresh_copy(large_school(), bench_folder() / f"screens-{os.getpid()}.sqlite")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = MainWindow()
    window.resize(1280, 800)
    window.open_file(copy)
    window.show()

    def settle(screen) -> None:
        # Also the work the first paint set going: the other screens, the integrity check and
        # the day's backup (which reads the whole file on another thread).
        while screen._dirty or screen.loader.busy or window.screens.unbuilt() \
                or not window.first_paint.happened or window.file_checks is None \
                or not window.file_checks.done.is_set():
            QThreadPool.globalInstance().waitForDone(20)
            app.processEvents()

    students = window.screens["students"]
    settle(students)
    rows = students.model.rows()
    # Typing a name one key at a time; the list filters at each key (its pause is skipped).
    typed, bound = [], []
    for _ in range(runs):
        for text in ("m", "ma", "mar", "mart", "", "r", "ro", ""):
            started = time.perf_counter()
            students.search.blockSignals(True)
            students.search.setText(text)
            students.search.blockSignals(False)
            students.apply_filters()
            app.processEvents()
            typed.append(time.perf_counter() - started)
            keep = StudentFilter(text=text)
            started = time.perf_counter()
            [row for row in rows if keep(row)]
            bound.append(time.perf_counter() - started)
    line(f"filter the students list, per key ({len(rows):,})", statistics.median(typed),
         "the same filter over the rows in Python", statistics.median(bound))

    db = connect(copy)
    year_id, as_of = years.current_year(db)["id"], clock.today()
    for key in ("students", "mentors", "matches", "meetings"):
        screen = window.screens[key]
        switch, read = [], []
        for _ in range(runs):
            window.show_screen("attendance" if key != "attendance" else "students")
            app.processEvents()
            screen.mark_dirty()  # its records changed while another screen was on
            started = time.perf_counter()
            window.show_screen(key)
            settle(screen)
            switch.append(time.perf_counter() - started)
            started = time.perf_counter()
            screen.read_rows(db, year_id, as_of)
            read.append(time.perf_counter() - started)
        line(f"switch to {key} (its rows changed)", statistics.median(switch),
             "reading its rows alone", statistics.median(read))
    db.close()
    window.close()
    remove(copy)


# Memory ---------------------------------------------------------------------------------------

# Started from a small process of its own: a child's peak memory counts from what its parent
# held when it forked, and this benchmark's process holds a lot by now.
_MEASURE = """
import resource, subprocess, sys
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def peak_memory(command: list[str], env: dict[str, str]) -> int:
    """A whole process's peak resident memory, in bytes (Linux and macOS)."""
    done = subprocess.run([sys.executable, "-c", _MEASURE, *command], capture_output=True,
                          text=True, env=env, cwd=PROJECT)
    code, peak = done.stdout.split()
    assert code == "0", (command, done.stderr)
    return int(peak) * (1 if sys.platform == "darwin" else 1024)


def memory(runs: int) -> None:
    if sys.platform == "win32":
        print("peak memory: measured on Linux and macOS only")
        return
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
           "MENTORDESK_DATA_DIR": tempfile.mkdtemp()}
    copy = bench_folder() / f"memory-{os.getpid()}.sqlite"
    app, bare = [], []
    try:
        for _ in range(max(1, runs // 2)):
            fresh_copy(large_school(), copy)
            app.append(peak_memory([sys.executable, str(PROJECT / "main.py"), "--db", str(copy),
                                    "--self-test"], env))
            bare.append(peak_memory([sys.executable, str(PROJECT / "bench" / "bare_window.py")],
                                    env))
    finally:
        remove(copy)
    mb_app, mb_bare = statistics.median(app) / 1e6, statistics.median(bare) / 1e6
    print(f"{'peak memory, large school open, every screen':<46} {mb_app:9.0f} MB   "
          f"{'a bare PySide6 window':<40} {mb_bare:9.0f} MB   ratio {mb_app / mb_bare:5.2f}",
          flush=True)


def machine() -> str:
    """What the figures were measured on."""
    model = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for text in Path("/proc/cpuinfo").read_text().splitlines():
            if text.startswith("model name"):
                model = text.split(":", 1)[1].strip()
                break
    return (f"{model}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", default=",".join(PARTS),
                        help="which parts, comma-separated: " + ", ".join(PARTS))
    parser.add_argument("--screens-here", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.screens_here:
        screens_here(args.screens_here)
        return
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    print(f"MentorDesk benchmarks, {time.strftime('%Y-%m-%d')}, {machine()}")
    print(f"median of {args.runs} runs each; ratio = the figure / its lower bound\n", flush=True)
    large_school()
    wanted = args.only.split(",")
    for name, part in (("start", start), ("import", import_xlsx), ("import", import_csv),
                       ("report", report), ("screens", screens), ("memory", memory)):
        if name in wanted:
            part(args.runs)


if __name__ == "__main__":
    main()
