"""How soon MentorDesk's window shows its first screen's rows, against a bare PySide6 window.

    python bench/bench_start.py [--runs 7] [--students 2000] [--db FILE]

Both are whole processes, started alternately: a bare window (bench/bare_window.py: an empty
QMainWindow of MentorDesk's size) and ``main.py --db COPY --self-test`` on the large school
(bench/school.py). Each prints "painted" the moment its first paint is done; the time counted
is from starting the process to reading that line. Prints the medians and their ratio (the goal:
1.5 or less).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.school import STUDENTS, bench_folder, fresh_copy, large_school, remove  # noqa: E402

PROJECT = Path(__file__).resolve().parent.parent


def time_to_paint(command: list[str], env: dict[str, str]) -> float:
    """Seconds from starting ``command`` to its "painted" line; the process is then stopped
    (what it does after its first paint is not what is measured)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env=env, cwd=PROJECT)
    try:
        for line in process.stdout:
            if line.startswith(b"painted"):
                return time.perf_counter() - started
        raise SystemExit(f"{command[1]} never painted:\n{process.stderr.read().decode()}")
    finally:
        process.kill()
        process.wait()
        process.stdout.close()
        process.stderr.close()


def measure(runs: int, master: Path) -> tuple[list[float], list[float]]:
    """Alternating runs of the bare window and MentorDesk (after one unmeasured of each)."""
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    # The window remembers its layout beside the data: one folder for every run, as at a
    # school where the window has been opened before.
    env["MENTORDESK_DATA_DIR"] = tempfile.mkdtemp(prefix="mentordesk-bench-start-")
    bare = [sys.executable, str(PROJECT / "bench" / "bare_window.py")]
    copy = bench_folder() / f"start-{os.getpid()}.sqlite"
    app = [sys.executable, str(PROJECT / "main.py"), "--db", str(copy), "--self-test"]
    bare_times, app_times = [], []
    try:
        for run in range(runs + 1):
            fresh_copy(master, copy)
            bare_time = time_to_paint(bare, env)
            app_time = time_to_paint(app, env)
            if run:  # the first of each warms the disk cache and the layout file
                bare_times.append(bare_time)
                app_times.append(app_time)
    finally:
        remove(copy)
    return bare_times, app_times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--students", type=int, default=STUDENTS)
    parser.add_argument("--db", type=Path, help="a data file to open (default: the large "
                        "school, made once)")
    args = parser.parse_args()
    master = args.db or large_school(args.students)
    bare, app = measure(args.runs, master)
    ratio = statistics.median(app) / statistics.median(bare)
    print(f"bare PySide6 window painted: median {statistics.median(bare):.3f} s "
          f"(runs: {', '.join(f'{t:.2f}' for t in bare)})")
    print(f"MentorDesk's first screen painted: median {statistics.median(app):.3f} s "
          f"(runs: {', '.join(f'{t:.2f}' for t in app)})")
    print(f"start ratio: {ratio:.2f} (goal 1.5 or less)")


if __name__ == "__main__":
    main()
